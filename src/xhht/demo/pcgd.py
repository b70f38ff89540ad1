"""The demo's universal education and literacy (PCGD–XMC) data for the current school year.

The generator (``synthetic.pcgd``) gives the demo province's generated people their schooling
and literacy histories; then the two communes the logins work in are set so the demo tells a
story:

- Cần Thơ enters the threshold of PCGD THCS mức độ 2 that the decree's research left empty
  (Điều 15 NOT FOUND, ../shared/research/vn-criteria.md §7): 90%, between mức độ 1 (80%, Điều 14)
  and mức độ 3 (95%, Điều 16), entered by the coordinator through the province's form and
  labelled "giá trị minh họa do tỉnh nhập" — an illustration, not an official value.
- The first commune (Cái Khế, ``xa1``) reaches PCGD tiểu học mức độ 1, XMC mức độ 1 and PCGD
  THCS mức độ 1, and is exactly one young person short of PCGD THCS mức độ 2: among the 15–18-
  year-olds without a THCS diploma (the list of who to visit) is a 15-year-old repeating grade 9
  (``VISIT_NOTE``), whose diploma recorded reaches the level.
- The second commune (Ninh Kiều, ``xa2``) reaches XMC mức độ 2, a few adults left to invite to a
  literacy class.

Set with plain updates of the generated rows (a few dozen), then the province's kept results and
indicator counts rebuilt once. A commune that already had schooling rows is left as it is, so a
second run changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from xhht.accounts.models import User
from xhht.indicators.rebuild import rebuild as rebuild_counts
from xhht.pcgd import engine, kept
from xhht.pcgd.engine import needed
from xhht.pcgd.models import LiteracyRecord, SchoolingRecord, Standard, current_school_year
from xhht.pcgd.rules_actions import fill_thresholds
from xhht.places.models import Level, Place
from xhht.registry.models import Person
from xhht.synthetic.pcgd import generate_schooling

DEMO_SEED = 2026
THCS_2 = "pcgd_thcs_2"
DIPLOMA = "thcs_diploma_15_18"
#: The illustrative threshold the demo province enters (see the module docstring).
THCS_2_THRESHOLD = Decimal(90)
THCS_2_SOURCE = (
    "Giá trị minh họa do tỉnh nhập (dữ liệu trình diễn): Điều 15 Nghị định 20/2014/NĐ-CP chưa "
    "tìm thấy; 90% nằm giữa mức độ 1 (80%, Điều 14) và mức độ 3 (95%, Điều 16)."
)
VISIT_NOTE = "Đang học lại lớp 9 (dữ liệu trình diễn)"
#: What each demo commune must reach first (cohort → percent, the national thresholds).
_LIFTS = {
    "first": {"th_grade1_6": 90, "th_completed_11_14": 80, "literate1_15_35": 90},
    "second": {"literate1_15_35": 90, "literate2_15_60": 90},
}
S, L = SchoolingRecord.Status, SchoolingRecord.Level


def seed_pcgd(*, communes: list[str] | None, coordinator: User | None = None) -> bool:
    """Schooling and literacy for the demo province (``communes``: only these codes), the
    province's illustrative threshold, and the two demo communes set (module docstring).
    Returns whether the demo communes were set now (False when they had data already)."""
    province = Place.objects.current().get(level=Level.PROVINCE, code="92")
    first, second = Place.objects.current().filter(parent=province).order_by("code")[:2]
    year = current_school_year()
    fresh = not SchoolingRecord.objects.filter(person__place__path__startswith=first.path).exists()
    generate_schooling(
        province_code="92", school_year=year, seed=DEMO_SEED, communes=communes, rebuild=False
    )
    coordinator = coordinator or User.objects.filter(username="tinh").first()
    if coordinator is not None and not Standard.objects.filter(code=THCS_2, province=province):
        fill_thresholds(
            user=coordinator,
            province=province,
            code=THCS_2,
            thresholds={DIPLOMA: (THCS_2_THRESHOLD, None)},
            source=THCS_2_SOURCE,
        )
    with transaction.atomic():
        if fresh:
            for cohort, percent in _LIFTS["first"].items():
                _lift(first, year, cohort, percent)
            _one_short(first, year)
            for cohort, percent in _LIFTS["second"].items():
                _lift(second, year, cohort, percent)
        kept.rebuild(province=province, years=[year - 1, year])
        rebuild_counts(province)
    return fresh


def _figure(commune: Place, year: int, cohort: str) -> tuple[int, int]:
    figure = engine.compute([commune], year)[commune.pk].figures[cohort]
    return figure.numerator, figure.denominator


def _missing(commune: Place, year: int, cohort: str, count: int) -> list[Person]:
    people = engine.cohort_people(commune, year, cohort).order_by("-birth_year", "pk")
    return list(people[:count])


def _lift(commune: Place, year: int, cohort: str, percent: int) -> None:
    """Complete the rows of enough people of the cohort to reach ``percent``."""
    numerator, denominator = _figure(commune, year, cohort)
    short = needed(Decimal(percent), denominator) - numerator
    for person in _missing(commune, year, cohort, max(short, 0)):
        age = year - person.birth_year
        if cohort.startswith("literate"):
            LiteracyRecord.objects.update_or_create(
                person=person,
                defaults={"level": 2, "reached_year": year, "method": "literacy_class"},
            )
        elif cohort == "th_grade1_6":
            _set_row(person, year, status=S.ENROLLED, level=L.PRIMARY, grade=1)
        else:  # primary completed at the end of last school year
            grade = min(9, 6 + age - 11)
            _set_row(
                person, year, status=S.ENROLLED, level=L.LOWER_SECONDARY, grade=grade,
                primary_completed_year=year - (age - 11),
            )  # fmt: skip


def _set_row(person: Person, year: int, **values: object) -> None:
    SchoolingRecord.objects.update_or_create(
        person=person, school_year=year, defaults={"exempt_disability": False, **values}
    )


def _one_short(commune: Place, year: int) -> None:
    """The 15–18 diploma rate one young person below the province's threshold, with a
    15-year-old repeating grade 9 (``VISIT_NOTE``) among those without a diploma."""
    _numerator, denominator = _figure(commune, year, DIPLOMA)
    target = needed(THCS_2_THRESHOLD, denominator) - 1
    if target < needed(Decimal(80), denominator):
        raise RuntimeError("demo: too few 15–18-year-olds in the first commune for the story")
    cohort = engine.cohort_people(commune, year, DIPLOMA, missing=False)
    graduates = list(  # this year's graduates: taking their diploma back leaves no trace behind
        SchoolingRecord.objects.filter(
            school_year=year,
            person__in=cohort.values("pk"),
            lower_secondary_diploma_year=year,
        ).order_by("-person__birth_year", "pk")
    )
    fifteen = [row for row in graduates if row.person_id and year - _birth(row) == 15]
    if not fifteen:
        raise RuntimeError("demo: no 15-year-old graduate in the first commune")
    _repeat_grade_9(fifteen[0], note=VISIT_NOTE)
    numerator, _denominator = _figure(commune, year, DIPLOMA)
    others = [row for row in graduates if row.pk != fifteen[0].pk]
    for row in others[: max(numerator - target, 0)]:
        _repeat_grade_9(row, note="")
    numerator, _denominator = _figure(commune, year, DIPLOMA)
    for person in _missing(commune, year, DIPLOMA, denominator)[: max(target - numerator, 0) + 1]:
        if person.pk == fifteen[0].person_id:
            continue
        if numerator >= target:
            break
        _set_row(
            person, year, status=S.ENROLLED, level=L.UPPER_SECONDARY, grade=10,
            primary_completed_year=year - 4, lower_secondary_diploma_year=year,
        )  # fmt: skip
        numerator += 1
    if _figure(commune, year, DIPLOMA) != (target, denominator):
        raise RuntimeError("demo: the first commune is not one young person short")


def _birth(row: SchoolingRecord) -> int:
    return Person.objects.values_list("birth_year", flat=True).get(pk=row.person_id)


def _repeat_grade_9(row: SchoolingRecord, *, note: str) -> None:
    """This year's graduate did not graduate: still in grade 9."""
    SchoolingRecord.objects.filter(pk=row.pk).update(
        status=S.ENROLLED,
        level=L.LOWER_SECONDARY,
        grade=9,
        lower_secondary_diploma_year=None,
        primary_completed_year=row.primary_completed_year or row.school_year - 4,
        note=note,
    )
