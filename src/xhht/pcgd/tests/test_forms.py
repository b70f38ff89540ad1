"""The commune's statistical tables (XLSX) and the file's documents (DOCX), opened back (P3):
the headers and every figure equal the engine's."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from xhht.pcgd import docx_files, engine, recognition, reports
from xhht.pcgd.forms_xlsx import FIRST_DATA_ROW, FORMS, NO_THRESHOLD, NOTE, SUBHEADERS
from xhht.pcgd.models import Cohort
from xhht.pcgd.tests.pages_world import YEAR, graduate, short_commune
from xhht.places.models import Level, Place
from xhht.registry.models import Person
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _workbook(world: World, slug: str) -> Any:
    client = Client()
    client.force_login(world.commune_officer)
    url = reverse("pcgd:form_xlsx", args=[world.commune.pk, slug]) + f"?year={YEAR}"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def test_every_form_has_its_code_headers_and_the_engines_figures_per_hamlet_and_total(
    world: World,
) -> None:
    short_commune(world)
    # A second hamlet with one 16-year-old without a diploma, and one person at the commune.
    other = Place.objects.create(
        level=Level.HAMLET, code="31135-002", name="Khu vực 2", kind="khu vực", parent=world.commune
    )
    Person.objects.create(full_name="Lê Văn Tư", sex="M", birth_year=YEAR - 16, place=other)
    result = engine.compute([world.commune], YEAR)[world.commune.pk]
    by_place = engine.figures_by_place(world.commune, YEAR)
    book = _workbook(world, "all")
    assert book.sheetnames == [spec.code for spec in FORMS.values()]
    for spec in FORMS.values():
        sheet = book[spec.code]
        cells = [[c.value for c in row] for row in sheet.iter_rows()]
        assert cells[0][-1] == f"Biểu {spec.code}" and cells[1][0] == spec.title
        for index, cohort in enumerate(spec.cohorts):
            assert cells[3][2 + 3 * index] == str(Cohort(cohort).label)
            assert tuple(cells[4][2 + 3 * index : 5 + 3 * index]) == SUBHEADERS
        hamlets = cells[FIRST_DATA_ROW : FIRST_DATA_ROW + 2]
        assert [row[1] for row in hamlets] == ["Khu vực 1", "Khu vực 2"]
        total = cells[FIRST_DATA_ROW + 2]
        assert total[1] == "Cộng"
        for place, row in ((world.hamlet, hamlets[0]), (other, hamlets[1])):
            for index, cohort in enumerate(spec.cohorts):
                figure = by_place.get(place.pk, {}).get(cohort)
                want = (figure.denominator, figure.numerator) if figure else (0, 0)
                assert tuple(row[2 + 3 * index : 4 + 3 * index]) == want
        for index, cohort in enumerate(spec.cohorts):
            figure = result.figures[cohort]
            assert tuple(total[2 + 3 * index : 4 + 3 * index]) == (
                figure.denominator,
                figure.numerator,
            )
            rate = reports.rate_of(figure.numerator, figure.denominator)
            assert total[4 + 3 * index] == (float(rate) if rate is not None else None)
        flat = [value for row in cells for value in row if value is not None]
        assert NOTE in flat and "NGƯỜI LẬP BIỂU" in flat
        # Printed like the paper form: A4 landscape, all columns on one page's width
        # (without this LibreOffice split MN-02 over two portrait pages).
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0  # 1 wide is the default


def test_the_thcs_form_gives_the_rates_thresholds_and_level(world: World) -> None:
    short_commune(world)
    sheet = _workbook(world, "thcs")["THCS-TK"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    total = next(row for row in rows if row[1] == "Cộng")
    assert total[2:5] == [10, 8, 80.0]
    level_2 = next(row for row in rows if row[1] == "Phổ cập giáo dục trung học cơ sở mức độ 2")
    assert level_2[2:6] == [str(Cohort.THCS_DIPLOMA_15_18.label), 80.0, 90.0, "Chưa đạt"]
    assert next(row for row in rows if row[1] == "Mức đạt")[1:3] == ["Mức đạt", "Mức độ 1"]
    level_3 = [row for row in rows if row[4] == NO_THRESHOLD]
    assert level_3 == []  # mức 3's thresholds are confirmed (Đ16)


def test_an_unentered_threshold_reads_as_left_to_the_province_in_the_form(world: World) -> None:
    short_commune(world, enter_threshold=False)
    sheet = _workbook(world, "thcs")["THCS-TK"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    level_2 = next(row for row in rows if row[1] == "Phổ cập giáo dục trung học cơ sở mức độ 2")
    assert level_2[4] == NO_THRESHOLD


def _texts(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_self_check_request_and_decision_open_with_the_frozen_figures(world: World) -> None:
    made = short_commune(world)
    graduate(made.last)
    dossier = recognition.submit_dossier(
        actor=world.commune_officer,
        commune=world.commune,
        school_year=YEAR,
        codes=["pcgd_thcs_2"],
    )
    graduate(made.people[8])  # after submission: the documents keep the frozen 9/10
    standards = reports.thaw(dossier.snapshot)
    today = datetime.date(2026, 11, 20)
    check = _texts(
        docx_files.self_check_docx(
            commune=world.commune,
            school_year=YEAR,
            codes=dossier.codes,
            standards=standards,
            today=today,
        )
    )
    assert "BIÊN BẢN" in check and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in check
    assert "9/10" in check and "90 (tỉnh nhập)" in check and "TRƯỞNG BAN" in check
    request = _texts(
        docx_files.request_docx(
            commune=world.commune,
            province=world.province,
            school_year=YEAR,
            codes=dossier.codes,
            standards=standards,
            today=today,
        )
    )
    assert "TỜ TRÌNH" in request and "Kính gửi: Ủy ban nhân dân Thành phố Cần Thơ." in request
    assert "ngày 20 tháng 11 năm 2026" in request and "9/10" in request
    assert "phổ cập giáo dục trung học cơ sở mức độ 2" in request
    decision = _texts(
        docx_files.decision_docx(
            commune=world.commune,
            province=world.province,
            school_year=YEAR,
            codes=dossier.codes,
            decision_number="15/QĐ-UBND",
            decision_date=today,
        )
    )
    assert "QUYẾT ĐỊNH" in decision and "Số: 15/QĐ-UBND" in decision
    assert "Điều 1. Công nhận Phường Ninh Kiều đạt chuẩn" in decision
