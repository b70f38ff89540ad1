"""Entered values from an XLSX sheet: check every row, then save all of them or none.

Rows are saved through ``actions.record_value``, the same code path as the form (permission,
who and when, audit trail, kept counts). A row equal to what is stored is left alone, so
importing the same file twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.core.sheets import (
    RowProblem,
    SheetImportResult,
    read_import_sheet,
)
from xhht.indicators.actions import EntryError, check_value, record_value
from xhht.indicators.models import EnteredValue, Indicator
from xhht.places.models import Place

#: The columns of the sheet (header titles match without diacritics or case).
ENTERED_COLUMNS = [
    ("place_code", "Mã địa bàn"),
    ("year", "Năm"),
    ("indicator", "Mã chỉ tiêu"),
    ("numerator", "Số đạt (tử số)"),
    ("denominator", "Tổng số (mẫu số)"),
    ("percent", "Tỉ lệ (%)"),
    ("source_note", "Nguồn số liệu, ghi chú"),
]
OPTIONAL_COLUMNS = frozenset({"numerator", "denominator", "percent", "source_note"})
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


@dataclass
class _Row:
    number: int
    place: Place
    indicator: Indicator
    year: int
    numerator: int | None
    denominator: int | None
    percent: Decimal | None
    source_note: str


class _Bad(Exception):
    pass


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _count(value: Any, label: str) -> int | None:
    """A whole number from a cell: 45, 45.0, "45", "1.234" (dots for thousands)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise _Bad(_("%(label)s “%(value)s” không phải là số.") % {"label": label, "value": value})
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _Bad(
                _("%(label)s phải là số nguyên (đang là %(value)s).")
                % {"label": label, "value": value}
            )
        number = int(value)
    else:
        text = str(value).strip().replace(" ", "")
        if _THOUSANDS.match(text):
            text = text.replace(".", "")
        if not re.fullmatch(r"-?\d+", text):
            raise _Bad(
                _("%(label)s “%(value)s” không phải là số nguyên.")
                % {"label": label, "value": value}
            )
        number = int(text)
    if number < 0:
        raise _Bad(
            _("%(label)s không được âm (đang là %(value)s).") % {"label": label, "value": number}
        )
    return number


