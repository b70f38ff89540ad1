"""Learning institutions in XLSX: the filtered list out, a sheet in (validate every row, then
save all of them or none, a Vietnamese message per bad row), and the template to fill.

The export writes the import's columns, so an exported list filled in and sent back updates the
institutions by their code. The import writes in bulk (2,000 new rows: 63 s saved one by one with
their kept counts, 6.8 s in bulk), records one trail entry per place and has the province's
kept counts recounted (``registry.signals.bulk_written``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability
from xhht.accounts.models import Body, User
from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.centres.access import centre_places_for
from xhht.centres.models import Centre
from xhht.core.sheets import (
    INTEGER,
    Column,
    RowProblem,
    Sheet,
    SheetImportResult,
    read_import_sheet,
)
from xhht.core.text import fold
from xhht.places.models import Place
from xhht.registry.imports.common import WRITE_BATCH, Choices, chunks, text
from xhht.registry.signals import bulk_written

COLUMNS = [
    ("code", "Mã cơ sở"),
    ("name", "Tên chính thức"),
    ("kind", "Loại cơ sở"),
    ("place", "Mã hoặc tên xã/phường"),
    ("status", "Tình trạng"),
    ("managing_body", "Cơ quan quản lý"),
    ("address", "Địa chỉ"),
    ("opening_hours", "Giờ mở cửa"),
    ("staff_count", "Số cán bộ"),
    ("computers", "Số máy tính"),
    ("internet", "Có kết nối Internet"),
    ("it_management", "Ứng dụng CNTT trong quản lý"),
    ("pilot_it", "TTHTCĐ điểm ứng dụng CNTT"),
    ("digital_teaching", "Dạy, học trên môi trường số"),
]
REQUIRED = {"code", "name", "kind", "place"}
OPTIONAL = {key for key, _title in COLUMNS} - REQUIRED
FLAGS = ("internet", "it_management", "pilot_it", "digital_teaching")
COUNTS = ("staff_count", "computers")
KIND = Choices(Centre.Kind.choices, ("tthtcd", "tthtcd"), ("trung tam hoc tap cong dong", "tthtcd"))
STATUS = Choices(Centre.Status.choices)
YES = {"co", "x", "1", "true", "yes"}
NO = {"khong", "", "0", "false", "no"}
#: More than any centre has; keeps a typo of 30 digits out of the 32-bit column.
MAX_COUNT = 100_000
#: Fields an import sets (a row that changes none of them leaves the institution unchanged).
FIELDS = [
    "name",
    "kind",
    "place_id",
    "status",
    "managing_body_id",
    "address",
    "opening_hours",
    *COUNTS,
    *FLAGS,
]
LENGTHS = {"code": 40, "name": 250, "address": 300, "opening_hours": 200}


def _yes_no(value: bool) -> str:
    return _("Có") if value else _("Không")


def export_sheet(centres: QuerySet[Centre], where: str) -> Sheet:
    """The list as the import reads it back (title row: what, where, when)."""
    rows = (
        [
            c.code,
            c.name,
            c.get_kind_display(),
            c.place.code,
            c.get_status_display(),
            c.managing_body.name if c.managing_body else "",
            c.address,
            c.opening_hours,
            c.staff_count,
            c.computers,
            *(_yes_no(getattr(c, flag)) for flag in FLAGS),
        ]
        for c in centres.select_related("place", "managing_body").iterator(chunk_size=2000)
    )
    return Sheet(
        _("Cơ sở học tập"),
        _columns(),
        rows,
        title=_("Danh sách cơ sở học tập%(where)s — ngày %(day)s")
        % {"where": where, "day": timezone.localdate().strftime("%d/%m/%Y")},
    )


def template_sheet(example_place: str) -> Sheet:
    example = [
        f"TTHTCD-{example_place}",
        "Trung tâm học tập cộng đồng phường …",
        str(Centre.Kind.TTHTCD.label),
        example_place,
        str(Centre.Status.ACTIVE.label),
        "",
        "",
        "7h30–11h00, 13h30–17h00 từ thứ Hai đến thứ Sáu",
        3,
        5,
        _("Có"),
        _("Có"),
        _("Không"),
        _("Không"),
    ]
    return Sheet(
        _("Cơ sở học tập"),
        _columns(),
        [example],
        title=_("Mẫu nhập cơ sở học tập — ngày %(day)s")
        % {"day": timezone.localdate().strftime("%d/%m/%Y")},
    )


def _columns() -> list[Column]:
    yes_no = [_("Có"), _("Không")]
    choices: dict[str, Sequence[str]] = {
        "kind": KIND.labels,
        "status": STATUS.labels,
        **{flag: yes_no for flag in FLAGS},
    }
    widths = {"name": 40, "managing_body": 30, "address": 30, "opening_hours": 30}
    return [
        Column(
            title,
            width=widths.get(key, 0),
            number_format=INTEGER if key in COUNTS else "",
            choices=choices.get(key, ()),
        )
        for key, title in COLUMNS
    ]


@dataclass
class _Planned:
    row: int
    code: str
    values: dict[str, Any]
    existing: Centre | None = None


def import_centres(
    *, user: User, upload: IO[bytes], max_bytes: int | None = None
) -> SheetImportResult:
    """Check every row; save them all in one transaction only if no row has a problem.

    Places are the communes (or districts, the province) where ``user`` manages centres, by
    code or, when unique there, by name; an institution's code already used outside that scope
    is refused without saying where.
    """
    result = SheetImportResult()
    sheet = read_import_sheet(upload, COLUMNS, result, max_bytes=max_bytes, optional=OPTIONAL)
    if sheet is None:
        return result
    places = _places(user)
    bodies = _bodies(user)
    planned: dict[str, _Planned] = {}
    for number, record in sheet.rows:
        problems, item = _check_row(number, record, places, bodies, planned)
        result.problems.extend(RowProblem(number, p) for p in problems)
        if item is not None:
            planned[item.code] = item
    manageable = set(places.by_id)
    for centre in (c for batch in chunks(planned) for c in Centre.objects.filter(code__in=batch)):
        item = planned[centre.code]
        if centre.place_id not in manageable:
            result.problems.append(
                RowProblem(
                    item.row,
                    _("mã cơ sở %(code)s đã được dùng ở địa bàn khác.") % {"code": centre.code},
                )
            )
        item.existing = centre
    _check_one_centre_per_commune(planned, result)
    if result.problems:
        result.problems.sort(key=lambda p: p.row)
        return result
    with transaction.atomic():
        _apply(planned, result)
        touched = {places.by_id[item.values["place_id"]] for item in planned.values()}
        for place in touched:
            record_step(
                actor=user,
                obj=place,
                step="import_centres",
                place=place,
                action=AuditEntry.Action.IMPORT,
                after={
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
        # The kept counts (centres.counters) follow saves one by one, not bulk writes.
        for province in Place.objects.filter(pk__in={p.root_id for p in touched}):
            bulk_written.send(sender=Centre, province=province)
    return result


def _apply(planned: dict[str, _Planned], result: SheetImportResult) -> None:
    """Bulk writes: updates first (those that close or pause a centre before those that open
    one), then the new centres, so one commune's centre may replace another in one sheet."""
    now = timezone.now()
    new: list[Centre] = []
    changed: list[Centre] = []
    for item in planned.values():
        centre = item.existing or Centre(code=item.code)
        if item.existing is not None and all(getattr(centre, f) == item.values[f] for f in FIELDS):
            result.unchanged += 1
            continue
        for name, value in item.values.items():
            setattr(centre, name, value)
        centre.refresh_keys()
        if item.existing is None:
            new.append(centre)
        else:
            centre.updated_at = now
            changed.append(centre)
    fields = [*(f.removesuffix("_id") for f in FIELDS), "search_text", "sort_key", "updated_at"]
    closing = [c for c in changed if c.status != Centre.Status.ACTIVE]
    opening = [c for c in changed if c.status == Centre.Status.ACTIVE]
    for rows in (closing, opening):  # apart: a unique index is checked row by row
        for batch in chunks(rows, WRITE_BATCH):
            Centre.objects.bulk_update(batch, fields)
    for batch in chunks(new, WRITE_BATCH):
        Centre.objects.bulk_create(batch)
    result.created, result.updated = len(new), len(changed)


