"""The pieces of NĐ 30/2020 every document shares: the place name and the issuer's lines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from xhht.core.nd30 import Line, closing, issuer_lines, new_document, paragraph, place_name
from xhht.testing import rendered


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("Thành phố Cần Thơ", "Cần Thơ"),
        ("Phường Cái Khế", "Cái Khế"),
        ("xã  Tân Lộc", "Tân Lộc"),
        ("Đặc khu Phú Quốc", "Phú Quốc"),
        ("Phường 1", "Phường 1"),
        ("Cần Thơ", "Cần Thơ"),
    ],
)
def test_a_document_is_dated_at_the_place_name_without_its_kind(written: str, printed: str) -> None:
    assert place_name(written) == printed


def test_the_council_stands_on_its_own_line_and_the_place_follows() -> None:
    assert issuer_lines("Ủy ban nhân dân phường Cái Khế") == ["ỦY BAN NHÂN DÂN", "PHƯỜNG CÁI KHẾ"]


def test_a_long_name_breaks_between_words_only() -> None:
    name = "Sở Giáo dục và Đào tạo thành phố Cần Thơ"
    lines = issuer_lines(name)
    assert len(lines) > 1
    assert " ".join(lines).split() == name.upper().split()
    assert all(len(line) <= 22 for line in lines)


@rendered.needs_office
def test_the_closing_block_never_splits_across_pages(tmp_path: Path) -> None:
    """Documents whose text ends at every height of the page's last third: "Nơi nhận" and the
    signer's name always land on the same page."""
    documents = []
    for lines in range(34, 48):
        document = new_document(size=14)
        for n in range(lines):
            paragraph(document, f"Dòng thứ {n + 1} của văn bản.")
        signer = [Line("CHỦ TỊCH", bold=True, size=14), *[Line("", size=14)] * 4]
        closing(
            document,
            recipients=["- Như Điều 3;", "- Lưu: VT."],
            signer=[*signer, Line("Lê Văn Cường", bold=True, size=14)],
        )
        buffer = io.BytesIO()
        document.save(buffer)
        documents.append(buffer.getvalue())
    for pdf in rendered.docxs_to_pdfs(documents, tmp_path):
        lines_read = rendered.text_lines(pdf, tmp_path)
        pages = {rendered.line(lines_read, t).page for t in ("Nơi nhận:", "Lê Văn Cường")}
        assert len(pages) == 1, pages