def _percent(value: Any) -> Decimal | None:
    """A percent from a cell: 55.55, "55,55", "55,55%"; two decimals kept."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        if isinstance(value, int | float):
            number = Decimal(str(value))
        else:
            number = Decimal(str(value).strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise _Bad(_("tỉ lệ “%(value)s” không phải là số.") % {"value": value}) from None
    if not number.is_finite():
        raise _Bad(_("tỉ lệ “%(value)s” không phải là số.") % {"value": value})
    if number < 0 or number > 100:
        raise _Bad(_("tỉ lệ phải từ 0 đến 100%% (đang là %(value)s).") % {"value": value})
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _year(value: Any) -> int:
    if value in (None, ""):
        raise _Bad(_("thiếu năm."))
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else _text(value)
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()):
        raise _Bad(_("năm “%(value)s” không phải là số.") % {"value": value})
    year = int(text)
    if not 2000 <= year <= 2100:
        raise _Bad(_("năm %(year)s nằm ngoài khoảng 2000–2100.") % {"year": year})
    return year


def code_candidates(code: str) -> list[str]:
    """A code as typed and, for a cell Excel turned into a number, with its leading zeros."""
    if not code.isdigit():
        return [code]
    return [code, code.zfill(5), code.zfill(2), code.zfill(3)]


def _lookup(codes: Iterable[str]) -> dict[str, Place]:
    wanted = {c for code in codes for c in code_candidates(code)}
    places = {p.code: p for p in Place.objects.current().filter(code__in=wanted)}
    found = {}
    for code in codes:
        place = next((places[c] for c in code_candidates(code) if c in places), None)
        if place is not None:
            found[code] = place
    return found


def import_values(
    *, user: User, upload: IO[bytes], at: Place | None = None, max_bytes: int | None = None
) -> SheetImportResult:
    """Check a sheet of entered values; save every row in one transaction only if all are good."""
    result = SheetImportResult()
    sheet = read_import_sheet(
        upload, ENTERED_COLUMNS, result, max_bytes=max_bytes, optional=OPTIONAL_COLUMNS
    )
    if sheet is None:
        return result
    places = _lookup({_text(r["place_code"]) for _n, r in sheet.rows} - {""})
    codes = {_text(r["indicator"]) for _n, r in sheet.rows} - {""}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    planned = _check_rows(user, sheet.rows, places, indicators, result)
    _check_levels(planned, result)
    if result.problems:
        result.problems.sort(key=lambda p: p.row)
        return result
    _save(user, planned, at, result)
    result.problems.sort(key=lambda p: p.row)
    return result


def _check_rows(
    user: User,
    rows: list[tuple[int, dict[str, Any]]],
    places: dict[str, Place],
    indicators: dict[str, Indicator],
    result: SheetImportResult,
) -> list[_Row]:
    planned: list[_Row] = []
    seen: dict[tuple[int, int, int], int] = {}
    for number, record in rows:
        problems: list[str] = []
        code = _text(record["place_code"])
        place = places.get(code)
        if not code:
            problems.append(_("thiếu mã địa bàn."))
        elif place is None:
            problems.append(
                _("mã địa bàn “%(code)s” không có trong danh mục hiện hành.") % {"code": code}
            )
        elif not can(user, Capability.MANAGE_PLANS, place):
            problems.append(
                _("địa bàn “%(name)s” không thuộc phạm vi quản lý của bạn.") % {"name": place.name}
            )
            place = None
        indicator_code = _text(record["indicator"])
        indicator = indicators.get(indicator_code)
        if not indicator_code:
            problems.append(_("thiếu mã chỉ tiêu."))
        elif indicator is None:
            problems.append(
                _("mã chỉ tiêu “%(code)s” không có trong danh mục.") % {"code": indicator_code}
            )
        elif indicator.is_computed:
            problems.append(
                _("chỉ tiêu “%(code)s” được tính tự động từ dữ liệu của hệ thống, không nhập tay.")
                % {"code": indicator_code}
            )
            indicator = None
        elif (
            place is not None
            and indicator.province_id is not None
            and indicator.province_id != place.root_id
        ):
            problems.append(
                _("chỉ tiêu “%(code)s” là chỉ tiêu riêng của tỉnh khác.") % {"code": indicator_code}
            )
            indicator = None
        values: dict[str, Any] = {}
        for key, parse in (
            ("year", lambda v: _year(v)),
            ("numerator", lambda v: _count(v, _("số đạt"))),
            ("denominator", lambda v: _count(v, _("tổng số"))),
            ("percent", _percent),
        ):
            try:
                values[key] = parse(record[key])
            except _Bad as exc:
                problems.append(str(exc))
        note = _text(record["source_note"])
        if len(note) > 300:
            problems.append(_("nguồn số liệu dài quá 300 ký tự."))
        if len(values) == 4 and indicator is not None:
            try:
                check_value(
                    indicator, values["numerator"], values["denominator"], values["percent"]
                )
            except EntryError as exc:
                problems.append(str(exc))
        if place is not None and indicator is not None and "year" in values:
            triple = (place.pk, indicator.pk, int(values["year"]))
            if triple in seen:
                problems.append(
                    _("trùng địa bàn, chỉ tiêu và năm với dòng %(other)s.")
                    % {"other": seen[triple]}
                )
            else:
                seen[triple] = number
        if problems or place is None or indicator is None:
            result.problems.extend(RowProblem(number, p) for p in problems)
            continue
        planned.append(
            _Row(
                number,
                place,
                indicator,
                values["year"],
                values["numerator"],
                values["denominator"],
                values["percent"],
                note,
            )
        )
    return planned


def _check_levels(planned: list[_Row], result: SheetImportResult) -> None:
    """Counts add up the tree: the same indicator and year may not be counted at two levels."""
    counted: dict[tuple[int, int, int], _Row] = {}
    for row in planned:
        if row.numerator is not None:
            counted[(row.indicator.pk, row.year, row.place.pk)] = row
    for row in planned:
        if row.numerator is None:
            continue
        for ancestor_id in row.place.ancestor_ids():
            above = counted.get((row.indicator.pk, row.year, ancestor_id))
            if above is not None:
                later, other = (row, above) if row.number > above.number else (above, row)
                result.problems.append(
                    RowProblem(
                        later.number,
                        _(
                            "số đạt/tổng số của chỉ tiêu này năm %(year)s đã có cho %(place)s ở dòng "
                            "%(other)s; số liệu cộng dồn theo địa bàn nên chỉ nhập ở một cấp."
                        )
                        % {"year": row.year, "place": other.place.name, "other": other.number},
                    )
                )
                break


def _save(user: User, planned: list[_Row], at: Place | None, result: SheetImportResult) -> None:
    stored = {
        (v.place_id, v.indicator_id, v.year): v
        for v in EnteredValue.objects.filter(
            place__in={r.place.pk for r in planned},
            indicator__in={r.indicator.pk for r in planned},
            year__in={r.year for r in planned},
        )
    }
    with transaction.atomic():
        for row in planned:
            old = stored.get((row.place.pk, row.indicator.pk, row.year))
            if old is not None and (
                old.numerator,
                old.denominator,
                old.percent,
                old.source_note,
            ) == (row.numerator, row.denominator, row.percent, row.source_note):
                result.unchanged += 1
                continue
            try:
                record_value(
                    user=user,
                    indicator=row.indicator,
                    place=row.place,
                    year=row.year,
                    numerator=row.numerator,
                    denominator=row.denominator,
                    percent=row.percent,
                    source_note=row.source_note,
                )
            except EntryError as exc:
                result.problems.append(RowProblem(row.number, str(exc)))
                continue
            if old is None:
                result.created += 1
            else:
                result.updated += 1
        if result.problems:
            transaction.set_rollback(True)
            result.created = result.updated = result.unchanged = 0
            return
        if at is not None and (result.created or result.updated):
            record_step(
                actor=user,
                obj=at,
                step="import_entered_values",
                place=at,
                action=AuditEntry.Action.IMPORT,
                after={
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
