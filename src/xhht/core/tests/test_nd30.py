"""The pieces of NĐ 30/2020 every document shares: the place name and the issuer's lines."""

from __future__ import annotations

import pytest

from xhht.core.nd30 import issuer_lines, place_name


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
