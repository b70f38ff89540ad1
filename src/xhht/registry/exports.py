"""XLSX exports of any filtered registry list; CCCD numbers only for those who may see them.

The people export uses the columns of the households workbook, so an export can be corrected and
imported again (a masked CCCD is refused on import, never taken for a number).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import Count, QuerySet

from xhht.accounts.access import Capability, can
from xhht.accounts.models import User
from xhht.core.sheets import write_sheet
from xhht.registry.imports import households, units
from xhht.registry.models import Clan, Household, Person, Unit

CHUNK = 2000

HEADERS: dict[str, list[str]] = {
    "household": ["Mã hộ", "Chủ hộ", "Thôn/tổ dân phố", "Địa chỉ", "Số thành viên"],
    "person": [title for _key, title in households.COLUMNS],
    "clan": ["Mã dòng họ", "Tên dòng họ", "Xã đăng ký", "Số hộ thành viên", "Người đại diện"],
    "unit": [title for _key, title in units.COLUMNS],
}


def export_file(kind: str, rows: QuerySet[Any], user: User) -> Any:
    """A temporary XLSX file (deleted on close) holding ``rows`` as ``user`` may see them."""
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    write_sheet(target, _TITLES[kind], HEADERS[kind], _ROWS[kind](rows, user))
    target.seek(0)
    return target


def _households(rows: QuerySet[Household], user: User) -> Iterator[Sequence[Any]]:
    rows = rows.select_related("place").annotate(n=Count("members"))
    for h in rows.iterator(chunk_size=CHUNK):
        yield [h.code, h.head_name, h.place.name, h.address, h.n]


def labels(model: type[Any], name: str) -> dict[Any, str]:
    """A field's choices as value → label, translated once per export: ``get_FOO_display``
    rebuilds and hashes the (lazy) choices on every call, which cost more than writing the row."""
    field = model._meta.get_field(name)
    return {value: str(label) for value, label in field.flatchoices}


def _people(rows: QuerySet[Person], user: User) -> Iterator[Sequence[Any]]:
    relation, sex = labels(Person, "relation"), labels(Person, "sex")
    education, occupation = labels(Person, "education"), labels(Person, "occupation")
    may_see: dict[int, bool] = {}  # place id → may the user see CCCD numbers there
    for p in rows.select_related("place", "household").iterator(chunk_size=CHUNK):
        if p.place_id not in may_see:
            may_see[p.place_id] = can(user, Capability.VIEW_PERSONAL_ID, p.place)
        shown = p.cccd() if may_see[p.place_id] else p.masked_cccd()
        yield [
            p.household.code if p.household else "",
            p.place.name,
            p.household.address if p.household else "",
            p.full_name,
            relation.get(p.relation, p.relation) if p.relation else "",
            sex.get(p.sex, p.sex),
            p.birth_date.strftime("%d/%m/%Y") if p.birth_date else p.birth_year,
            p.ethnicity,
            education.get(p.education, p.education),
            occupation.get(p.occupation, p.occupation),
            shown,
            p.phone,
        ]


def _clans(rows: QuerySet[Clan], user: User) -> Iterator[Sequence[Any]]:
    rows = rows.select_related("commune", "representative").annotate(n=Count("households"))
    for c in rows.iterator(chunk_size=CHUNK):
        representative = c.representative.full_name if c.representative else ""
        yield [c.code, c.name, c.commune.name, c.n, representative]


def _units(rows: QuerySet[Unit], user: User) -> Iterator[Sequence[Any]]:
    kind, school, level = labels(Unit, "kind"), labels(Unit, "school_level"), labels(Unit, "level")
    for u in rows.select_related("place").iterator(chunk_size=CHUNK):
        yield [
            u.code,
            u.name,
            kind.get(u.kind, u.kind),
            school.get(u.school_level, u.school_level) if u.school_level else "",
            level.get(u.level, u.level),
            u.place.name,
            u.staff_count,
            "Có" if u.digital_learning else "Không",
        ]


_TITLES = {"household": "Ho gia dinh", "person": "Cong dan", "clan": "Dong ho", "unit": "Don vi"}
_ROWS: dict[str, Any] = {
    "household": _households,
    "person": _people,
    "clan": _clans,
    "unit": _units,
}
