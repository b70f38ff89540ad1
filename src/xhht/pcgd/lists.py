"""The lists people work from: who in a hamlet or commune is not yet counted by a cohort of the
standards (who to visit), and the adults 15–60 not yet literate at level 2 (who to invite to a
literacy class).

Each list is the engine's own cohort (``engine.cohort_people``: same ages, exemptions, departures
and conditions as the figures), so a list always has as many names as the figure is short of its
denominator. Inviting adults goes through the centres' own ``classes.add_participants``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.centres import classes
from xhht.centres.models import LearningClass, Topic
from xhht.core.workflow import StepRefused
from xhht.pcgd.engine import cohort_people
from xhht.pcgd.models import Cohort, LiteracyRecord, SchoolingRecord
from xhht.places.models import Place
from xhht.registry.models import Person


@dataclass(frozen=True)
class WorkList:
    cohort: str
    title: Promise
    adults: bool = False


#: The lists, in the order of the forms: the children's cohorts, then the adults'.
LISTS = [
    WorkList(Cohort.MN5_ATTENDING, gettext_lazy("Trẻ 5 tuổi chưa đi học mẫu giáo")),
    WorkList(Cohort.TH_GRADE1_6, gettext_lazy("Trẻ 6 tuổi chưa vào lớp 1")),
    WorkList(Cohort.TH_COMPLETED_11, gettext_lazy("Trẻ 11 tuổi chưa hoàn thành tiểu học")),
    WorkList(Cohort.TH_COMPLETED_11_14, gettext_lazy("Trẻ 11–14 tuổi chưa hoàn thành tiểu học")),
    WorkList(
        Cohort.THCS_DIPLOMA_15_18, gettext_lazy("Thanh thiếu niên 15–18 tuổi chưa tốt nghiệp THCS")
    ),
    WorkList(
        Cohort.LITERATE2_15_60,
        gettext_lazy("Người 15–60 tuổi chưa đạt chuẩn biết chữ mức độ 2"),
        adults=True,
    ),
]
BY_COHORT = {w.cohort: w for w in LISTS}
#: Rows one export or printed list carries at most (a commune's list is hundreds).
MAX_ROWS = 20_000


def people_to_visit(place: Place, school_year: int, cohort: str) -> QuerySet[Person]:
    """The people of ``place`` (a commune or a hamlet) not yet meeting ``cohort``, with their
    household, hamlet and this year's schooling and literacy, in hamlet then name order."""
    return (
        cohort_people(place, school_year, cohort)
        .select_related("household", "place")
        .annotate(
            year_status=F("sr__status"),
            year_level=F("sr__level"),
            year_grade=F("sr__grade"),
            literacy_level=F("literacy__level"),
        )
        .order_by("place__sort_key", "place_id", "household__sort_key", "sort_key", "pk")
    )


def counts(place: Place, school_year: int) -> dict[str, int]:
    """How many are on each list: one COUNT per list."""
    return {w.cohort: people_to_visit(place, school_year, w.cohort).count() for w in LISTS}


def situation(person: Person) -> str:
    """The person's schooling or literacy this year in words (what the visitor reads)."""
    status = getattr(person, "year_status", None)
    if status is None:
        level = getattr(person, "literacy_level", None)
        if level is not None:
            return str(LiteracyRecord.Level(level).label)
        return _("Chưa có phiếu năm học này")
    words = str(SchoolingRecord.Status(status).label)
    level = getattr(person, "year_level", "")
    if level:
        words += ", " + str(SchoolingRecord.Level(level).label)
    grade = getattr(person, "year_grade", None)
    if grade:
        words += ", " + _("lớp %(grade)s") % {"grade": grade}
    return words


def rows(people: QuerySet[Person]) -> Iterator[list[object]]:
    """The export's and the printed list's rows."""
    for n, person in enumerate(people[:MAX_ROWS].iterator(chunk_size=2000), start=1):
        household = person.household
        yield [
            n,
            person.full_name,
            person.birth_year,
            person.get_sex_display(),
            household.head_name if household else "",
            household.code if household else "",
            person.place.name,
            situation(person),
        ]


def literacy_classes(user: User) -> QuerySet[LearningClass]:
    """The literacy classes (topic ``literacy``) the user may add participants to, not closed."""
    return (
        LearningClass.objects.visible_to(user, Capability.MANAGE_CLASSES)
        .filter(topic__code=Topic.LITERACY)
        .exclude(status=LearningClass.Status.CLOSED)
        .select_related("place")
        .order_by("-start_date", "pk")
    )


def invite(
    *,
    user: User,
    place: Place,
    school_year: int,
    learning_class: LearningClass,
    person_ids: Collection[int],
) -> int:
    """Add the chosen adults of the list to a literacy class through the centres' own step
    (``classes.add_participants``: MANAGE_CLASSES at the class, audited, atomic). Only people on
    the list of ``place`` may be invited. Returns how many were added."""
    if learning_class.topic.code != Topic.LITERACY:
        raise StepRefused(_("Chỉ mời vào lớp xóa mù chữ."))
    if not person_ids:
        raise StepRefused(_("Chưa chọn người nào để mời."))
    listed = people_to_visit(place, school_year, Cohort.LITERATE2_15_60)
    people = list(listed.filter(pk__in=person_ids))
    if len(people) != len(set(person_ids)):
        raise StepRefused(_("Có người không thuộc danh sách cần học xóa mù chữ; chưa mời ai."))
    return classes.add_participants(user=user, learning_class=learning_class, people=people)
