"""Issue 17, Done-when: the report forms open in LibreOffice with their headers and figures.

LibreOffice opens the commune's workbook and saves it again; the copy it wrote, read back with
openpyxl, has every sheet's code, title, headers and figures equal to the engine's. The file's
request and decision render in LibreOffice with the NĐ 30/2020 header and the frozen figures.
Skipped, saying why, only where LibreOffice or poppler is not installed."""

from __future__ import annotations

import datetime
import io
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from xhht.pcgd import docx_files, engine, recognition, reports
from xhht.pcgd.forms_xlsx import FIRST_DATA_ROW, FORMS, forms_workbook
from xhht.pcgd.models import Cohort
from xhht.pcgd.tests.pages_world import YEAR, graduate, short_commune
from xhht.testing import rendered
from xhht.testing.world import World

pytestmark = [pytest.mark.django_db, pytest.mark.slow, rendered.needs_office]


def _through_libreoffice(xlsx: bytes, folder: Path) -> bytes:
    """The workbook as LibreOffice opens and saves it again (its own profile)."""
    assert rendered.SOFFICE is not None
    source = folder / "source" / "bieu.xlsx"
    source.parent.mkdir()
    source.write_bytes(xlsx)
    out = folder / "out"
    subprocess.run(  # noqa: S603 - the installed LibreOffice, fixed arguments, our own file
        [
            rendered.SOFFICE,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return (out / "bieu.xlsx").read_bytes()


def test_the_four_forms_open_in_libreoffice_with_their_headers_and_figures(
    world: World, tmp_path: Path
) -> None:
    short_commune(world)
    figures = reports.commune_figures(world.commune, YEAR)
    xlsx = forms_workbook(figures, list(FORMS), today=datetime.date(2026, 11, 20))
    book = load_workbook(io.BytesIO(_through_libreoffice(xlsx, tmp_path)))
    result = engine.compute([world.commune], YEAR)[world.commune.pk]
    assert book.sheetnames == [spec.code for spec in FORMS.values()]
    for spec in FORMS.values():
        rows = [[c.value for c in row] for row in book[spec.code].iter_rows()]
        assert rows[1][0] == spec.title
        assert "Thời điểm: ngày 20/11/2026" in str(rows[2][0])
        total = next(row for row in rows[FIRST_DATA_ROW:] if row[1] == "Cộng")
        for index, cohort in enumerate(spec.cohorts):
            assert rows[3][2 + 3 * index] == str(Cohort(cohort).label)
            figure = result.figures[cohort]
            assert (total[2 + 3 * index], total[3 + 3 * index]) == (
                figure.denominator,
                figure.numerator,
            )
    thcs = [[c.value for c in row] for row in book["THCS-TK"].iter_rows()]
    assert next(row for row in thcs if row[1] == "Cộng")[2:5] == [10, 8, 80]


def test_the_request_and_decision_render_in_libreoffice(world: World, tmp_path: Path) -> None:
    made = short_commune(world)
    graduate(made.last)
    dossier = recognition.submit_dossier(
        actor=world.commune_officer,
        commune=world.commune,
        school_year=YEAR,
        codes=["pcgd_thcs_2"],
    )
    day = datetime.date(2026, 11, 20)
    standards = reports.thaw(dossier.snapshot)
    request = docx_files.request_docx(
        commune=world.commune,
        province=world.province,
        school_year=YEAR,
        codes=dossier.codes,
        standards=standards,
        today=day,
    )
    decision = docx_files.decision_docx(
        commune=world.commune,
        province=world.province,
        school_year=YEAR,
        codes=dossier.codes,
        decision_number="15/QĐ-UBND",
        decision_date=day,
    )
    request_pdf, decision_pdf = rendered.docxs_to_pdfs([request, decision], tmp_path)
    lines = rendered.text_lines(request_pdf, tmp_path)
    national = rendered.line(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    issuer = rendered.line(lines, "ỦY BAN NHÂN DÂN")
    assert national.page == 1 and abs(national.y0 - issuer.y0) < 2  # one header row
    text = rendered.joined(lines)
    assert "TỜ TRÌNH" in text and "9/10" in text and "Nơi nhận:" in text
    assert rendered.times_or_twin(rendered.fonts(request_pdf, tmp_path))
    decision_text = rendered.joined(rendered.text_lines(decision_pdf, tmp_path))
    assert "QUYẾT ĐỊNH" in decision_text and "15/QĐ-UBND" in decision_text
