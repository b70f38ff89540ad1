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
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db import connection, models, reset_queries, transaction
from django.utils import timezone

from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.centres.models import (
    Attendance,
    Centre,
    HeadCount,
    LearningClass,
    LearningEntry,
    Participation,
    Session,
    Topic,
)
from xhht.indicators.rebuild import rebuild
from xhht.places.models import Level, Place
from xhht.registry.models import Person
from xhht.synthetic.units import commune_short_name

PEOPLE_PER_CLASS = 400
PEOPLE_PER_TALK = 1_000
#: A participant present at a session with this chance, drawn per person around it.
ATTENDANCE = 0.85
#: Present at this share of the sessions held: the class is completed.
COMPLETION_SHARE = 0.7


@dataclass(frozen=True)
class TopicPlan:
    weight: float
    titles: tuple[str, ...]
    participants: tuple[int, int]
    sessions: tuple[int, int]
    hours: Decimal  # per session
    ages: tuple[int, int]
    graded: bool = False  # results "Đạt", "Khá", "Giỏi" rather than "Hoàn thành"
    certified: bool = False  # a certificate for those who complete it


#: Classes with named participants, by topic code of the national catalogue.
CLASS_TOPICS: dict[str, TopicPlan] = {
    Topic.LITERACY: TopicPlan(
        1, ("Lớp xóa mù chữ mức độ 1", "Lớp xóa mù chữ mức độ 2"), (6, 18), (16, 30),
        Decimal("3"), (15, 60), graded=True, certified=True,
    ),
    Topic.POST_LITERACY: TopicPlan(
        0.5, ("Lớp giáo dục tiếp tục sau khi biết chữ",), (6, 15), (12, 20), Decimal("3"),
        (15, 60), graded=True,
    ),
    Topic.DIGITAL_SKILLS: TopicPlan(
        4, ("Kỹ năng số cơ bản cho người dân", "Dùng điện thoại thông minh và dịch vụ công trực "
            "tuyến", "Thanh toán không dùng tiền mặt an toàn", "Kỹ năng số cho người cao tuổi"),
        (12, 30), (4, 8), Decimal("2"), (15, 75), graded=True, certified=True,
    ),
    Topic.INFO_LITERACY: TopicPlan(
        1.5, ("Tìm kiếm và đánh giá thông tin trên mạng", "Nhận diện tin giả, lừa đảo trực "
              "tuyến"), (12, 30), (2, 4), Decimal("2"), (15, 70),
    ),
    Topic.LIFE_SKILLS: TopicPlan(
        3, ("Kỹ năng sống cho thanh thiếu niên", "Phòng, chống đuối nước", "Kỹ năng làm cha mẹ",
            "Sơ cứu, cấp cứu ban đầu"), (15, 35), (3, 6), Decimal("2"), (15, 45),
    ),
    Topic.AGRICULTURE: TopicPlan(
        3, ("Kỹ thuật trồng lúa chất lượng cao", "Chăn nuôi gà an toàn sinh học",
            "Trồng rau theo tiêu chuẩn VietGAP", "Nuôi trồng thủy sản"),
        (15, 40), (3, 6), Decimal("3"), (18, 70), certified=True,
    ),
    Topic.VOCATIONAL: TopicPlan(
        1.5, ("Sơ cấp nghề may công nghiệp", "Sửa chữa máy nông nghiệp", "Nghề nấu ăn",
              "Đan lát thủ công mỹ nghệ"), (10, 25), (15, 30), Decimal("4"), (18, 55),
        graded=True, certified=True,
    ),
    Topic.FOREIGN_LANGUAGES: TopicPlan(
        1, ("Tiếng Anh giao tiếp cơ bản",), (10, 25), (12, 24), Decimal("2"), (10, 45),
        graded=True, certified=True,
    ),
    Topic.HEALTH: TopicPlan(
        1.5, ("Chăm sóc sức khỏe người cao tuổi", "Dinh dưỡng cho trẻ dưới 5 tuổi"), (15, 35),
        (2, 4), Decimal("2"), (18, 85),
    ),
    Topic.CULTURE: TopicPlan(
        1, ("Câu lạc bộ đọc sách", "Câu lạc bộ hát dân ca", "Câu lạc bộ văn nghệ"), (10, 30),
        (6, 12), Decimal("2"), (10, 80),
    ),
}  # fmt: skip
#: Talks and events counted by sex and age group, by topic code.
TALK_TOPICS: dict[str, tuple[str, ...]] = {
    Topic.LAW: (
        "Tuyên truyền Luật Đất đai năm 2024",
        "Phổ biến pháp luật về trật tự, an toàn giao thông",
        "Phòng, chống bạo lực gia đình",
    ),
    Topic.HEALTH: ("Phòng, chống sốt xuất huyết", "Khám và tư vấn sức khỏe cộng đồng"),
    Topic.CULTURE: ("Ngày hội đọc sách", "Giao lưu văn nghệ mừng Xuân"),
    Topic.AGRICULTURE: ("Hội thảo đầu bờ: chuyển đổi cây trồng",),
}
#: Who teaches, by topic (roles, not names: the generator makes no teacher up).
TEACHERS: dict[str, str] = {
    Topic.LITERACY: "Giáo viên Trường Tiểu học {short}",
    Topic.POST_LITERACY: "Giáo viên Trường Trung học cơ sở {short}",
    Topic.DIGITAL_SKILLS: "Tổ công nghệ số cộng đồng {where}",
    Topic.INFO_LITERACY: "Đoàn Thanh niên {where}",
    Topic.LIFE_SKILLS: "Hội Liên hiệp Phụ nữ {where}",
    Topic.AGRICULTURE: "Hội Nông dân {where}, cán bộ khuyến nông",
    Topic.VOCATIONAL: "Trung tâm giáo dục nghề nghiệp, giáo dục thường xuyên",
    Topic.FOREIGN_LANGUAGES: "Giáo viên Trường Trung học cơ sở {short}",
    Topic.HEALTH: "Trạm Y tế {where}",
    Topic.CULTURE: "Cán bộ văn hóa {where}",
    Topic.LAW: "Báo cáo viên pháp luật {where}",
}
AGE_GROUPS = (
    (HeadCount.AgeGroup.UNDER_15, 0.15),
    (HeadCount.AgeGroup.FROM_15_TO_35, 0.3),
    (HeadCount.AgeGroup.FROM_36_TO_60, 0.35),
    (HeadCount.AgeGroup.OVER_60, 0.2),
)
GRADES = (("Giỏi", 0.2), ("Khá", 0.45), ("Đạt", 0.35))
#: Other institutions: (kind, code prefix, name, chance per commune, chance in a ward).
OTHER_INSTITUTIONS = (
    (Centre.Kind.LIBRARY, "TV", "Thư viện {where}", 0.25, 0.5),
    (Centre.Kind.CULTURAL_HOUSE, "NVH", "Nhà văn hóa {where}", 0.6, 0.5),
    (Centre.Kind.CULTURAL_HOUSE, "BDVH", "Điểm Bưu điện – Văn hóa {where}", 0.3, 0.1),
    (Centre.Kind.MUSEUM, "DT", "Khu di tích lịch sử – văn hóa {short}", 0.04, 0.06),
    (
        Centre.Kind.CONTINUING,
        "GDTX",
        "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên khu vực {short}",
        0.08,
        0.1,
    ),
)


