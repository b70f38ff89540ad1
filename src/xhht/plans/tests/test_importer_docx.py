"""A .docx built from a seed's text (header table, headings, bold runs, bullets) reads into the
same proposal as the .txt."""

from __future__ import annotations

import io
import re

import docx
import pytest

from xhht.plans.importer import DocumentError, propose, read_document
from xhht.plans.tests.test_importer_support import found_targets, proposal, seed_text

_HEADING = re.compile(r"^(?:[IVX]+|\d+)\.\s")


def build_docx(text: str) -> bytes:
    """The HCM plan as Word would hold it: the "Số/ngày" header in a table, then the body."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 0).text = "Số: 1968/KH-UBND"
    table.cell(1, 1).text = "Thành phố Hồ Chí Minh, ngày 15 tháng 5 năm 2023"
    body = text[text.index("KẾ HOẠCH") :]
    for raw in body.splitlines():
        line = raw.replace("*", "").strip()
        if not line:
            continue
        if _HEADING.match(line):
            document.add_heading(line, level=1 if line.split(".")[0].isalpha() else 2)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            words = line.split(" ")
            paragraph = document.add_paragraph()
            paragraph.add_run(" ".join(words[:3]) + " ").bold = True
            paragraph.add_run(" ".join(words[3:])).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_round_trip_gives_the_same_targets_as_the_text() -> None:
    text = seed_text("000_hcm")
    found = propose(read_document(build_docx(text), "1968-KH-UBND.docx"))
    assert found_targets(found) == found_targets(proposal("000_hcm"))
    assert (found.number, found.date, found.place) == (
        proposal("000_hcm").number,
        proposal("000_hcm").date,
        proposal("000_hcm").place,
    )
    assert found.bodies == proposal("000_hcm").bodies


def test_docx_tables_become_lines() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Năm 2025"
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_document(buffer.getvalue(), "bang.docx") == "Chỉ tiêu | Năm 2025"


def test_a_broken_docx_says_so() -> None:
    with pytest.raises(DocumentError, match=r"không phải tệp \.docx hợp lệ"):
        read_document(b"not a zip", "hong.docx")


def test_text_files_must_be_utf8() -> None:
    with pytest.raises(DocumentError, match="UTF-8"):
        read_document("Kế hoạch".encode("utf-16"), "ke-hoach.txt")
    assert read_document("\ufeffKế hoạch".encode(), "ke-hoach.md") == "Kế hoạch"
