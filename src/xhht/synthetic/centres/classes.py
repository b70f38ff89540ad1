"""A commune's year of classes and talks, drawn then written: sessions, participants,
attendance, completion, results and certificates, learning-record lines and head counts."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from xhht.centres.models import (
    Attendance,
    Centre,
    HeadCount,
    LearningClass,
    LearningEntry,
    Participation,
    Session,
)
from xhht.places.models import Place
from xhht.registry.models import Person
from xhht.synthetic.centres._base import CentreStats, Resident, Rows
from xhht.synthetic.centres.topics import (
    AGE_GROUPS,
    CLASS_TOPICS,
    GRADES,
    TALK_TOPICS,
    TEACHERS,
    TopicPlan,
)
from xhht.synthetic.units import commune_short_name

#: A participant present at a session with this chance, drawn per person around it.
ATTENDANCE = 0.85
#: Present at this share of the sessions held: the class is completed.
COMPLETION_SHARE = 0.7


@dataclass
class _Planned:
    """A class drawn but not written yet: its instance, then its rows."""

    learning_class: LearningClass
    plan: TopicPlan | None
    dates: list[datetime.date]  # sessions held
    people: list[Resident]
    counts: dict[tuple[str, str], int]


class ClassWriter:
    def __init__(
        self,
        rng: random.Random,
        commune: Place,
        *,
        year: int,
        as_of: datetime.date,
        topics: dict[str, int],
        stats: CentreStats,
    ) -> None:
        self.rng, self.commune, self.year, self.as_of = rng, commune, year, as_of
        self.topics, self.stats = topics, stats
        kind, short = commune_short_name(commune)
        self.labels = {"where": f"{kind} {short}", "short": short}
        self.planned: list[_Planned] = []
        self.editions: defaultdict[str, int] = defaultdict(int)
        self.class_codes = list(CLASS_TOPICS)
        self.class_weights = [p.weight for p in CLASS_TOPICS.values()]

    def _class(self, centre: Centre, topic: str, title: str, start: datetime.date) -> LearningClass:
        self.editions[title] += 1
        if self.editions[title] > 1:
            title = f"{title} (khóa {self.editions[title]})"
        number = len(self.planned) + 1
        learning_class = LearningClass(
            code=f"{self.commune.code}-{self.year}-{number:04d}",
            topic_id=self.topics[topic],
            title=title,
            centre=centre,
            place_id=centre.place_id,
            teachers=TEACHERS[topic].format(**self.labels),
            start_date=start,
        )
        learning_class.refresh_keys()
        return learning_class

    def _start(self, latest_day: int) -> datetime.date:
        return datetime.date(self.year, 1, 1) + datetime.timedelta(self.rng.randrange(latest_day))

    def add_class(self, centre: Centre, people: list[Resident]) -> None:
        rng = self.rng
        topic = rng.choices(self.class_codes, self.class_weights)[0]
        plan = CLASS_TOPICS[topic]
        start = self._start(340)
        learning_class = self._class(centre, topic, rng.choice(plan.titles), start)
        planned = [start + datetime.timedelta(7 * n) for n in range(rng.randint(*plan.sessions))]
        learning_class.end_date = planned[-1]
        if start > self.as_of:
            learning_class.status = LearningClass.Status.PLANNED
        elif planned[-1] > self.as_of:
            learning_class.status = LearningClass.Status.OPEN
        else:
            learning_class.status = LearningClass.Status.CLOSED
        held = [day for day in planned if day <= self.as_of]
        learning_class.hours = plan.hours * len(held)
        low, high = plan.ages
        fits = [p for p in people if low <= self.year - p[1] <= high]
        chosen = rng.sample(fits, min(len(fits), rng.randint(*plan.participants)))
        chosen.sort()
        self.planned.append(_Planned(learning_class, plan, held, chosen, {}))

    def add_talk(self, centre: Centre) -> None:
        rng = self.rng
        topic = rng.choice(sorted(TALK_TOPICS))
        start = self._start(360)
        talk = self._class(centre, topic, rng.choice(TALK_TOPICS[topic]), start)
        talk.end_date = start
        done = start <= self.as_of
        talk.status = LearningClass.Status.CLOSED if done else LearningClass.Status.PLANNED
        talk.hours = Decimal("2") if done else Decimal("0")
        counts: dict[tuple[str, str], int] = {}
        if done:
            everyone = rng.randint(30, 150)
            for group, share in AGE_GROUPS:
                for sex, part in ((Person.Sex.MALE, 0.45), (Person.Sex.FEMALE, 0.55)):
                    count = round(everyone * share * part * rng.uniform(0.6, 1.4))
                    if count:
                        counts[(str(sex), str(group))] = count
        self.planned.append(_Planned(talk, None, [start] if done else [], [], counts))

    def write(self) -> None:
        LearningClass.objects.bulk_create([p.learning_class for p in self.planned])
        sessions = Rows(Session, ("learning_class_id", "date", "hours", "subject"))
        for p in self.planned:
            hours = p.plan.hours if p.plan is not None else Decimal("2")
            for number, day in enumerate(p.dates, 1):
                subject = f"Buổi {number}" if p.plan is not None else p.learning_class.title[:300]
                sessions.rows.append((p.learning_class.pk, day, hours, subject))
        self.stats.sessions += sessions.write()
        ids = [p.learning_class.pk for p in self.planned]
        session_ids: defaultdict[int, list[int]] = defaultdict(list)
        for pk, class_id in (
            Session.objects.filter(learning_class_id__in=ids)
            .order_by("learning_class_id", "date", "pk")
            .values_list("pk", "learning_class_id")
        ):
            session_ids[class_id].append(pk)
        self._participants(session_ids)
        head_counts = Rows(HeadCount, ("learning_class_id", "sex", "age_group", "count"))
        for p in self.planned:
            for (sex, group), count in sorted(p.counts.items()):
                head_counts.rows.append((p.learning_class.pk, sex, group, count))
        self.stats.head_counts += head_counts.write()
        self.stats.classes += sum(p.plan is not None for p in self.planned)
        self.stats.talks += sum(p.plan is None for p in self.planned)

    def _participants(self, session_ids: dict[int, list[int]]) -> None:
        """Participations, then their attendance and learning-record lines."""
        rng = self.rng
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows = Rows(
            Participation,
            ("learning_class_id", "person_id", "completed", "result", "certificate", "created_at"),
        )
        present: dict[tuple[int, int], list[int]] = {}  # (class, person) → sessions attended
        outcome: dict[tuple[int, int], str] = {}
        for p in self.planned:
            if p.plan is None:
                continue
            class_id, held = p.learning_class.pk, session_ids.get(p.learning_class.pk, [])
            closed = p.learning_class.status == LearningClass.Status.CLOSED
            certificates = 0
            for person_id, _birth, _sex in p.people:
                keen = min(0.99, rng.gauss(ATTENDANCE, 0.12))
                attended = [s for s in held if rng.random() < keen]
                completed = closed and len(attended) >= COMPLETION_SHARE * len(held)
                result = ""
                if completed:
                    result = _grade(rng) if p.plan.graded else "Hoàn thành"
                certificate = completed and p.plan.certified
                certificates += certificate
                rows.rows.append((class_id, person_id, completed, result, certificate, now))
                present[(class_id, person_id)], outcome[(class_id, person_id)] = attended, result
            p.learning_class.certificates_issued = certificates
        self.stats.participations += rows.write()
        LearningClass.objects.bulk_update(
            [p.learning_class for p in self.planned if p.plan is not None],
            ["certificates_issued"],
        )
        by_class = {p.learning_class.pk: p for p in self.planned}
        attendance = Rows(Attendance, ("session_id", "participation_id"))
        entries = Rows(
            LearningEntry,
            ("person_id", "year", "kind", "participation_id", "topic_id", "title", "hours",
             "result", "source", "created_at"),
        )  # fmt: skip
        participations = Participation.objects.filter(learning_class_id__in=list(by_class))
        for pk, class_id, person_id in participations.values_list(
            "pk", "learning_class_id", "person_id"
        ):
            attended = present[(class_id, person_id)]
            attendance.rows.extend((session_id, pk) for session_id in attended)
            p = by_class[class_id]
            assert p.plan is not None  # noqa: S101 - talks have no participations
            c = p.learning_class
            entries.rows.append((
                person_id, c.start_date.year, LearningEntry.Kind.CLASS.value, pk, c.topic_id,
                c.title[:300], p.plan.hours * len(attended), outcome[(class_id, person_id)],
                c.centre.name[:300] if c.centre is not None else "", now,
            ))  # fmt: skip
        self.stats.attendances += attendance.write()
        self.stats.learning_entries += entries.write()


def _grade(rng: random.Random) -> str:
    return rng.choices([g for g, _w in GRADES], [w for _g, w in GRADES])[0]
