"""A synthetic population over the real communes of a province, streamed to the database.

``generate(province_code="92", scale=0.01, seed=1)`` gives each current commune of the province
hamlets, households of about 3.5 people, people (Vietnam's age pyramid, names with diacritics,
schooling and work that fit the age, a CCCD from age 14), units with their staff and clans with
their member households. ``scale`` is millions of people per province (``scale=1`` ≈ 1,000,000
people over a province's ~100 communes; ``--province all --scale 3`` ≈ 100 million).

Determinism: each commune draws from its own ``random.Random(f"{seed}:{commune code}")``, so one
seed gives the same data whatever the order communes are generated in; no clock is read. (The
CCCD ciphertext is the exception: Fernet adds a time stamp and a random IV by design, so it
differs between runs; the keyed digest and the number itself do not.)

Streaming: a commune is written in one transaction, households and people in batches of
``batch_size`` people through ``bulk_create``; only the current batch and a few integers per
household (for clans) are held in memory, so a national run stays bounded. A commune that
already has households is skipped, so a run can be resumed and ``make demo`` re-run.
Bulk writes bypass the audit signals: each commune gets one audit entry (``record_step``).
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from django.db import connection, reset_queries, transaction
from django.utils import timezone

from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.core.text import fold, sort_key
from xhht.env import env_int
from xhht.places.models import Level, Place
from xhht.registry.bulk import PersonRow, insert_people
from xhht.registry.models import Clan, Household, Person
from xhht.synthetic import names as tables
from xhht.synthetic.people import (
    REFERENCE_YEAR,
    CccdNumbers,
    Context,
    Member,
    full_name,
    name_keys,
    sample_household,
)
from xhht.synthetic.units import UnitPlan

BATCH_SIZE = 5_000
PEOPLE_PER_PROVINCE = 1_000_000  # at scale 1
HOUSEHOLDS_PER_HAMLET = 150
CCCD_MIN_AGE = 14  # Luật Căn cước 2023: every citizen from 14 must hold one
_KIND_DENSITY = {"phường": 1.6, "xã": 1.0, "đặc khu": 0.4}
_CLAN_BRANCHES = ("Đình", "Văn", "Đức", "Hữu", "Bá", "Công", "Quang", "Xuân")


@dataclass
class Stats:
    communes: int = 0
    skipped: int = 0
    hamlets: int = 0
    households: int = 0
    people: int = 0
    cccd: int = 0
    units: int = 0
    clans: int = 0
    batches: int = 0
    largest_batch: int = 0  # people written by one flush: bounded by batch_size + a household

    def add(self, other: Stats) -> None:
        for field in fields(self):
            mine, theirs = getattr(self, field.name), getattr(other, field.name)
            merged = max(mine, theirs) if field.name == "largest_batch" else mine + theirs
            setattr(self, field.name, merged)


def generate(
    *,
    province_code: str,
    scale: float,
    seed: int,
    batch_size: int = BATCH_SIZE,
    communes: Iterable[str] | None = None,
    progress: Callable[[Place, Stats], None] | None = None,
) -> Stats:
    """Generate the province (or every province, with ``"all"``); ``communes`` picks some codes."""
    provinces = Place.objects.current().filter(level=Level.PROVINCE).order_by("code")
    if province_code != "all":
        provinces = provinces.filter(code=province_code)
        if not provinces.exists():
            raise ValueError(f"Không có tỉnh/thành phố mã {province_code}; chạy xhht load_places.")
    wanted = list(communes) if communes is not None else None
    if connection.vendor == "sqlite":
        # Inserts into the person indexes (name keys, CCCD digest) land on random pages: with
        # SQLite's default 2 MB page cache most of them miss. The cache is bounded; past about
        # ten million people its 64 MB default halves the rate, and a national run sets
        # XHHT_GENERATOR_CACHE_MIB=4096 (docs/SCALING.md).
        with connection.cursor() as cursor:
            cache_kib = env_int("XHHT_GENERATOR_CACHE_MIB", 64, minimum=2) * 1024
            cursor.execute(f"PRAGMA cache_size = -{cache_kib}")
    total = Stats()
    for province in provinces:
        in_province = list(
            Place.objects.current().filter(level=Level.COMMUNE, parent=province).order_by("code")
        )
        sizes = commune_populations(in_province, scale=scale, seed=seed)
        slots = {c.code: index for index, c in enumerate(in_province)}
        by_code = {c.code: c for c in in_province}
        order = [c for c in (wanted or by_code) if c in by_code]
        for code in order:
            commune = by_code[code]
            cccd = CccdNumbers(province.code, slots[code], len(in_province))
            stats = generate_commune(
                commune, province, people=sizes[code], seed=seed, cccd=cccd, batch_size=batch_size
            )
            total.add(stats)
            reset_queries()  # with DEBUG on, Django keeps every query: keep memory bounded
            if progress is not None:
                progress(commune, stats)
    return total


def commune_populations(communes: list[Place], *, scale: float, seed: int) -> dict[str, int]:
    """People per commune: the province's total shared by weights drawn per commune."""
    weights = {
        c.code: _KIND_DENSITY.get(c.kind, 1.0)
        * random.Random(f"{seed}:{c.code}:size").lognormvariate(0, 0.35)
        for c in communes
    }
    total = sum(weights.values()) or 1.0
    return {code: round(PEOPLE_PER_PROVINCE * scale * w / total) for code, w in weights.items()}


