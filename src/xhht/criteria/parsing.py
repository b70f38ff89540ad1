"""Small readers for the values of a criteria set: each reports a Vietnamese problem, never raises."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any


class Problems:
    """An ordered list of problems without duplicates."""

    def __init__(self) -> None:
        self._items: list[str] = []

    def add(self, message: str) -> None:
        if message not in self._items:
            self._items.append(message)

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def as_decimal(value: Any, where: str, problems: Problems) -> Decimal | None:
    """A number of points; empty means "not known" (None), never zero."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        problems.add(f"{where}: “{value}” không phải là số.")
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        problems.add(f"{where}: “{value}” không phải là số.")
        return None
    if not number.is_finite():
        problems.add(f"{where}: “{value}” không phải là số.")
        return None
    if number < 0:
        problems.add(f"{where}: không được là số âm ({value}).")
        return None
    # 80, never 8E+1 (what normalize() makes of it, and what a page would then show).
    return Decimal(int(number)) if number == number.to_integral() else number.normalize()


def as_bool(value: Any, where: str, problems: Problems) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "có", "co", "x", "đúng"}:
        return True
    if text in {"0", "false", "no", "không", "khong"}:
        return False
    problems.add(f"{where}: “{value}” phải là có/không (true/false).")
    return False


def as_date(value: Any, where: str, problems: Problems) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    problems.add(f"{where}: “{value}” không phải là ngày (dùng YYYY-MM-DD hoặc dd/mm/yyyy).")
    return None


def as_list(value: Any, where: str, problems: Problems) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    problems.add(f"{where}: phải là một danh sách.")
    return []
