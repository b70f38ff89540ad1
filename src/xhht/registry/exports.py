"""XLSX or CSV exports of any filtered registry list; CCCD numbers only for those who may see
them.

The people export uses the columns of the households workbook, so an export can be corrected and
imported again (a masked CCCD is refused on import, never taken for a number).

Every export is a job (``run_export``) that writes the file into the private storage and audits
who exported what: a list of up to ``INLINE_ROWS`` rows runs inside the request and downloads at
once; a longer one (a province's people: minutes, past the web server's timeout) runs in the
background with a progress bar, and its file waits for its author for ``KEEP_FILES``.

XLSX goes through the Rust writer (``sheets.write_list``: a million rows in seconds, not minutes,
docs/decisions/0005-xlsx-writer.md); CSV (``sheets.write_csv``: UTF-8 with a byte order mark,
formulas defused) is the plain alternative for very large lists. Both stream: memory stays flat.
"""

from __future__ import annotations

import datetime
import secrets
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Count, QuerySet
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, home_place, path_under, scope_paths
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.core.downloads import file_name
from xhht.core.sheets import Sheet, write_csv, write_list
from xhht.core.text import group_thousands
from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.jobs.runner import Progress
from xhht.registry import pii, pii_bulk, sheet_columns
from xhht.registry.imports import households, units
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.registry.specs import REGISTRIES

CHUNK = 2000
EXPORT_FUNCTION = "xhht.registry.exports.run_export"
#: Rows exported inside the request (about 3 s for people); more run as a background job.
INLINE_ROWS = 20_000
KEEP_FILES = datetime.timedelta(days=1)
#: The formats an export is written in.
FORMATS = ("xlsx", "csv")

HEADERS: dict[str, list[str]] = {
    "household": ["Mã hộ", "Chủ hộ", "Thôn/tổ dân phố", "Địa chỉ", "Số thành viên"],
    "person": [title for _key, title in households.COLUMNS],
    "clan": ["Mã dòng họ", "Tên dòng họ", "Xã đăng ký", "Số hộ thành viên", "Người đại diện"],
    "unit": [title for _key, title in units.COLUMNS],
}


Query = dict[str, list[str]]  # the list page's GET parameters, as QueryDict.lists() gives them


def export_rows(kind: str, query: Query, user: User) -> QuerySet[Any]:
    """The rows the list page shows ``user`` for ``query`` (same filters, same order)."""
    registry = REGISTRIES[kind]
    data = QueryDict(mutable=True)
    for key, values in query.items():
        data.setlist(key, values)
    request = HttpRequest()  # the filters offer the places of ``request.user``
    request.user = user
    filterset = registry.filterset(
        data or None, queryset=registry.model.objects.visible_to(user), request=request
    )
    return filterset.qs.order_by("sort_key", "id")  # type: ignore[no-any-return]  # django-filter is untyped


def run_export(job: Job, *, kind: str, query: Query, fmt: str = "xlsx") -> dict[str, Any]:
    """The job: write the export (``fmt``: "xlsx" or "csv") into the private storage and audit
    it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    purge_old_exports()
    user = User.objects.get(pk=job.created_by_id)
    rows = export_rows(kind, query, user)
    total = rows.count()
    progress = Progress(job, step=5000)
    progress.begin(total, _("Đang xuất %(n)s dòng…") % {"n": group_thousands(total)})

    def counted(cells: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        for done, row in enumerate(cells, start=1):
            progress.advance(done)
            yield row

    sheet = Sheet(
        str(sheet_columns.EXPORT_SHEETS[kind]),
        sheet_columns.export_columns(kind, HEADERS[kind]),
        counted(_ROWS[kind](rows, user)),
        title=sheet_columns.sheet_title(str(sheet_columns.EXPORT_TITLES[kind]), home_place(user)),
    )
    stored = f"exports/{job.pk}-{secrets.token_hex(8)}.{fmt}"
    with tempfile.TemporaryDirectory(prefix="xhht-export-") as scratch:
        path = Path(scratch) / f"export.{fmt}"
        if fmt == "csv":
            with path.open("wb") as out:
                write_csv(out, sheet)
        else:
            write_list(path, sheet)
        with path.open("rb") as written:
            name = default_storage.save(stored, File(written))
    record_step(
        actor=user,
        obj=job,
        step=f"export-{kind}",
        place=None,
        action=AuditEntry.Action.VIEW,
        after={"rows": total, "filters": query, "format": fmt},
    )
    job.message = _("Đã xuất %(n)s dòng.") % {"n": group_thousands(total)}
    filename = file_name(sheet_columns.EXPORT_FILES[kind], extension=fmt)
    return {"file": name, "rows": total, "filename": filename, "format": fmt}


def purge_old_exports(now: datetime.datetime | None = None) -> int:
    """Delete the files of exports finished more than ``KEEP_FILES`` ago; how many."""
    cutoff = (now or timezone.now()) - KEEP_FILES
    old = Job.objects.filter(
        function=EXPORT_FUNCTION, state=Job.State.DONE, finished_at__lt=cutoff
    ).exclude(result__file=None)
    purged = 0
    for job in old:
        default_storage.delete(job.result_value("file"))
        Job.objects.filter(pk=job.pk).update(result={**(job.result or {}), "file": None})
        purged += 1
    return purged


def in_chunks(rows: QuerySet[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """The rows in list order, a chunk of ``size`` at a time, each chunk read by a query of its
    own to the end. The ids in order come first (one query, read whole: 8 bytes a row); no
    cursor stays open while the rows are written. On SQLite an open cursor is a read
    transaction, and the job's own progress write after the heartbeat thread's commit then
    failed at once ("database is locked": WAL refuses to write from a stale snapshot), so a
    province's export longer than a heartbeat died."""
    ids = array("q", rows.values_list("id", flat=True))
    plain = rows.order_by()
    for start in range(0, len(ids), size):
        part = ids[start : start + size]
        found = {
            row[-1] if isinstance(row, tuple) else row.pk: row for row in plain.filter(id__in=part)
        }
        yield [found[pk] for pk in part if pk in found]


