"""The clans workbook: one row per clan (dòng họ), keyed by its code.

A clan is registered in one commune; its member households may live in other hamlets or
communes, but only households the importing user may see can be named (any other code reads as
unknown, so the file never reveals what lies outside the user's scope). The representative is
found by the keyed hash of the CCCD, which is never echoed back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability
from xhht.core.sheets import iter_sheet
from xhht.places.models import Level, Place
from xhht.registry import pii
from xhht.registry.imports.common import (
    WRITE_BATCH,
    ImportPlan,
    by_keys,
    cccd_from_cell,
    chunks,
    missing,
    text,
)
from xhht.registry.models import Clan, Household, Person
from xhht.registry.validators import problem, validate_cccd

if TYPE_CHECKING:
    from xhht.accounts.models import User

COLUMNS = [
    ("code", "Mã dòng họ"),
    ("name", "Tên dòng họ"),
    ("commune", "Mã xã đăng ký"),
    ("representative", "CCCD người đại diện"),
    ("households", "Mã hộ thành viên"),
]
OPTIONAL = {"representative", "households"}
GUIDE = [
    (
        "Mã dòng họ",
        "Bắt buộc. Nhập lại tệp thì dòng họ có mã đã có được cập nhật, không tạo trùng.",
    ),
    ("Tên dòng họ", "Bắt buộc, ví dụ “Họ Trần”."),
    (
        "Mã xã đăng ký",
        "Bắt buộc. Mã của xã/phường nơi dòng họ đăng ký (5 chữ số, ví dụ 31135); xã phải thuộc địa bàn nhập. Nên định dạng ô là Văn bản để giữ số 0 ở đầu.",
    ),
    (
        "CCCD người đại diện",
        "Không bắt buộc. Đúng 12 chữ số, của một công dân đã có trong sổ đăng ký. Để trống thì giữ người đại diện đã lưu.",
    ),
    (
        "Mã hộ thành viên",
        "Không bắt buộc. Mã các hộ thành viên, cách nhau bởi dấu “;” hoặc “,”; hộ có thể ở thôn, xã khác. Danh sách này thay cho danh sách hộ thành viên đã lưu.",
    ),
]
FIELDS = ["name", "commune_id", "representative_id"]
COMMUNE_CODE_DIGITS = 5
SEPARATORS = re.compile(r"[;,]")


@dataclass
class _Clan:
    row: int
    code: str
    name: str
    commune: Place
    digest: str | None
    household_codes: list[str]
    existing: Clan | None = None
    values: dict[str, Any] = field(default_factory=dict)
    members: set[int] = field(default_factory=set)  # household ids the clan will have
    current: dict[int, int] = field(default_factory=dict)  # household id → membership row id
    broken: bool = False
    #: The representative's number hashed with every readable key (during a key rotation some
    #: people are still stored under an old key's hash), current first.
    hashes: list[str] = field(default_factory=list)


def check(
    user: User | None, upload: IO[bytes], root: Place, advance: Callable[[int], None]
) -> tuple[ImportPlan, Callable[[], None]]:
    """Validate the workbook for ``user``; return the plan and the function that writes it."""
    plan = ImportPlan()
    rows = _read(upload, root, plan, advance)
    _check_against_database(user, root, plan, rows)
    for item in rows.values():
        if not item.broken:
            plan.count("clans", _outcome(item))
    return plan, lambda: _apply(rows)


def _commune_code(raw: Any) -> str:
    """A number cell lost the leading zeros of "00070": put them back."""
    value = text(raw)
    return value.zfill(COMMUNE_CODE_DIGITS) if value.isdigit() else value


def _read(
    upload: IO[bytes], root: Place, plan: ImportPlan, advance: Callable[[int], None]
) -> dict[str, _Clan]:
    """Every row checked on its own and against the others; no queries per row."""
    communes = {
        p.code: p for p in Place.objects.current().subtree(root).filter(level=Level.COMMUNE)
    }
    elsewhere: list[tuple[int, str]] = []
    seen_rows: dict[str, int] = {}
    rows: dict[str, _Clan] = {}
    for number, record in iter_sheet(upload, COLUMNS, optional=OPTIONAL):
        advance(number)
        if record is None:
            continue
        plan.rows += 1
        problems: list[str] = []
        code, name = text(record["code"]), text(record["name"])
        commune_code = _commune_code(record["commune"])
        for value, what in (
            (code, _("mã dòng họ")),
            (name, _("tên dòng họ")),
            (commune_code, _("mã xã đăng ký")),
        ):
            if not value:
                problems.append(missing(what))
        commune = communes.get(commune_code)
        if commune_code and commune is None:
            elsewhere.append((number, commune_code))
        cccd = cccd_from_cell(record["representative"])
        digest = None
        if cccd:
            if cccd_problem := problem(validate_cccd, cccd):
                problems.append(cccd_problem)  # never the number: problems are stored and shown
            else:
                digest = pii.cccd_digest(cccd)
        household_codes: list[str] = []
        for household_code in SEPARATORS.split(text(record["households"])):
            household_code = household_code.strip()
            if not household_code:
                continue
            if household_code in household_codes:
                problems.append(
                    _("hộ %(code)s được ghi hai lần trong cùng dòng họ.") % {"code": household_code}
                )
            else:
                household_codes.append(household_code)
        if code in seen_rows:
            problems.append(_("mã dòng họ trùng với dòng %(row)s.") % {"row": seen_rows[code]})
        elif code:
            seen_rows[code] = number
        if problems or commune is None:
            for message in problems:
                plan.problem(number, message)
            continue
        rows[code] = _Clan(number, code, name, commune, digest, household_codes)
        rows[code].hashes = pii.cccd_digests(cccd) if digest else []
    _report_communes_elsewhere(root, plan, elsewhere)
    return rows


def _report_communes_elsewhere(
    root: Place, plan: ImportPlan, elsewhere: list[tuple[int, str]]
) -> None:
    """Commune codes not under ``root``: unknown, or a commune outside the chosen place."""
    known: set[str] = set()
    for batch in chunks({code for _row, code in elsewhere}):
        known.update(
            Place.objects.current()
            .filter(level=Level.COMMUNE, code__in=batch)
            .values_list("code", flat=True)
        )
    for number, code in elsewhere:
        if code in known:
            message = _(
                "xã mã %(code)s không thuộc %(root)s: chỉ nhập được dòng họ của các xã thuộc địa bàn đã chọn."
            )
        else:
            message = _("không có xã/phường mã %(code)s.")
        plan.problem(number, message % {"code": code, "root": root.name})


def _check_against_database(
    user: User | None, root: Place, plan: ImportPlan, rows: dict[str, _Clan]
) -> None:
    """Bulk lookups by key: clans, member households and representatives the user may see."""
    for known in by_keys(Clan.objects.all(), "code", rows, "commune"):
        rows[known.code].existing = known
    visible_households = (
        Household.objects.visible_to(user) if user is not None else Household.objects.none()
    )
    # A representative is found by number only among the people whose number the user may see.
    visible_people = (
        Person.objects.visible_to(user, Capability.VIEW_PERSONAL_ID)
        if user is not None
        else Person.objects.none()
    )
    households: dict[str, int] = {}
    for batch in chunks({c for item in rows.values() for c in item.household_codes}):
        households.update(visible_households.filter(code__in=batch).values_list("code", "pk"))
    people: dict[str, int] = {}  # the current key's hash → person
    current_of = {h: item.digest for item in rows.values() if item.digest for h in item.hashes}
    for batch in chunks(current_of):
        found = visible_people.filter(national_id_digest__in=batch)
        people.update(
            (current_of.get(d or "", ""), pk)
            for d, pk in found.values_list("national_id_digest", "pk")
        )
    existing = {item.existing.pk: item for item in rows.values() if item.existing is not None}
    memberships = Clan.households.through.objects
    for id_batch in chunks(existing):
        for pk, clan_id, household_id in memberships.filter(clan_id__in=id_batch).values_list(
            "pk", "clan_id", "household_id"
        ):
            existing[clan_id].current[household_id] = pk
    seen: set[int] = set()
    for id_batch in chunks({h for item in existing.values() for h in item.current}):
        seen.update(visible_households.filter(pk__in=id_batch).values_list("pk", flat=True))
    for item in rows.values():
        clan = item.existing
        if clan is not None and not clan.commune.path.startswith(root.path):
            plan.problem(
                item.row,
                _("mã dòng họ %(code)s đã được dùng ở địa bàn khác.") % {"code": item.code},
            )
            item.broken = True
            continue
        unknown = [c for c in item.household_codes if c not in households]
        if unknown:
            plan.problem(
                item.row, _("không tìm thấy hộ mã %(codes)s.") % {"codes": ", ".join(unknown)}
            )
            item.broken = True
        if item.digest is not None and item.digest not in people:
            plan.problem(
                item.row, _("không tìm thấy công dân có số CCCD người đại diện trong sổ đăng ký.")
            )
            item.broken = True
        if item.digest is not None:
            representative = people.get(item.digest)
        else:  # an empty cell keeps the representative already saved, as the form does
            representative = clan.representative_id if clan is not None else None
        item.values = {
            "name": item.name,
            "commune_id": item.commune.pk,
            "representative_id": representative,
        }
        # Members the user cannot see stay members: the user could not have listed them.
        hidden = {h for h in item.current if h not in seen}
        item.members = {households[c] for c in item.household_codes if c in households} | hidden


def _outcome(item: _Clan) -> str:
    clan = item.existing
    if clan is None:
        return "create"
    same = all(getattr(clan, f) == item.values[f] for f in FIELDS)
    return "unchanged" if same and set(item.current) == item.members else "update"


def _apply(rows: dict[str, _Clan]) -> None:
    """Write everything in the caller's transaction: bulk inserts and updates in batches."""
    now = timezone.now()
    new: list[Clan] = []
    changed: list[Clan] = []
    for item in rows.values():
        outcome = _outcome(item)
        if outcome == "unchanged":
            continue
        clan = item.existing or Clan(code=item.code)
        for name, value in item.values.items():
            setattr(clan, name, value)
        clan.refresh_keys()
        if outcome == "create":
            new.append(clan)
        else:
            clan.updated_at = now
            changed.append(clan)
    for batch in chunks(new, WRITE_BATCH):
        Clan.objects.bulk_create(batch)
    fields = [*(f.removesuffix("_id") for f in FIELDS), "search_text", "sort_key", "updated_at"]
    for batch in chunks(changed, WRITE_BATCH):
        Clan.objects.bulk_update(batch, fields)
    _apply_members(rows, [clan.code for clan in new])


def _apply_members(rows: dict[str, _Clan], created: list[str]) -> None:
    """Replace each clan's member set: delete the memberships dropped, insert the ones added."""
    ids = {item.code: item.existing.pk for item in rows.values() if item.existing is not None}
    for batch in chunks(created):
        ids.update(Clan.objects.filter(code__in=batch).values_list("code", "pk"))
    through = Clan.households.through
    dropped = [
        pk for item in rows.values() for h, pk in item.current.items() if h not in item.members
    ]
    for pk_batch in chunks(dropped, WRITE_BATCH):
        through.objects.filter(pk__in=pk_batch).delete()
    added = [
        through(clan_id=ids[item.code], household_id=h)
        for item in rows.values()
        for h in sorted(item.members - set(item.current))
    ]
    for row_batch in chunks(added, WRITE_BATCH):
        through.objects.bulk_create(row_batch)
