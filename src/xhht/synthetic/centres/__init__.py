"""Synthetic learning institutions and a year of classes over a generated population.

``generate_centres(province_code="92", year=2025, seed=1)`` gives each current commune of the
province that has people and no institution yet its community learning centre (TTHTCĐ, one per
commune), and by chance a library, a cultural house or reading point, a museum or relic site and
a continuing-education centre; then a year of classes at them: topics of the national catalogue
in the proportions a commune runs them, weekly sessions, participants drawn from the commune's
generated people of an age that fits the topic, attendance per session, completion, results and
certificates, and each participant's learning-record line (the same values
``centres.record.keep_class_entries`` writes); plus talks and club meetings whose participants
are counted by sex and age group (``HeadCount``), not named. About one class with named
participants for every 400 people and one counted talk for every 1,000.

Classes that start after ``as_of`` (1 December of the year unless given) are planned (people
enrolled, no session yet); those still running on it are open (sessions held so far, nobody has
completed); the others are closed.

Determinism and streaming follow ``generator``: each commune draws from
``random.Random(f"{seed}:{commune code}:centres")`` and is written in one transaction, the
institutions and classes with ``bulk_create``, sessions, participations, attendance, head counts
and learning-record lines as plain tuples through one ``executemany`` each (no model instance per
row); one audit entry per commune. Bulk writes bypass the signals that keep the indicators'
counts, so the provinces written are recounted with ``indicators.rebuild.rebuild`` at the end.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable
from dataclasses import fields

from django.db import reset_queries, transaction

from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.centres.models import Centre, Topic
from xhht.indicators.rebuild import rebuild
from xhht.places.models import Level, Place
from xhht.registry.models import Person
from xhht.synthetic.centres._base import CentreStats, Resident
from xhht.synthetic.centres.classes import ATTENDANCE, COMPLETION_SHARE, ClassWriter
from xhht.synthetic.centres.institutions import OTHER_INSTITUTIONS, create_institutions
from xhht.synthetic.centres.topics import (
    AGE_GROUPS,
    CLASS_TOPICS,
    GRADES,
    TALK_TOPICS,
    TEACHERS,
    TopicPlan,
)

__all__ = [
    "AGE_GROUPS",
    "ATTENDANCE",
    "CLASS_TOPICS",
    "COMPLETION_SHARE",
    "GRADES",
    "OTHER_INSTITUTIONS",
    "PEOPLE_PER_CLASS",
    "PEOPLE_PER_TALK",
    "TALK_TOPICS",
    "TEACHERS",
    "CentreStats",
    "Resident",
    "TopicPlan",
    "generate_centres",
    "generate_commune_centres",
]

PEOPLE_PER_CLASS = 400
PEOPLE_PER_TALK = 1_000


def generate_centres(
    *,
    province_code: str,
    year: int,
    seed: int,
    as_of: datetime.date | None = None,
    communes: Iterable[str] | None = None,
    progress: Callable[[Place, CentreStats], None] | None = None,
) -> CentreStats:
    """Institutions and ``year``'s classes for the province (``"all"``: every province);
    ``communes`` picks some codes. The provinces written are then recounted."""
    provinces = Place.objects.current().filter(level=Level.PROVINCE).order_by("code")
    if province_code != "all":
        provinces = provinces.filter(code=province_code)
        if not provinces.exists():
            raise ValueError(f"Không có tỉnh/thành phố mã {province_code}; chạy xhht load_places.")
    wanted = set(communes) if communes is not None else None
    topics = dict(Topic.objects.filter(province=None).values_list("code", "pk"))
    missing = (set(CLASS_TOPICS) | set(TALK_TOPICS)) - set(topics)
    if missing:
        raise ValueError(f"Danh mục chủ đề toàn quốc thiếu: {', '.join(sorted(missing))}.")
    as_of = as_of or datetime.date(year, 12, 1)
    total = CentreStats()
    for province in provinces:
        written = CentreStats()
        in_province = Place.objects.current().filter(level=Level.COMMUNE, parent=province)
        for commune in in_province.order_by("code"):
            if wanted is not None and commune.code not in wanted:
                continue
            stats = generate_commune_centres(
                commune, year=year, seed=seed, as_of=as_of, topics=topics
            )
            written.add(stats)
            reset_queries()
            if progress is not None:
                progress(commune, stats)
        if written.centres:
            rebuild(province)
        total.add(written)
    return total


def generate_commune_centres(
    commune: Place,
    *,
    year: int,
    seed: int,
    as_of: datetime.date,
    topics: dict[str, int],
) -> CentreStats:
    stats = CentreStats()
    rng = random.Random(f"{seed}:{commune.code}:centres")
    with transaction.atomic():
        people: list[Resident] = list(
            Person.objects.filter(place__path__startswith=commune.path)
            .order_by("pk")
            .values_list("pk", "birth_year", "sex")
        )
        if not people or Centre.objects.filter(place=commune).exists():
            stats.skipped = 1
            return stats
        centres = create_institutions(rng, commune)
        writer = ClassWriter(rng, commune, year=year, as_of=as_of, topics=topics, stats=stats)
        hosts = [c for c in centres if c.kind != Centre.Kind.MUSEUM]
        weights = [8.0 if c.kind == Centre.Kind.TTHTCD else 1.0 for c in hosts]
        for _n in range(max(2, round(len(people) / PEOPLE_PER_CLASS))):
            writer.add_class(rng.choices(hosts, weights)[0], people)
        for _n in range(max(1, round(len(people) / PEOPLE_PER_TALK))):
            writer.add_talk(rng.choice(centres))
        writer.write()
        stats.communes, stats.centres = 1, len(centres)
        record_step(
            actor=None,
            obj=commune,
            step="generate_centres",
            place=commune,
            action=AuditEntry.Action.IMPORT,
            after={
                "seed": seed,
                "year": year,
                **{f.name: getattr(stats, f.name) for f in fields(stats) if f.name != "skipped"},
            },
            reason="Dữ liệu cơ sở học tập, lớp học tổng hợp, không phải dữ liệu thật.",
        )
    return stats
