"""Hamlets from an XLSX sheet: validate every row, then save all of them or none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

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
from xhht.core.text import fold
from xhht.places.models import HAMLET_KINDS, Level, Place

HAMLET_COLUMNS = [
    ("commune_code", "Mã xã"),
    ("name", "Tên thôn/tổ dân phố"),
    ("kind", "Loại"),
]


@dataclass
class _PlannedHamlet:
    row: int
    commune: Place
    name: str
    kind: str
    existing: Place | None


def import_hamlets(
    *, user: User, upload: IO[bytes], max_bytes: int | None = None
) -> SheetImportResult:
    """Validate a hamlet sheet; save every row in one transaction only if no row has a problem."""
    result = SheetImportResult()
    sheet = read_import_sheet(upload, HAMLET_COLUMNS, result, max_bytes=max_bytes)
    if sheet is None:
        return result

    codes = {
        str(r["commune_code"]).strip()
        for _n, r in sheet.rows
        if r["commune_code"] not in (None, "")
    }
    communes = {
        c.code: c for c in Place.objects.current().filter(level=Level.COMMUNE, code__in=codes)
    }
    existing = {
        (h.parent_id, fold(h.name)): h
        for h in Place.objects.current().filter(level=Level.HAMLET, parent__in=communes.values())
    }
    kinds = {fold(k): k for k in HAMLET_KINDS}
    seen: dict[tuple[int, str], int] = {}
    planned: list[_PlannedHamlet] = []
    for number, record in sheet.rows:
        code = str(record["commune_code"] or "").strip()
        name = str(record["name"] or "").strip()
        kind_raw = str(record["kind"] or "").strip()
        row_problems: list[str] = []
        commune = communes.get(code.zfill(5)) or communes.get(code)
        if not code:
            row_problems.append(_("thiếu mã xã."))
        elif commune is None:
            row_problems.append(
                _("mã xã “%(code)s” không có trong danh mục xã hiện hành.") % {"code": code}
            )
        elif not can(user, Capability.MANAGE_PLACES, commune):
            row_problems.append(
                _("xã “%(name)s” không thuộc phạm vi quản lý của bạn.") % {"name": commune.name}
            )
        if not name:
            row_problems.append(_("thiếu tên thôn/tổ dân phố."))
        elif len(name) > 200:
            row_problems.append(_("tên dài quá 200 ký tự."))
        kind = kinds.get(fold(kind_raw)) if kind_raw else "thôn"
        if kind is None:
            row_problems.append(
                _("loại “%(kind)s” không hợp lệ; dùng một trong: %(allowed)s.")
                % {"kind": kind_raw, "allowed": ", ".join(HAMLET_KINDS)}
            )
        if commune is not None and name:
            key = (commune.pk, fold(name))
            if key in seen:
                row_problems.append(
                    _("tên “%(name)s” trùng với dòng %(other)s trong cùng xã.")
                    % {"name": name, "other": seen[key]}
                )
            else:
                seen[key] = number
        if row_problems or commune is None or kind is None:
            result.problems.extend(RowProblem(number, p) for p in row_problems)
            continue
        planned.append(
            _PlannedHamlet(number, commune, name, kind, existing.get((commune.pk, fold(name))))
        )
    if result.problems:
        result.problems.sort(key=lambda p: p.row)
        return result

    with transaction.atomic():
        for item in planned:
            if item.existing is None:
                Place.objects.create(
                    level=Level.HAMLET,
                    code=next_hamlet_code(item.commune),
                    name=item.name,
                    kind=item.kind,
                    parent=item.commune,
                )
                result.created += 1
            elif item.existing.kind != item.kind or item.existing.name != item.name:
                item.existing.kind, item.existing.name = item.kind, item.name
                item.existing.save()
                result.updated += 1
            else:
                result.unchanged += 1
        for commune in {p.commune.pk: p.commune for p in planned}.values():
            record_step(
                actor=user,
                obj=commune,
                step="import_hamlets",
                place=commune,
                action=AuditEntry.Action.IMPORT,
                after={
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
    return result


def next_hamlet_code(commune: Place) -> str:
    """Hamlets have no official code: the commune's code and a running number, "00070-003"."""
    taken = set(
        Place.objects.filter(level=Level.HAMLET, code__startswith=f"{commune.code}-").values_list(
            "code", flat=True
        )
    )
    number = len(taken) + 1
    while f"{commune.code}-{number:03d}" in taken:
        number += 1
    return f"{commune.code}-{number:03d}"