def _households(rows: QuerySet[Household], user: User) -> Iterator[Sequence[Any]]:
    rows = rows.select_related("place").annotate(n=Count("members"))
    for chunk in in_chunks(rows):
        for h in chunk:
            yield [h.code, h.head_name, h.place.name, h.address, h.n]


def labels(model: type[Any], name: str) -> dict[Any, str]:
    """A field's choices as value → label, translated once per export: ``get_FOO_display``
    rebuilds and hashes the (lazy) choices on every call, which cost more than writing the row."""
    field = model._meta.get_field(name)
    return {value: str(label) for value, label in field.flatchoices}


#: The people export's columns, read as plain values: model instances (with their audit
#: snapshots) cost more than writing the cells.
_PERSON_VALUES = (
    "household__code",
    "place__name",
    "household__address",
    "full_name",
    "relation",
    "sex",
    "birth_date",
    "birth_year",
    "ethnicity",
    "education",
    "occupation",
    "national_id_encrypted",
    "national_id_last3",
    "phone",
    "place__path",
    "id",
)


def _people(rows: QuerySet[Person], user: User) -> Iterator[Sequence[Any]]:
    relation, sex = labels(Person, "relation"), labels(Person, "sex")
    education, occupation = labels(Person, "education"), labels(Person, "occupation")
    prefixes = tuple(scope_paths(user, Capability.VIEW_PERSONAL_ID))
    may_see: dict[str, bool] = {}  # place path → may the user see CCCD numbers there
    numbers = pii_bulk.BulkDecryptor()
    for chunk in in_chunks(rows.values_list(*_PERSON_VALUES)):
        for path in {row[14] for row in chunk} - may_see.keys():
            may_see[path] = path_under(path, prefixes)
        # Decrypted a chunk at a time, only where the user may see the numbers.
        seen = [row for row in chunk if may_see[row[14]]]
        revealed = dict(
            zip(
                (row[-1] for row in seen),
                numbers.decrypt_many([row[11] for row in seen]),
                strict=True,
            )
        )
        for (
            code,
            place,
            address,
            name,
            rel,
            sex_,
            born,
            year,
            ethnicity,
            edu,
            work,
            encrypted,
            last3,
            phone,
            path,
            pk,
        ) in chunk:
            if not may_see[path]:
                shown = pii.masked_from_last3(last3)
            elif (number := revealed[pk]) is not None:
                shown = number
            else:  # empty, or no key reads it: the one-by-one path says which (and logs it)
                shown = pii.reveal_cccd(encrypted, last3)
            yield [
                code or "",
                place,
                address or "",
                name,
                relation.get(rel, rel) if rel else "",
                sex.get(sex_, sex_),
                # a date cell (dd/mm/yyyy), or the bare year as text: the Rust writer shows a
                # number in a column holding dates as a date (``sheets.write_list``); the import
                # reads both
                born or (str(year) if year is not None else None),
                ethnicity,
                education.get(edu, edu),
                occupation.get(work, work),
                shown,
                phone,
            ]


def _clans(rows: QuerySet[Clan], user: User) -> Iterator[Sequence[Any]]:
    rows = rows.select_related("commune", "representative").annotate(n=Count("households"))
    for chunk in in_chunks(rows):
        for c in chunk:
            representative = c.representative.full_name if c.representative else ""
            yield [c.code, c.name, c.commune.name, c.n, representative]


def _units(rows: QuerySet[Unit], user: User) -> Iterator[Sequence[Any]]:
    kind, school, level = labels(Unit, "kind"), labels(Unit, "school_level"), labels(Unit, "level")
    for u in (unit for chunk in in_chunks(rows.select_related("place")) for unit in chunk):
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


_ROWS: dict[str, Any] = {
    "household": _households,
    "person": _people,
    "clan": _clans,
    "unit": _units,
}


def get_export_job_for_user(user: User, pk: int) -> Job:
    """An export job and its file: only its author (the file may hold CCCD numbers)."""
    jobs = Job.objects.filter(created_by=user, function=EXPORT_FUNCTION)
    return runner.refreshed(get_object_or_404(jobs, pk=pk))  # failed if its process died