def _hamlets(
    rng: random.Random, commune: Place, ctx: Context, count: int, province_code: str
) -> list[Place]:
    """``count`` hamlets named "<Kind> <n>": existing ones of that name are reused."""
    kinds = tables.URBAN_HAMLET_KINDS if ctx.urban else tables.RURAL_HAMLET_KINDS
    kind = rng.choices(kinds[ctx.region][0], cum_weights=kinds[ctx.region][1])[0]
    if ctx.urban:
        kind = tables.URBAN_HAMLET_KIND_FOR_PROVINCE.get(province_code, kind)
    existing = {p.name: p for p in Place.objects.current().filter(parent=commune)}
    if existing:  # keep the commune's own naming
        kind = Counter(p.kind for p in existing.values()).most_common(1)[0][0]
    taken = set(
        Place.objects.filter(level=Level.HAMLET, code__startswith=f"{commune.code}-").values_list(
            "code", flat=True
        )
    )
    numbers = (n for n in range(1, 100_000) if f"{commune.code}-{n:03d}" not in taken)
    result, new = [], []
    for index in range(1, count + 1):
        name = f"{kind.capitalize()} {index}"
        hamlet = existing.get(name)
        if hamlet is None:
            hamlet = Place(
                level=Level.HAMLET,
                code=f"{commune.code}-{next(numbers):03d}",
                name=name,
                kind=kind,
                parent=commune,
                search_text=fold(name),
                sort_key=sort_key(name),
            )
            new.append(hamlet)
        result.append(hamlet)
    Place.objects.bulk_create(new)
    for hamlet in new:
        hamlet.path, hamlet.depth = f"{commune.path}{hamlet.pk}/", commune.depth + 1
    Place.objects.bulk_update(new, ["path", "depth"])
    return result


Head = tuple[str, int, int, int, str]  # family name, household pk, head pk, age, sex


class _Writer:
    """Buffers households with their people's rows and writes them when a batch is full."""

    def __init__(self, batch_size: int, stats: Stats) -> None:
        self.batch_size, self.stats = batch_size, stats
        self.pending: list[tuple[Household, list[PersonRow], tuple[str, int, str]]] = []
        self.people = 0
        self.heads: list[Head] = []  # a few integers per household, for the clans

    def add(self, household: Household, rows: list[PersonRow], head: tuple[str, int, str]) -> None:
        """``head``: the head's family name, age and sex."""
        self.pending.append((household, rows, head))
        self.people += len(rows)
        if self.people >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        Household.objects.bulk_create([household for household, _rows, _family in self.pending])
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        stamp = (now, now)
        batch = [
            row + stamp + (household.pk,)
            for household, rows, _family in self.pending
            for row in rows
        ]
        insert_people(batch)
        by_household = {household.pk: head for household, _rows, head in self.pending}
        heads = Person.objects.filter(
            household_id__gte=min(by_household),
            household_id__lte=max(by_household),
            relation=Person.Relation.HEAD,
        ).values_list("household_id", "pk")
        for household_pk, person_pk in heads:
            if household_pk in by_household:
                family, age, sex = by_household[household_pk]
                self.heads.append((family, household_pk, person_pk, age, sex))
        self.stats.households += len(self.pending)
        self.stats.people += len(batch)
        self.stats.batches += 1
        self.stats.largest_batch = max(self.stats.largest_batch, len(batch))
        self.pending, self.people = [], 0


def _person_row(
    member: Member,
    *,
    ethnicity: str,
    hamlet_pk: int,
    unit_pk: int | None,
    cccd: str,
    keys: tuple[str, str, str],
) -> PersonRow:
    """A row in the order of ``PERSON_COLUMNS``, without the time stamps and household."""
    # The CCCD goes through Person.set_cccd (encryption and keyed hash) on a scratch object.
    _SCRATCH.set_cccd(cccd)
    return (
        full_name(member),
        member.sex,
        datetime.date.fromordinal(_JAN_FIRST[member.birth_year] + member.day_of_year),
        member.birth_year,
        ethnicity,
        member.education,
        member.occupation,
        _SCRATCH.national_id_encrypted,
        _SCRATCH.national_id_digest,
        _SCRATCH.national_id_last3,
        "",
        hamlet_pk,
        member.relation,
        unit_pk,
        None,
        keys[0][:255],
        keys[1],
    )


_SCRATCH = Person()


