from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from xhht.reporting.models import Consolidation
from xhht.reporting.periods import long_date
from xhht.reporting.tests.factories import (
    commune_submission,
    make_consolidation,
    three_accepted_reports,
)
from xhht.reporting.tests.helpers import fill_and_submit
from xhht.testing.world import World


def vn_number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def docx_text(consolidation: Consolidation) -> tuple[str, list[list[list[str]]]]:
    with consolidation.docx.open("rb") as stored:
        document = Document(io.BytesIO(stored.read()))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    cells = "\n".join(c for t in tables for row in t for c in row)
    return paragraphs + "\n" + cells, tables


def test_dates_are_written_as_the_decree_writes_them() -> None:
    import datetime

    assert long_date(datetime.date(2023, 5, 15)) == "ngày 15 tháng 5 năm 2023"
    assert long_date(datetime.date(2024, 2, 5)) == "ngày 05 tháng 02 năm 2024"


def test_the_consolidated_docx_sums_accepted_reports_in_the_states_format(world: World) -> None:
    three_accepted_reports(world)
    consolidation = make_consolidation(world)
    assert (consolidation.state, consolidation.progress) == ("done", 100)
    text, tables = docx_text(consolidation)
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Số: 15/BC-SGDĐT",
        "Cần Thơ, ngày 15 tháng 5 năm 2023",
        "Kết quả xây dựng xã hội học tập năm 2023",
        "Nơi nhận:",
        "GIÁM ĐỐC",
        "Nguyễn Văn A",
        "Phường Ninh Kiều: Đã triển khai.",
    ]:
        assert expected in text, expected
    figures = next(t for t in tables if t[0][:4] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Tổng cộng"])
    totals = {row[1]: vn_number(row[3]) for row in figures[1:]}
    assert totals == {"Gia đình học tập": Decimal(1700), "Lớp tại TTHTCĐ": Decimal(7)}
    with consolidation.xlsx.open("rb") as stored:
        sheet = load_workbook(io.BytesIO(stored.read())).worksheets[0]
    assert str(sheet["A1"].value).startswith("Kết quả xây dựng xã hội học tập năm 2023 — ")
    header = [c.value for c in sheet[2]]  # under the title row
    assert header[:4] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Tổng cộng"]
    assert sheet.cell(row=3, column=4).value == 1700
    assert sheet.cell(row=3, column=4).number_format == "#,##0.##"
    with consolidation.pdf.open("rb") as stored:
        assert stored.read(4) == b"%PDF"


def test_only_accepted_reports_are_consolidated(world: World) -> None:
    fill_and_submit(commune_submission(world), world.commune_officer, [120, 4])
    consolidation = make_consolidation(world)
    _text, tables = docx_text(consolidation)
    figures = next(t for t in tables if t[0][:2] == ["TT", "Chỉ tiêu"])
    assert {row[3] for row in figures[1:]} == {"0"}