@dataclass
class CentreStats:
    communes: int = 0
    skipped: int = 0  # communes that already had an institution, or no people
    centres: int = 0
    classes: int = 0
    talks: int = 0
    sessions: int = 0
    participations: int = 0
    attendances: int = 0
    head_counts: int = 0
    learning_entries: int = 0

    def add(self, other: CentreStats) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    @property
    def rows(self) -> int:
        """Rows written (everything but the communes)."""
        every: int = sum(getattr(self, f.name) for f in fields(self))
        return every - self.communes - self.skipped


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


class _Rows:
    """Plain tuples for one table, written with one ``executemany``. The model's other columns
    get their defaults (a time stamp for ``auto_now``, NULL where allowed), so a field added
    later with a default never breaks the generator."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model, self.columns, self.rows = model, columns, list[tuple[Any, ...]]()

    def _defaults(self) -> tuple[list[models.Field[Any, Any]], tuple[Any, ...]]:
        now = timezone.now()
        others, values = [], []
        for field in self.model._meta.concrete_fields:
            if field.primary_key or field.attname in self.columns:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value: Any = now
            else:  # the field's default; "" for text, None where NULL is allowed
                value = field.get_default()
                if value is None and not field.null:
                    raise ValueError(f"{self.model.__name__}.{field.name} needs a value")
            others.append(field)
            values.append(field.get_db_prep_save(value, connection))
        return others, tuple(values)

    def write(self) -> int:
        if self.rows:
            column_of = {f.attname: f.column for f in self.model._meta.concrete_fields}
            others, defaults = self._defaults()
            quote = connection.ops.quote_name
            columns = [column_of[c] for c in self.columns] + [f.column for f in others]
            names = ", ".join(quote(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            table = quote(self.model._meta.db_table)
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from the model
            with connection.cursor() as cursor:
                cursor.executemany(sql, [row + defaults for row in self.rows])
        count, self.rows = len(self.rows), []
        return count


def _institutions(rng: random.Random, commune: Place) -> list[Centre]:
    kind, short = commune_short_name(commune)
    where = f"{kind} {short}"
    ward = kind == "phường"
    computers = rng.choice((0, 2, 3, 5, 8, 10, 15)) if rng.random() < 0.9 else 0
    internet = computers > 0 and rng.random() < 0.85
    centres = [
        Centre(
            code=f"TT-{commune.code}",
            name=f"Trung tâm học tập cộng đồng {where}",
            kind=Centre.Kind.TTHTCD,
            place_id=commune.pk,
            address=f"Trụ sở Ủy ban nhân dân {where}",
            computers=computers,
            internet=internet,
            it_management=internet and rng.random() < 0.7,
            pilot_it=internet and rng.random() < 0.05,
            digital_teaching=internet and rng.random() < 0.4,
            staff_count=rng.randint(2, 5),
            opening_hours="Thứ Hai – Thứ Sáu, 7 giờ – 17 giờ",
        )
    ]
    for centre_kind, prefix, name, chance, ward_chance in OTHER_INSTITUTIONS:
        if rng.random() < (ward_chance if ward else chance):
            centres.append(
                Centre(
                    code=f"{prefix}-{commune.code}",
                    name=name.format(where=where, short=short),
                    kind=centre_kind,
                    place_id=commune.pk,
                    computers=rng.choice((0, 0, 1, 2, 4)),
                    staff_count=rng.randint(1, 4),
                    opening_hours="Thứ Ba – Chủ nhật, 8 giờ – 17 giờ",
                )
            )
    for centre in centres:
        centre.internet = centre.internet or (centre.computers > 0 and rng.random() < 0.7)
        centre.refresh_keys()
    Centre.objects.bulk_create(centres)
    return centres


Resident = tuple[int, int, str]  # person pk, birth year, sex


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
        centres = _institutions(rng, commune)
        writer = _ClassWriter(rng, commune, year=year, as_of=as_of, topics=topics, stats=stats)
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


@dataclass
class _Planned:
    """A class drawn but not written yet: its instance, then its rows."""

    learning_class: LearningClass
    plan: TopicPlan | None
    dates: list[datetime.date]  # sessions held
    people: list[Resident]
    counts: dict[tuple[str, str], int]


class _ClassWriter:
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
        sessions = _Rows(Session, ("learning_class_id", "date", "hours", "subject"))
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
        head_counts = _Rows(HeadCount, ("learning_class_id", "sex", "age_group", "count"))
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
        rows = _Rows(
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
        attendance = _Rows(Attendance, ("session_id", "participation_id"))
        entries = _Rows(
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