def generate_commune(
    commune: Place,
    province: Place,
    *,
    people: int,
    seed: int,
    cccd: CccdNumbers,
    batch_size: int = BATCH_SIZE,
) -> Stats:
    stats = Stats()
    rng = random.Random(f"{seed}:{commune.code}")
    with transaction.atomic():
        if Household.objects.filter(place__parent=commune).exists():
            stats.skipped = 1
            return stats
        region = tables.region_of(province.code)
        ctx = Context(region, province.code in tables.SOUTHERN, commune.kind == "phường")
        hamlet_count = max(2, min(60, round(people / 3.5 / HOUSEHOLDS_PER_HAMLET)))
        hamlets = _hamlets(rng, commune, ctx, hamlet_count, province.code)
        hamlet_weights = list(_accumulate(rng.uniform(0.5, 1.5) for _ in hamlets))
        addresses = {h.pk: f"{h.name}, {commune.name}, {province.name}" for h in hamlets}
        folded_addresses = {pk: fold(address) for pk, address in addresses.items()}
        units = UnitPlan(rng, commune, people, ctx.urban)
        units.save()
        writer = _Writer(batch_size, stats)
        numbers = Counter[int]()
        made = 0
        while made < people:
            ethnicity, members = sample_household(rng, ctx)
            hamlet = rng.choices(hamlets, cum_weights=hamlet_weights)[0]
            numbers[hamlet.pk] += 1
            code = f"{hamlet.code}-{numbers[hamlet.pk]:04d}"
            rows = []
            for member in members:
                adult = REFERENCE_YEAR - member.birth_year >= CCCD_MIN_AGE
                rows.append(
                    _person_row(
                        member,
                        ethnicity=ethnicity,
                        hamlet_pk=hamlet.pk,
                        unit_pk=units.workplace(rng, member.occupation, member.education),
                        cccd=cccd.next(member.sex, member.birth_year) if adult else "",
                        keys=name_keys(member),
                    )
                )
                stats.cccd += adult
            head_folded, _person_key, head_key = name_keys(members[0])
            household = Household(
                code=code,
                place_id=hamlet.pk,
                head_name=full_name(members[0]),
                address=addresses[hamlet.pk],
                search_text=f"{head_folded} {code} {folded_addresses[hamlet.pk]}"[:255],
                sort_key=head_key,
            )
            head = members[0]
            writer.add(household, rows, (head.family, REFERENCE_YEAR - head.birth_year, head.sex))
            made += len(rows)
        writer.flush()
        units.save_staff_counts()
        stats.clans = _clans(rng, commune, writer.heads)
        stats.communes, stats.hamlets, stats.units = 1, len(hamlets), len(units.units)
        record_step(
            actor=None,
            obj=commune,
            step="generate_population",
            place=commune,
            action=AuditEntry.Action.IMPORT,
            after={
                "seed": seed,
                **{f.name: getattr(stats, f.name) for f in fields(stats) if f.name != "skipped"},
            },
            reason="Dữ liệu dân cư tổng hợp (xhht generate), không phải dữ liệu thật.",
        )
    return stats


_JAN_FIRST = {
    year: datetime.date(year, 1, 1).toordinal()
    for year in range(REFERENCE_YEAR - 120, REFERENCE_YEAR + 1)
}


def _accumulate(values: Iterable[float]) -> Iterable[float]:
    running = 0.0
    for value in values:
        running += value
        yield running


def _clans(rng: random.Random, commune: Place, heads: list[Head]) -> int:
    """Clans of the commune's common family names, each with 80% of their households."""
    by_family: defaultdict[str, list[Head]] = defaultdict(list)
    for head in heads:
        by_family[head[0]].append(head)
    clans: list[Clan] = []
    members: list[list[Head]] = []
    for family in sorted(by_family):  # sorted: the draws must not depend on dict order
        households = by_family[family]
        if len(households) < 3:
            continue
        branch_count = min(4, 1 + len(households) // 80)
        branches = rng.sample(_CLAN_BRANCHES, branch_count) if branch_count > 1 else [""]
        groups: list[list[Head]] = [[] for _ in branches]
        for head in households:
            if rng.random() < 0.8:
                groups[rng.randrange(len(branches))].append(head)
        for branch, group in zip(branches, groups, strict=True):
            if not group:
                continue
            name = f"Dòng họ {family} {branch}".strip()
            code = f"{commune.code}-DH{len(clans) + 1:03d}"
            elder = max(group, key=lambda h: (h[4] == "M", h[3], -h[1]))
            clans.append(
                Clan(
                    code=code,
                    name=name,
                    commune_id=commune.pk,
                    representative_id=elder[2],
                    search_text=fold(f"{name} {code}"),
                    sort_key=sort_key(name),
                )
            )
            members.append(group)
    Clan.objects.bulk_create(clans)
    through = Clan.households.through
    rows = [
        through(clan_id=clan.pk, household_id=head[1])
        for clan, group in zip(clans, members, strict=True)
        for head in group
    ]
    through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(clans)
