"""The consolidated campaign report as a DOCX in the NĐ 30/2020/NĐ-CP layout (``core.nd30``):
the issuer and the Quốc hiệu, "BÁO CÁO" and the campaign's name, who reported, a table of the
communes' and bodies' figures, what each did, who has not reported, then "Nơi nhận" and the
signer. The number and the signer's name are left for the office to fill."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from xhht.centres.campaigns import expected_communes, received
from xhht.centres.models import Campaign, CampaignActivity
from xhht.core import nd30
from xhht.core.nd30 import Line, paragraph
from xhht.core.text import group_thousands

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


@dataclass(frozen=True)
class Signature:
    """Who issues and signs the report (the form on the campaign's page; defaults: the
    people's committee of the campaign's place)."""

    issuer: str
    signer_title: str
    signer_name: str = ""


def default_signature(campaign: Campaign) -> Signature:
    return Signature(
        issuer=f"Ủy ban nhân dân {campaign.place.name}",
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
    )


def long_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2024": NĐ 30/2020 puts a zero before days below 10 and months
    1 and 2."""
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def _name(activity: CampaignActivity) -> str:
    return str(activity.place or activity.body)


def _table(document: DocxDocument, reports: list[CampaignActivity]) -> None:
    headers = ["TT", "Đơn vị báo cáo", "Số người tham gia", "Số lớp học, hoạt động"]
    widths = [Cm(1.2), Cm(8.3), Cm(3.5), Cm(3.5)]
    table = nd30.fixed_table(document, 1, widths)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(12)
    rows = [
        (str(i), _name(r), r.participants, len(r.classes.all()))
        for i, r in enumerate(reports, start=1)
    ]
    total = ("", "Tổng cộng", sum(r[2] for r in rows), sum(r[3] for r in rows))
    for values in [*rows, total]:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx's add_row is unannotated
        texts = [values[0], values[1], group_thousands(values[2]), group_thousands(values[3])]
        for column, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            cell.width = widths[column]
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
            run.bold = values is total
            if column >= 2:
                cell.paragraphs[0].alignment = RIGHT


def campaign_docx(campaign: Campaign, signature: Signature, *, today: datetime.date) -> bytes:
    reports = received(campaign)
    communes = expected_communes(campaign)
    reported = {r.place_id for r in reports if r.place_id is not None}
    missing = [c for c in communes if c.pk not in reported]
    bodies = [r for r in reports if r.body_id is not None]
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body="",
        issuer=signature.issuer,
        number_line="Số:        /BC",
        place_date=f"{nd30.place_name(campaign.place.name)}, {long_date(today)}",
    )
    paragraph(document, "")
    paragraph(document, "BÁO CÁO", bold=True, align=CENTER)
    paragraph(document, f"Kết quả tổ chức {campaign.name}", bold=True, align=CENTER)
    paragraph(document, "_" * 10, size=10, align=CENTER, space_after=6)
    paragraph(
        document,
        f"Thời gian tổ chức: từ {long_date(campaign.start_date)} đến "
        f"{long_date(campaign.end_date)}. Số xã, phường đã báo cáo: "
        f"{len(reported)}/{len(communes)}; số cơ quan, đơn vị đã báo cáo: {len(bodies)}. "
        f"Tổng số người tham gia: {group_thousands(sum(r.participants for r in reports))}.",
        space_after=6,
    )
    paragraph(document, "I. TỔNG HỢP SỐ LIỆU", bold=True, keep_with_next=True, space_after=6)
    if reports:
        _table(document, reports)
    else:
        paragraph(document, "Chưa có đơn vị nào gửi báo cáo.")
    paragraph(document, "")
    paragraph(
        document, "II. CÁC HOẠT ĐỘNG ĐÃ TỔ CHỨC", bold=True, keep_with_next=True, space_after=6
    )
    for number, report in enumerate(reports, start=1):
        made = document.add_paragraph()
        made.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        made.paragraph_format.space_after = Pt(3)
        made.add_run(f"{number}. {_name(report)}: ").bold = True
        made.add_run(report.description)
        titles = [c.title for c in report.classes.all()]
        if titles:
            made.add_run(" Lớp học, hoạt động: " + "; ".join(titles) + ".").italic = True
    paragraph(document, "III. ĐƠN VỊ CHƯA BÁO CÁO", bold=True, keep_with_next=True, space_after=6)
    paragraph(
        document,
        ", ".join(c.name for c in missing) + "." if missing else "Không có.",
        space_after=6,
    )
    paragraph(document, "", keep_with_next=True)
    title_lines = [t for t in signature.signer_title.upper().splitlines() if t.strip()]
    signer = [Line(t, bold=True, size=14) for t in title_lines]
    signer += [Line("", size=14)] * 4 + [Line(signature.signer_name, bold=True, size=14)]
    nd30.closing(
        document,
        recipients=["- Các xã, phường, cơ quan, đơn vị đã báo cáo;", "- Lưu: VT."],
        signer=signer,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
