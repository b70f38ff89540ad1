"""Importing a branch's member list from XLSX: bounded reading (``core.sheets``: the workbook is
parsed in a child process under limits), every row checked with a "Dòng N: …" message, a
preview, then all rows written through ``actions.add_member`` in one transaction, or none.

A row names a person of the registry by household code, name and birth year (looked up only
among the people the user sees, as the class import does), or, without a household code, a
member not in the registry by name and birth year.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.models import User
from xhht.association import actions
from xhht.association.models import Branch, Member
from xhht.audit.actions import record_step
from xhht.core.sheet_writing import DATE, Column, Sheet
from xhht.core.sheets import RowProblem, SheetImportResult, read_import_sheet
from xhht.core.text import fold
from xhht.core.workflow import StepRefused
from xhht.registry.models import Person

COLUMNS = [
    ("full_name", "Họ và tên"),
    ("birth_year", "Năm sinh"),
    ("household", "Mã hộ"),
    ("role", "Chức danh"),
    ("joined_on", "Ngày vào hội"),
]
OPTIONAL = ("birth_year", "household", "role")
#: Rows one file may hold (a commune's association is at most a few thousand members).
MAX_ROWS = 2000
ROLES = {fold(str(label)): value for value, label in Member.Role.choices}


@dataclass
class MemberRow:
    number: int
    full_name: str
    birth_year: int | None
    role: str
    joined_on: datetime.date
    person_id: int | None = None

    def as_session(self) -> list[Any]:
        return [
            self.number,
            self.full_name,
            self.birth_year,
            self.role,
            self.joined_on.isoformat(),
            self.person_id,
        ]

    @classmethod
    def from_session(cls, values: Sequence[Any]) -> MemberRow:
        number, name, year, role, joined, person = values
        return cls(number, name, year, role, datetime.date.fromisoformat(joined), person)


@dataclass
class Checked:
    result: SheetImportResult = field(default_factory=SheetImportResult)
    rows: list[MemberRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result.ok and bool(self.rows)


def read_rows(upload: IO[bytes], result: SheetImportResult) -> list[tuple[int, dict[str, Any]]]:
    found = read_import_sheet(
        upload,
        COLUMNS,
        result,
        max_bytes=int(settings.XHHT_MAX_SHEET_BYTES),
        optional=OPTIONAL,
    )
    if found is None:
        return []
    if len(found.rows) > MAX_ROWS:
        result.file_error = _(
            "Tệp có %(rows)s dòng hội viên; mỗi lần nhập tối đa %(limit)s dòng."
        ) % {"rows": len(found.rows), "limit": MAX_ROWS}
        return []
    return found.rows


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def check_rows(
    rows: Sequence[tuple[int, dict[str, Any]]], *, user: User, branch: Branch
) -> Checked:
    """Every row checked; the people named by household are looked up in two queries."""
    checked = Checked()
    problems = checked.result.problems
    today = timezone.localdate()
    households = {str(v["household"]).strip() for _n, v in rows if v.get("household")}
    people: dict[tuple[str, str, int], list[int]] = {}
    if households:
        found = Person.objects.visible_to(user).filter(household__code__in=households)
        for pk, code, full_name, born in found.values_list(
            "pk", "household__code", "full_name", "birth_year"
        ):
            people.setdefault((code, fold(full_name), born), []).append(pk)
    already = set(
        branch.members.filter(left_on__isnull=True, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    seen: set[int] = set()
    for number, values in rows:
        name = " ".join(str(values.get("full_name") or "").split())
        year_text = str(values.get("birth_year") or "").strip()
        year = int(year_text) if year_text.isdigit() else None
        role_text = fold(str(values.get("role") or ""))
        joined = _date(values.get("joined_on"))
        problem = ""
        if not name:
            problem = _("thiếu họ và tên.")
        elif year_text and (year is None or not 1900 <= year <= today.year):
            problem = _("năm sinh “%(value)s” không hợp lệ.") % {"value": year_text}
        elif role_text and role_text not in ROLES:
            problem = _("chức danh “%(value)s” không có trong danh mục.") % {
                "value": values.get("role")
            }
        elif joined is None:
            problem = _("ngày vào hội trống hoặc không đúng dạng ngày/tháng/năm.")
        elif joined > today:
            problem = _("ngày vào hội sau ngày hôm nay.")
        if problem:
            problems.append(RowProblem(number, problem))
            continue
        assert joined is not None  # noqa: S101 - checked above
        row = MemberRow(number, name, year, ROLES.get(role_text, Member.Role.MEMBER), joined)
        code = str(values.get("household") or "").strip()
        if code:
            matches = people.get((code, fold(name), year or 0), [])
            if len(matches) != 1:
                problems.append(
                    RowProblem(
                        number,
                        _(
                            "không tìm thấy đúng một người tên “%(name)s”, năm sinh %(year)s ở "
                            "hộ %(code)s trong phạm vi của bạn."
                        )
                        % {"name": name, "year": year_text or "—", "code": code},
                    )
                )
                continue
            row.person_id = matches[0]
            if row.person_id in already or row.person_id in seen:
                problems.append(RowProblem(number, _("người này đã là hội viên của chi hội.")))
                continue
            seen.add(row.person_id)
        checked.rows.append(row)
    return checked


def import_members(*, user: User, branch: Branch, rows: Sequence[MemberRow]) -> Checked:
    """Write every row through ``add_member`` in one transaction, or none."""
    checked = Checked(rows=list(rows))
    people = Person.objects.in_bulk([r.person_id for r in rows if r.person_id is not None])
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    actions.add_member(
                        user=user,
                        branch=branch,
                        joined_on=row.joined_on,
                        role=row.role,
                        person=people.get(row.person_id) if row.person_id else None,
                        full_name=row.full_name,
                        birth_year=row.birth_year,
                    )
                except StepRefused as refusal:
                    detail = "; ".join([refusal.message, *refusal.problems])
                    checked.result.problems.append(RowProblem(row.number, detail))
                    raise
            record_step(
                actor=user,
                obj=branch,
                step="import_members",
                place=branch.place,
                after={"members": len(rows)},
            )
    except StepRefused:
        return checked
    checked.result.created = len(rows)
    return checked


def template_sheet() -> Sheet:
    return Sheet(
        name=_("Hội viên"),
        title=_(
            "Danh sách hội viên — Mã hộ để trống nếu người không có trong sổ; Chức danh để "
            "trống là Hội viên"
        ),
        columns=[
            Column("Họ và tên", width=30),
            Column("Năm sinh", width=10),
            Column("Mã hộ", width=16),
            Column(
                "Chức danh", width=24, choices=[str(label) for _v, label in Member.Role.choices]
            ),
            Column("Ngày vào hội", width=14, number_format=DATE),
        ],
        rows=[],
    )
