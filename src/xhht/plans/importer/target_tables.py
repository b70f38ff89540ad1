"""Tables of targets: a .docx table (cells joined by " | ") read by its year columns."""

from __future__ import annotations

import re
from dataclasses import replace

from .rules import match_indicator
from .target_base import _WORD, _decimal, _Found
from .target_numbers import _unit_targets
from .textutil import fold_keep, has_any

_CELL_VALUE = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)\s*(%?)$|^(\d{1,4})\s*/\s*(\d{1,4})$")
_CELL_YEAR = re.compile(
    r"(?:^|nam |den |giai doan 20\d\d\s*[-–—]\s*|ke hoach |muc tieu |kh )(20\d\d)\b"
)
_CELL_PAST = "thuc hien|ket qua|uoc |hien trang|hien nay|da dat|thuc te"


def _table_targets(rows: list[str], date_year: int | None) -> list[tuple[_Found, str]]:
    """A table of targets (a .docx table: cells joined by " | "): a header row names the years of
    its columns ("Chỉ tiêu | Năm 2025 | Năm 2030"), each row below names what is counted and
    gives a value per year. A column of results ("Thực hiện 2020", a year before the plan) is not
    read; a row whose values cannot be put under their years (merged or missing cells) is
    skipped, never guessed."""
    out: list[tuple[_Found, str]] = []
    header: list[int | None] = []
    percent = False
    for row in rows[:400]:
        cells = [cell.strip() for cell in row.split(" | ")][:20]
        folded = [fold_keep(cell) for cell in cells]
        values = [_CELL_VALUE.match(cell) for cell in folded]
        years = [_cell_year(cell, date_year) for cell in folded]
        if any(years) and not any(values):
            header, percent = years, any("%" in cell or "ty le" in cell for cell in folded)
            continue
        labels = [i for i, cell in enumerate(folded) if _WORD.search(cell) and not values[i]]
        if not header or not labels:
            continue
        label = cells[labels[-1]]
        given = [(i, m) for i, m in enumerate(values) if m and i > labels[-1]]
        columns = [i for i, year in enumerate(header) if year]
        if len(cells) == len(header):
            pairs = [(header[i], m) for i, m in given if header[i]]
        elif len(given) == len(columns):
            pairs = [(header[j], m) for j, (_, m) in zip(columns, given, strict=True)]
        else:
            continue
        for year, match in pairs:
            out += [(item, row) for item in _cell_targets(match, label, year, percent)]
    return out


def _cell_year(folded: str, date_year: int | None) -> int | None:
    match = _CELL_YEAR.search(folded)
    if match is None or has_any(folded, _CELL_PAST):
        return None
    year = int(match.group(1))
    return None if date_year and year < date_year else year


def _cell_targets(
    match: re.Match[str], label: str, year: int | None, percent: bool
) -> list[_Found]:
    number, sign, part, whole = match.groups()
    if part:  # "12/17": a count of places with its denominator
        return [
            replace(item, year=year, stated=True)
            for item in _unit_targets(f"{part}/{whole} {label}", year, True)
        ]
    if sign or percent or "ty le" in fold_keep(label):
        return [
            replace(item, year=year, stated=True)
            for item in _unit_targets(f"{number}% {label}", year, True)
        ]
    code = match_indicator(fold_keep(label))
    return [_Found(code, year, _decimal(number), "count", False, False, label, True)]
