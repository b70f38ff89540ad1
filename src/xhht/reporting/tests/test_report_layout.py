"""The consolidated report as an office files it (NĐ 30/2020/NĐ-CP), read off the rendered
pages: its DOCX converted to PDF by LibreOffice, and the app's own PDF."""

from __future__ import annotations

from pathlib import Path

from xhht.reporting import consolidate
from xhht.reporting.models import Consolidation
from xhht.reporting.tests.factories import three_accepted_reports, unsaved_consolidation
from xhht.testing import rendered
from xhht.testing.rendered import TextLine, line
from xhht.testing.world import World

ISSUER = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
PARENT = "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"


def _report(world: World) -> Consolidation:
    three_accepted_reports(world)
    return consolidate.start(
        actor=world.coordinator,
        consolidation=unsaved_consolidation(
            world,
            parent_body_name="Ủy ban nhân dân thành phố Cần Thơ",
            place_name="Thành phố Cần Thơ",
        ),
    )


def _check(lines: list[TextLine]) -> None:
    national = line(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = line(lines, "Độc lập - Tự do - Hạnh phúc")
    assert motto.page == national.page == 1 and motto.y0 > national.y0
    number = line(lines, "Số: 15/BC-SGDĐT")
    printed = [
        c.text
        for c in lines
        if c.page == 1 and c.x1 < national.x0 and c.y0 < number.y0 and c.text.strip("_ ")
    ]
    assert " ".join(printed).split() == f"{PARENT} {ISSUER}".split(), printed
    place_date = line(lines, "Cần Thơ, ngày 15 tháng 5 năm 2023")
    assert abs(place_date.y0 - number.y0) < 3  # the number and the date share a row
    recipients = line(lines, "Nơi nhận:")
    signer = line(lines, "Nguyễn Văn A")
    assert line(lines, "GIÁM ĐỐC").page == signer.page == recipients.page
    left = min(c.x0 for c in lines if c.page == 1 and c.text.startswith("Kỳ báo cáo"))
    assert abs(recipients.x0 - left) < 3, (recipients.x0, left)
    assert "Thành phố Cần Thơ, ngày" not in rendered.joined(lines)


@rendered.needs_office
def test_the_report_docx_rendered_by_libreoffice_reads_as_nd30_asks(
    world: World, tmp_path: Path
) -> None:
    report = _report(world)
    with report.docx.open("rb") as stored:
        pdf = rendered.docx_to_pdf(stored.read(), tmp_path)
    _check(rendered.text_lines(pdf, tmp_path))
    used = rendered.fonts(pdf, tmp_path)
    assert rendered.times_or_twin(used), used


@rendered.needs_poppler
def test_the_report_pdf_reads_as_nd30_asks(world: World, tmp_path: Path) -> None:
    report = _report(world)
    with report.pdf.open("rb") as stored:
        pdf = stored.read()
    _check(rendered.text_lines(pdf, tmp_path))
    used = rendered.fonts(pdf, tmp_path)
    assert rendered.times_or_twin(used), used
