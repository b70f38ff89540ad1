"""Households workbooks for import tests: n households (one head each), optionally with errors."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any

from xhht.core.sheets import write_sheet
from xhht.registry.imports.households import COLUMNS

HEADERS = [title for _key, title in COLUMNS]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Lan", "Minh", "Ngọc", "Phúc"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng"]


def row(i: int, hamlet: str) -> list[Any]:
    name = f"{FAMILY[i % 7]} Văn {GIVEN[i % 10]} {i}"
    return [
        f"H{i:06d}",
        hamlet,
        f"{i} Mậu Thân",
        name,
        "Chủ hộ",
        "Nam" if i % 2 else "Nữ",
        1950 + i % 60,
        "Kinh",
        "Trung học phổ thông",
        "Nông dân, lao động nông thôn",
        f"092{i:09d}",
        "",
    ]


def rows(n: int, hamlet: str, errors: dict[int, list[Any]] | None = None) -> Iterator[list[Any]]:
    for i in range(n):
        yield (errors or {}).get(i) or row(i, hamlet)


def workbook(n: int, hamlet: str, errors: dict[int, list[Any]] | None = None) -> BytesIO:
    buffer = BytesIO()
    write_sheet(buffer, "Ho gia dinh", HEADERS, rows(n, hamlet, errors))
    buffer.seek(0)
    return buffer


def planted_errors(hamlet: str) -> dict[int, list[Any]]:
    """Twenty rows, each with one mistake of the kinds the issue names (index → row)."""
    errors: dict[int, list[Any]] = {}
    for k in range(20):
        i = 1000 + k * 37
        bad = row(i, hamlet)
        match k % 6:
            case 0:
                bad[3] = ""  # missing name
            case 1:
                bad[1] = "Thôn Không Có"  # unknown hamlet
            case 2:
                bad[10] = "09212345"  # CCCD not 12 digits
            case 3:
                bad[10] = row(5, hamlet)[10]  # duplicate CCCD (of row 5, another household)
                bad[0] = row(5, hamlet)[0]  # …in the same household: a duplicate, not two homes
                bad[4] = "Con"
            case 4:
                bad[6] = 2150  # impossible birth year
            case 5:
                bad[10] = row(7, hamlet)[10]  # the head of household 7 in another household
        errors[i] = bad
    return errors
