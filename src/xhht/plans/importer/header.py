"""Number, date, place and title from the top of a plan."""

from __future__ import annotations

import datetime
import re

from .textutil import fold_keep, sentence_case, strip_punct

_NUMBER = re.compile(r"^Số\s*:?\s*(\d+)\s*/\s*([A-ZĐ][A-ZĐ0-9&\-]*(?:/[A-ZĐ0-9&\-]+)?)")
_DATE_LINE = re.compile(
    r"^(?:(?P<place>[^,]{2,80}),\s*)?ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_ISSUER_PLACE = re.compile(
    r"(?:Ủy|Uỷ) ban nhân dân (?P<place>(?:thành phố|tỉnh|thị xã|huyện|quận) [^,.;()]{2,40}?) ban hành"
)
_PLAN_YEAR = re.compile(r"\bnăm (20\d\d)\b", re.IGNORECASE)


def number(header: list[str]) -> str | None:
    for line in header:
        match = _NUMBER.match(line)
        if match:
            return f"{match.group(1)}/{match.group(2)}"
    return None


def date_and_place(header: list[str]) -> tuple[datetime.date | None, str | None]:
    for line in header:
        match = _DATE_LINE.match(line)
        if not match:
            continue
        try:
            when = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            when = None
        place = strip_punct(match["place"]) if match["place"] else None
        return when, place
    return None, None


def place_from_body(lines: list[str]) -> str | None:
    """ "Ủy ban nhân dân thành phố Hà Nội ban hành …" when the plan has no date line."""
    for line in lines[:40]:
        match = _ISSUER_PLACE.search(line)
        if match:
            return sentence_case(match["place"].strip())
    return None


def plan_year(title: str, date: datetime.date | None) -> int | None:
    """A yearly plan names its year in the title ("… năm 2023 …"); else the year of issue."""
    folded = fold_keep(title)
    for match in _PLAN_YEAR.finditer(title):
        before = folded[max(0, match.start() - 12) : match.start()]
        if "giai doan" not in before:
            return int(match.group(1))
    return date.year if date else None


# The plan's name runs to the end of its sentence, however long ("… ban hành Kế hoạch thực hiện
# Chỉ thị số 29 … trong giáo dục phổ thông đến năm 2030.").
_BODY_PLAN_YEAR = re.compile(r"\bke hoach\b[^.;:]{0,400}?\bnam (20\d\d)\b")


def plan_year_from_body(lines: list[str]) -> int | None:
    """A news text about a yearly plan ("… vừa có kế hoạch thực hiện … năm 2019.") or a plan
    with a horizon ("… ban hành Kế hoạch … đến năm 2030."), when the document has no title nor
    date: the year the plan is for, the default of its aims. A period ("giai đoạn 2021 - 2025")
    or a date ("ngày 5 tháng 4 năm 2019") is not a plan year."""
    for line in lines[:12]:
        folded = fold_keep(line)
        for match in _BODY_PLAN_YEAR.finditer(folded):
            before = folded[max(0, match.start(1) - 25) : match.start(1)]
            if "giai doan" not in before and "thang" not in before:
                return int(match.group(1))
    return None
