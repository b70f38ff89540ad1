"""Schooling and literacy for a generated population (PCGD–XMC), and the kept results rebuilt.

``generate_schooling(province_code="92", school_year=2025, seed=1)`` gives every generated
person of each current commune of the province a schooling history and a literacy level
(``histories``): children and young people aged 3 to 18 get one ``pcgd.SchoolingRecord`` per
school year for the last ``years`` school years up to ``school_year``; people aged 14 to 65 get
one ``pcgd.LiteracyRecord``. Each commune draws a profile (most reach the standards, about one
rural commune in five and one ward in twenty is weaker), so a generated province has realistic
rates and levels and some communes fall short.

Determinism and streaming follow ``generator``: each commune draws from
``random.Random(f"{seed}:{commune code}:pcgd")`` over its people in key order and is written in
one transaction, the rows as plain tuples through one ``executemany`` per batch (no model
instance per row, ``synthetic.centres._base.Rows``); one audit entry per commune. A commune
whose people already have schooling or literacy rows is skipped. Bulk writes bypass the signals
that keep the engine's figures, so each province written is recomputed at the end
(``pcgd.kept.rebuild`` for the school years written, then the indicators' counts).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from django.db import reset_queries, transaction

from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.indicators.rebuild import rebuild as rebuild_counts
from xhht.pcgd import kept
from xhht.pcgd.models import LiteracyRecord, SchoolingRecord
from xhht.places.models import Level, Place
from xhht.registry.models import Person
from xhht.synthetic.centres._base import Rows
from xhht.synthetic.pcgd import histories
from xhht.synthetic.pcgd.histories import LITERACY_AGES, SCHOOL_AGES, Profile

__all__ = ["SchoolingStats", "generate_commune_schooling", "generate_schooling", "histories"]

BATCH = 20_000
SCHOOLING_COLUMNS = (
    "person_id",
    "school_year",
    "status",
    "level",
    "grade",
    "completed_preschool",
    "primary_completed_year",
    "lower_secondary_diploma_year",
    "exempt_disability",
    "disability_note",
    "school_name",
)
LITERACY_COLUMNS = ("person_id", "level", "reached_year", "method")
DISABILITY_NOTE = "Khuyết tật nặng, không có khả năng học tập (dữ liệu tổng hợp)"
_SCHOOL_KIND = {
    histories.PRESCHOOL: "Trường Mầm non",
    histories.PRIMARY: "Trường Tiểu học",
    histories.LOWER: "Trường THCS",
    histories.UPPER: "Trường THPT",
    histories.CONTINUING: "Trung tâm GDNN–GDTX",
    histories.VOCATIONAL: "Trường Trung cấp nghề",
}


@dataclass
class SchoolingStats:
    communes: int = 0
    skipped: int = 0  # communes whose people already had rows, or no people
    weak: int = 0  # communes drawn with the weaker profile
    children: int = 0
    schooling_rows: int = 0
    literacy_rows: int = 0

    def add(self, other: SchoolingStats) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


def generate_schooling(
    *,
    province_code: str,
    school_year: int,
    seed: int,
    years: int = 2,
    communes: Iterable[str] | None = None,
    progress: Callable[[Place, SchoolingStats], None] | None = None,
    rebuild: bool = True,
) -> SchoolingStats:
    """Schooling and literacy for the province's generated people (``"all"``: every province);
    ``communes`` picks some codes. The kept figures and results of the provinces written are
    then rebuilt for those school years (``pcgd.kept.rebuild``), and the province's indicator
    counts with them (``indicators.rebuild``), unless ``rebuild`` is off."""
    provinces = Place.objects.current().filter(level=Level.PROVINCE).order_by("code")
    if province_code != "all":
        provinces = provinces.filter(code=province_code)
        if not provinces.exists():
            raise ValueError(f"Không có tỉnh/thành phố mã {province_code}; chạy xhht load_places.")
    wanted = set(communes) if communes is not None else None
    school_years = tuple(range(school_year - years + 1, school_year + 1))
    total = SchoolingStats()
    for province in provinces:
        written = SchoolingStats()
        in_province = Place.objects.current().filter(level=Level.COMMUNE, parent=province)
        for commune in in_province.order_by("code"):
            if wanted is not None and commune.code not in wanted:
                continue
            stats = generate_commune_schooling(commune, school_years=school_years, seed=seed)
            written.add(stats)
            reset_queries()
            if progress is not None:
                progress(commune, stats)
        if written.communes and rebuild:
            kept.rebuild(province=province, years=list(school_years))
            rebuild_counts(province)  # the catalogue's XMC/PCGD indicators fed by the results
        total.add(written)
    return total


def generate_commune_schooling(
    commune: Place, *, school_years: tuple[int, ...], seed: int
) -> SchoolingStats:
    stats = SchoolingStats()
    rng = random.Random(f"{seed}:{commune.code}:pcgd")
    last = max(school_years)
    youngest = last - SCHOOL_AGES[0]
    oldest = min(school_years) - max(SCHOOL_AGES[1], LITERACY_AGES[1])
    with transaction.atomic():
        people = list(
            Person.objects.filter(
                place__path__startswith=commune.path,
                birth_year__gte=oldest,
                birth_year__lte=youngest,
            )
            .order_by("pk")
            .values_list("pk", "birth_year", "education")
        )
        if (
            not people
            or SchoolingRecord.objects.filter(person__place__path__startswith=commune.path).exists()
            or LiteracyRecord.objects.filter(person__place__path__startswith=commune.path).exists()
        ):
            stats.skipped = 1
            return stats
        shape = histories.profile(rng, rural=commune.kind != "phường")
        schooling = Rows(SchoolingRecord, SCHOOLING_COLUMNS)
        literacy = Rows(LiteracyRecord, LITERACY_COLUMNS)
        schools = {level: f"{kind} {commune.name}" for level, kind in _SCHOOL_KIND.items()}
        for pk, birth_year, education in people:
            _person(
                rng,
                shape,
                schools,
                pk,
                birth_year,
                education,
                school_years,
                schooling,
                literacy,
                stats,
            )
            if len(schooling.rows) >= BATCH:
                stats.schooling_rows += schooling.write()
            if len(literacy.rows) >= BATCH:
                stats.literacy_rows += literacy.write()
        stats.schooling_rows += schooling.write()
        stats.literacy_rows += literacy.write()
        stats.communes, stats.weak = 1, int(shape.weak)
        record_step(
            actor=None,
            obj=commune,
            step="generate_schooling",
            place=commune,
            action=AuditEntry.Action.IMPORT,
            after={
                "seed": seed,
                "school_years": list(school_years),
                **{f.name: getattr(stats, f.name) for f in fields(stats) if f.name != "skipped"},
            },
            reason="Dữ liệu phổ cập giáo dục, xóa mù chữ tổng hợp, không phải dữ liệu thật.",
        )
    return stats


def _person(
    rng: random.Random,
    shape: Profile,
    schools: dict[str, str],
    pk: int,
    birth_year: int,
    education: str,
    school_years: tuple[int, ...],
    schooling: Rows,
    literacy: Rows,
    stats: SchoolingStats,
) -> None:
    last = max(school_years)
    age = last - birth_year
    rows: list[histories.SchoolRow] = []
    done_grade = 0
    if age <= SCHOOL_AGES[1] + len(school_years):
        rows, done_grade = histories.child_rows(rng, birth_year, school_years, shape)
        for row in rows:
            schooling.rows.append(
                (
                    pk,
                    *row,
                    DISABILITY_NOTE if row.exempt_disability else "",
                    schools.get(row.level, ""),
                )
            )
        stats.children += bool(rows)
    if LITERACY_AGES[0] <= age <= LITERACY_AGES[1]:
        if rows and age <= SCHOOL_AGES[1] + 2:
            reading = histories.literacy_from_school(rows, done_grade)
        else:
            reading = histories.adult_literacy(rng, birth_year, education, last, shape)
        literacy.rows.append((pk, *reading))
