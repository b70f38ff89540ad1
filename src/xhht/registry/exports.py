"""XLSX exports of any filtered registry list; CCCD numbers only for those who may see them.

The people export uses the columns of the households workbook, so an export can be corrected and
imported again (a masked CCCD is refused on import, never taken for a number).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import Count, QuerySet

from xhht.accounts.access import Capability, scope_paths
from xhht.accounts.models import User
from xhht.core.sheets import write_sheet
from xhht.registry import pii
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


#: The people export's columns, read as plain values: model instances (with their audit
#: snapshots) cost more than writing the cells.
_PERSON_VALUES = (
    "household__code", "place__name", "household__address", "full_name", "relation", "sex",
    "birth_date", "birth_year", "ethnicity", "education", "occupation", "national_id_encrypted",
    "national_id_last3", "phone", "place__path",
)  # fmt: skip


def _people(rows: QuerySet[Person], user: User) -> Iterator[Sequence[Any]]:
    relation, sex = labels(Person, "relation"), labels(Person, "sex")
    education, occupation = labels(Person, "education"), labels(Person, "occupation")
    prefixes = tuple(scope_paths(user, Capability.VIEW_PERSONAL_ID))
    may_see: dict[str, bool] = {}  # place path → may the user see CCCD numbers there
    for (code, place, address, name, rel, sex_, born, year, ethnicity, edu, job, encrypted,
         last3, phone, path) in rows.values_list(*_PERSON_VALUES).iterator(chunk_size=CHUNK):  # fmt: skip
        if path not in may_see:
            may_see[path] = path.startswith(prefixes)
        if may_see[path]:
            shown = pii.decrypt_cccd(encrypted) if encrypted else ""
        else:
            shown = pii.masked_from_last3(last3)
        yield [
            code or "",
            place,
            address or "",
            name,
            relation.get(rel, rel) if rel else "",
            sex.get(sex_, sex_),
            born.strftime("%d/%m/%Y") if born else year,
            ethnicity,
            education.get(edu, edu),
            occupation.get(job, job),
            shown,
            phone,
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
