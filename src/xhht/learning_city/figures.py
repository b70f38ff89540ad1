"""The live figures of a learning-city profile, computed from XHHT's records for a place (the
province or a city) and a year; each query is written once here and in docs/LEARNING_CITY.md.

- ``population``: people in the registry under the place (``registry.Person``).
- ``families_recognised`` / ``clans_recognised`` / ``communities_recognised`` /
  ``units_recognised`` / ``citizens_recognised``: assessments of the title in that year in state
  ``recognised`` whose place is under the place (one GROUP BY title).
- ``centres_active``: active community learning centres (TTHTCĐ) under the place.
- ``classes``: classes and activities under the place starting in the year.
- ``learners`` / ``learners_completed``: distinct people taking part in (completing) those classes.
- ``record_lines``: learning-record lines of the year that count (class lines and confirmed
  self-declared ones) of people under the place.
- ``open_resources``: open learning resources published by contributors under the place.
- ``campaign_participants``: people reported in the year's lifelong-learning week campaigns
  opened under the place (reports sent or accepted).
- ``literacy_15_60``: people 15–60 at literacy level 2 over people 15–60 (PCGD–XMC kept cohort
  figures, the latest school year not after the year that has figures), a rate.

Every figure is a fixed number of queries whatever the size of the province.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Sum

from xhht.centres.models import (
    Campaign,
    CampaignActivity,
    Centre,
    LearningClass,
    LearningEntry,
    Participation,
)
from xhht.criteria.models import Title
from xhht.pcgd.models import Cohort, CohortFigure
from xhht.places.models import Place
from xhht.recognition.models import Assessment, State
from xhht.registry.models import Person
from xhht.resources.models import Resource

LABELS: dict[str, dict[str, str]] = {
    "population": {"vi": "Dân số có trong sổ đăng ký", "en": "Residents in the registry"},
    "families_recognised": {
        "vi": 'Gia đình được công nhận "Gia đình học tập" trong năm',
        "en": "Households recognised as learning families this year",
    },
    "clans_recognised": {
        "vi": 'Dòng họ được công nhận "Dòng họ học tập" trong năm',
        "en": "Clans recognised as learning clans this year",
    },
    "communities_recognised": {
        "vi": 'Thôn, ấp được công nhận "Cộng đồng học tập" trong năm',
        "en": "Hamlets recognised as learning communities this year",
    },
    "units_recognised": {
        "vi": 'Cơ quan, đơn vị được công nhận "Đơn vị học tập" trong năm',
        "en": "Workplaces recognised as learning units this year",
    },
    "citizens_recognised": {
        "vi": 'Người được công nhận "Công dân học tập" trong năm',
        "en": "People recognised as learning citizens this year",
    },
    "centres_active": {
        "vi": "Trung tâm học tập cộng đồng đang hoạt động",
        "en": "Active community learning centres",
    },
    "classes": {
        "vi": "Lớp học, hoạt động học tập mở trong năm",
        "en": "Classes and learning activities started this year",
    },
    "learners": {
        "vi": "Người học tham gia lớp học trong năm",
        "en": "Learners in classes this year",
    },
    "learners_completed": {
        "vi": "Người học hoàn thành lớp học trong năm",
        "en": "Learners who completed a class this year",
    },
    "record_lines": {
        "vi": "Dòng sổ theo dõi học tập được ghi nhận trong năm",
        "en": "Learning-record entries counted this year",
    },
    "open_resources": {"vi": "Học liệu mở đã công bố", "en": "Open learning resources published"},
    "campaign_participants": {
        "vi": "Lượt người tham gia Tuần lễ hưởng ứng học tập suốt đời",
        "en": "Participants in the lifelong-learning week",
    },
    "literacy_15_60": {
        "vi": "Tỉ lệ người 15–60 tuổi đạt chuẩn biết chữ mức độ 2",
        "en": "People aged 15–60 literate at level 2",
    },
}

TITLE_FIGURES = {
    Title.FAMILY: "families_recognised",
    Title.CLAN: "clans_recognised",
    Title.COMMUNITY: "communities_recognised",
    Title.UNIT: "units_recognised",
    Title.CITIZEN: "citizens_recognised",
}


@dataclass(frozen=True)
class Figure:
    code: str
    value: int | None
    #: For a rate: the denominator (``value`` is the numerator).
    denominator: int | None = None

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None

    def percent(self) -> Decimal | None:
        if self.denominator is None or not self.denominator or self.value is None:
            return None
        exact = Decimal(self.value * 100) / Decimal(self.denominator)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def label(self, lang: str) -> str:
        return LABELS[self.code][lang]

    def formatted(self, lang: str) -> str:
        """The value as a reader of ``lang`` writes it: 1.234 and 95,5 % in Vietnamese, 1,234 and
        95.5% in English; "—" when XHHT holds nothing for it."""
        if self.is_rate:
            percent = self.percent()
            if percent is None:
                return "—"
            share = (
                f"{format_count(self.value or 0, lang)}/{format_count(self.denominator or 0, lang)}"
            )
            if lang == "vi":
                return f"{str(percent).replace('.', ',')} % ({share})"
            return f"{percent}% ({share})"
        return "—" if self.value is None else format_count(self.value, lang)


def format_count(number: int, lang: str) -> str:
    grouped = f"{number:,}"
    return grouped.replace(",", ".") if lang == "vi" else grouped


def compute(place: Place, year: int) -> dict[str, Figure]:
    """Every figure of the profile for ``place`` and ``year``."""
    under = place.path
    values: dict[str, int | None] = {code: 0 for code in TITLE_FIGURES.values()}
    recognised = (
        Assessment.objects.filter(place__path__startswith=under, year=year, state=State.RECOGNISED)
        .values("title")
        .annotate(n=Count("pk"))
    )
    for row in recognised:
        code = TITLE_FIGURES.get(row["title"])
        if code:
            values[code] = row["n"]
    values["population"] = Person.objects.filter(place__path__startswith=under).count()
    values["centres_active"] = (
        Centre.objects.community_centres().active().filter(place__path__startswith=under).count()
    )
    classes = LearningClass.objects.filter(place__path__startswith=under, start_date__year=year)
    values["classes"] = classes.count()
    taking_part = Participation.objects.filter(learning_class__in=classes)
    values["learners"] = taking_part.values("person").distinct().count()
    values["learners_completed"] = (
        taking_part.filter(completed=True).values("person").distinct().count()
    )
    values["record_lines"] = (
        LearningEntry.objects.counted()
        .filter(person__place__path__startswith=under, year=year)
        .count()
    )
    values["open_resources"] = (
        Resource.objects.published().filter(place__path__startswith=under).count()
    )
    sent = (CampaignActivity.State.SUBMITTED, CampaignActivity.State.ACCEPTED)
    values["campaign_participants"] = (
        CampaignActivity.objects.filter(
            campaign__place__path__startswith=under,
            campaign__year=year,
            campaign__kind=Campaign.Kind.LIFELONG_LEARNING_WEEK,
            state__in=sent,
        ).aggregate(n=Sum("participants"))["n"]
        or 0
    )
    figures = {code: Figure(code, value) for code, value in values.items()}
    figures["literacy_15_60"] = literacy(place, year)
    return figures


def literacy(place: Place, year: int) -> Figure:
    """Σ numerators / Σ denominators of the communes' kept literacy cohort, latest school year
    not after ``year``; no figure (None) when no commune under the place has one."""
    rows = CohortFigure.objects.filter(
        commune__path__startswith=place.path,
        cohort=Cohort.LITERATE2_15_60,
        school_year__lte=year,
    )
    latest = rows.aggregate(y=Max("school_year"))["y"]
    if latest is None:
        return Figure("literacy_15_60", None, 0)
    sums = rows.filter(school_year=latest).aggregate(n=Sum("numerator"), d=Sum("denominator"))
    return Figure("literacy_15_60", sums["n"] or 0, sums["d"] or 0)
