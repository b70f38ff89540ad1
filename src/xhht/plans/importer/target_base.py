"""What the target reader's modules share: what a target found in the text is (``_Found``),
the numbers that anchor targets and the horizons ("đến năm 2025") sentences state."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .proposal import Kind

_NUM = r"\d{1,3}(?:[.,]\d{1,2})?"
_PERCENT = re.compile(rf"(?<![\d/.,])({_NUM})\s*%")
# "70 - 80%", "70% - 80%", "từ 70% đến 80%": one target, the lower bound (folded text).
_RANGE = re.compile(rf"(?<![\d/.,])({_NUM})\s*%?\s*(?:-|–|—|den|toi)\s*({_NUM})\s*%")
_AT_LEAST = re.compile(r"(?:it nhat|toi thieu)\s+(\d{1,4})\b")
_PLACE_NOUN = r"(?:xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|don vi)"
_OF = re.compile(rf"(?<![\d/])(\d{{1,4}})\s*/\s*(\d{{1,4}})\s+(?:cac\s+)?{_PLACE_NOUN}\b")
# "phấn đấu 1 huyện đạt chuẩn …", "có thêm 5 xã …": a count of places (not "15 tuổi", "mức độ 2").
_COUNT = re.compile(
    rf"\b(?:phan dau|co|them|dat|xay dung)\s+(?:them\s+|duoc\s+)?(\d{{1,3}})\s+{_PLACE_NOUN}\b"
)
_YEAR = r"(20\d\d)"
# A horizon: "đến (hết) năm 2025", "vào năm 2030", "trong giai đoạn 2021–2025", "Năm 2024, …",
# "mục tiêu năm 2015 có 80%";
# "tính đến hết năm 2023" is the date of a result, and "(Đề án) … giai đoạn 2021 - 2030" a name.
_SENTENCE_YEAR = re.compile(
    rf"(?:(?:den|toi|vao|trong|het|cuoi|den het|den cuoi)\s+(?:het\s+|cuoi\s+)?nam\s+"
    rf"{_YEAR}|(?:^|trong |muc tieu |chi tieu )giai doan\s+20\d\d\s*[-–—]\s*{_YEAR}"
    rf"|(?:^\s*|muc tieu |chi tieu |phan dau )nam\s+{_YEAR}\b)"
)
_WORD = re.compile(r"[^\W\d_]+")
# A list of standards sharing a number or a verb: "100% huyện đạt chuẩn xóa mù chữ mức độ 2, duy
# trì phổ cập giáo dục mầm non cho trẻ 5 tuổi, đạt chuẩn phổ cập tiểu học mức độ 3".
_STANDARD_NAME = "pho cap|pcgd|xoa mu chu|xmc"


@dataclass
class _Anchor:
    start: int
    end: int
    value: Decimal
    count: bool
    of: Decimal | None = None


@dataclass
class _Found:
    code: str | None
    year: int | None
    value: Decimal | None
    kind: Kind
    of_which: bool
    short: bool
    label: str
    stated: bool  # the text states the year (not the plan's default)
    of: Decimal | None = None
    levels: list[str] = field(default_factory=list)
    group: int = -1  # the number it comes from, in its unit (-1: a unit without a number)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _year_matches(folded: str) -> list[tuple[re.Match[str], int]]:
    return [
        (m, int(next(group for group in m.groups() if group)))
        for m in _SENTENCE_YEAR.finditer(folded)
        if "tinh den" not in folded[max(0, m.start() - 9) : m.start() + 8]
    ]


def _sentence_years(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), year) for m, year in _year_matches(folded)]


def _first_number(folded: str) -> int:
    """Where the first number that could be a target is (len when none), without reading it."""
    found = [m.start() for p in (_PERCENT, _OF, _AT_LEAST, _COUNT) if (m := p.search(folded))]
    return min(found, default=len(folded))