@dataclass
class _Places:
    by_id: dict[int, Place]
    by_key: dict[str, Place | None]  # None: a name two places share (the code is needed)


def _places(user: User) -> _Places:
    by_id = {p.pk: p for p in centre_places_for(user, Capability.MANAGE_CENTRES)}
    by_key: dict[str, Place | None] = {}
    for place in by_id.values():
        key = fold(place.name)
        by_key[key] = None if key in by_key else place
    for place in by_id.values():
        by_key[fold(place.code)] = place
    return _Places(by_id, by_key)


def _bodies(user: User) -> dict[str, Body | None]:
    found: dict[str, Body | None] = {}
    for body in Body.objects.visible_to(user):
        for name in {body.name, body.short_name} - {""}:
            key = fold(name)
            found[key] = None if key in found and found[key] != body else body
    return found


def _check_row(
    number: int,
    record: dict[str, Any],
    places: _Places,
    bodies: dict[str, Body | None],
    planned: dict[str, _Planned],
) -> tuple[list[str], _Planned | None]:
    problems: list[str] = []
    values: dict[str, Any] = {}
    code = text(record["code"])
    for key, what in (
        ("code", _("mã cơ sở")),
        ("name", _("tên chính thức")),
        ("place", _("xã/phường")),
    ):
        if not text(record[key]):
            problems.append(_("thiếu %(what)s.") % {"what": what})
    for key, limit in LENGTHS.items():
        if len(text(record.get(key))) > limit:
            problems.append(
                _("cột “%(column)s” dài quá %(n)s ký tự.")
                % {"column": dict(COLUMNS)[key], "n": limit}
            )
    place_cell = text(record["place"])
    place = places.by_key.get(fold(place_cell)) if place_cell else None
    if place_cell and place is None:
        if fold(place_cell) in places.by_key:
            problems.append(
                _("có nhiều địa bàn tên “%(name)s”; ghi mã xã/phường.") % {"name": place_cell}
            )
        else:
            problems.append(
                _("không có xã/phường “%(name)s” trong phạm vi bạn quản lý.") % {"name": place_cell}
            )
    values["place_id"] = place.pk if place else None
    kind = KIND.get(record["kind"])
    if kind is None:
        problems.append(_("loại cơ sở không hợp lệ; dùng: %(a)s.") % {"a": KIND.allowed()})
    values["kind"] = kind
    status = STATUS.get(record["status"]) if text(record["status"]) else Centre.Status.ACTIVE
    if status is None:
        problems.append(_("tình trạng không hợp lệ; dùng: %(a)s.") % {"a": STATUS.allowed()})
    values["status"] = status
    body_cell = text(record["managing_body"])
    body = bodies.get(fold(body_cell)) if body_cell else None
    if body_cell and body is None:
        problems.append(
            _("không có cơ quan “%(name)s” trong phạm vi bạn xem được.") % {"name": body_cell}
        )
    values["managing_body_id"] = body.pk if body else None
    for key in COUNTS:
        raw = text(record[key]) or "0"
        if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_COUNT:
            problems.append(
                _("cột “%(column)s” phải là số nguyên từ 0 đến 100.000.")
                % {"column": dict(COLUMNS)[key]}
            )
        else:
            values[key] = int(raw)
    for key in FLAGS:
        answer = fold(text(record[key]))
        if answer not in YES | NO:
            problems.append(
                _("cột “%(column)s” ghi Có hoặc Không.") % {"column": dict(COLUMNS)[key]}
            )
        values[key] = answer in YES
    if kind and place:
        if kind == Centre.Kind.TTHTCD and place.level != "commune":
            problems.append(_("trung tâm học tập cộng đồng thuộc một xã, phường."))
        if values["pilot_it"] and kind != Centre.Kind.TTHTCD:
            problems.append(_("chỉ trung tâm học tập cộng đồng mới là điểm ứng dụng CNTT."))
    if code in planned:
        problems.append(_("mã cơ sở trùng với dòng %(row)s.") % {"row": planned[code].row})
    if problems:
        return problems, None
    values["name"] = text(record["name"])
    values["address"] = text(record["address"])
    values["opening_hours"] = text(record["opening_hours"])
    return [], _Planned(number, code, values)


def _check_one_centre_per_commune(planned: dict[str, _Planned], result: SheetImportResult) -> None:
    """At most one active TTHTCĐ per commune after the import: the sheet's rows and the stored
    centres the sheet does not mention."""
    active: dict[int, list[_Planned]] = {}
    for item in planned.values():
        if (
            item.values["kind"] == Centre.Kind.TTHTCD
            and item.values["status"] == Centre.Status.ACTIVE
        ):
            active.setdefault(item.values["place_id"], []).append(item)
    if not active:
        return
    for batch in chunks(active):
        for centre in Centre.objects.active().community_centres().filter(place_id__in=batch):
            if centre.code not in planned:
                active[centre.place_id].append(_Planned(0, centre.code, {}))
    for items in active.values():
        if len(items) < 2:
            continue
        others = ", ".join(i.code for i in items)
        for item in (i for i in items if i.row):
            result.problems.append(
                RowProblem(
                    item.row,
                    _("một xã chỉ có một trung tâm học tập cộng đồng đang hoạt động (%(codes)s).")
                    % {"codes": others},
                )
            )
