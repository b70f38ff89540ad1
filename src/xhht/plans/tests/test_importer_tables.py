"""Tasks listed in a table (the "Phân công nhiệm vụ" appendix many plans carry after the
signature): a real .docx built here and read back, and the same table in Markdown."""

from __future__ import annotations

import datetime
import io

import docx

from xhht.plans.importer import propose, read_document

_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
_ROWS = [
    ["I", "CÔNG TÁC TUYÊN TRUYỀN", "", "", ""],
    [
        "1",
        "Tổ chức Tuần lễ hưởng ứng học tập suốt đời",
        "Sở GD&ĐT",
        "Sở Văn hóa, Thể thao và Du lịch, UBND các huyện",
        "Quý III/2024",
    ],
    ["2", "Biểu dương gương điển hình", "Hội Khuyến học tỉnh", "", "Hằng năm, trước ngày 20/11"],
    ["II", "KIỂM TRA, GIÁM SÁT", "", "", ""],
    ["3", "Kiểm tra việc thực hiện Kế hoạch tại cơ sở", "UBND các xã, phường", "", "Tháng 10/2024"],
]
_PLAN = (
    "KẾ HOẠCH",
    "Xây dựng xã hội học tập năm 2024",
    "I. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Đẩy mạnh tuyên truyền về học tập suốt đời.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Sở Giáo dục và Đào tạo (Sở GD&ĐT) chủ trì triển khai Kế hoạch.",
    "Nơi nhận:",
    "- Như trên;",
    "PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ",
)


def _docx() -> bytes:
    document = docx.Document()
    for line in _PLAN:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(_HEADER))
    for row in [_HEADER, *_ROWS]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
        if not row[2]:  # a group row: one merged cell after the number
            cells[1].merge(cells[4])
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _markdown() -> str:
    rows = [_HEADER, ["---"] * len(_HEADER), *_ROWS]
    return "\n".join(_PLAN) + "\n\n" + "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _check(text: str) -> None:
    tasks = [task for task in propose(text).tasks if "Tuần lễ" in task.text or "Biểu" in task.text
             or "Kiểm tra việc" in task.text]  # fmt: skip
    first, second, third = tasks
    assert (first.body, first.group) == ("Sở Giáo dục và Đào tạo", "CÔNG TÁC TUYÊN TRUYỀN")
    assert first.supporting == ["Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các huyện"]
    assert (first.deadline_kind, first.deadline_quarter, first.deadline_year) == (
        "quarter",
        3,
        2024,
    )
    assert (second.body, second.supporting) == ("Hội Khuyến học tỉnh", [])
    assert (second.deadline_kind, second.yearly_day, second.yearly_month) == ("yearly", 20, 11)
    assert (third.body, third.body_level, third.group) == (
        "Ủy ban nhân dân các xã, phường",
        "commune",
        "KIỂM TRA, GIÁM SÁT",
    )
    assert (third.deadline_kind, third.deadline_date) == ("date", datetime.date(2024, 10, 31))


def test_a_task_table_in_a_docx_appendix_gives_one_task_a_row() -> None:
    text = read_document(_docx(), "ke-hoach.docx")
    _check(text)
    found = propose(text)
    assert len(found.tasks) == 2 + 3  # the numbered item, the department's paragraph, 3 rows


def test_the_same_table_in_markdown() -> None:
    _check(_markdown())


def test_a_table_without_a_lead_column_is_no_task_table() -> None:
    text = (
        "\n".join(_PLAN)
        + "\n"
        + "STT | Chỉ tiêu | Năm 2024 | Năm 2025\n1 | Gia đình học tập | 60% | 65%\n"
    )
    assert all("Gia đình" not in task.text for task in propose(text).tasks)
