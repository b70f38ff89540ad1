"""Recording a person's schooling (one row per school year) and literacy: the typed, audited steps
behind the household screen and the school-list import.

- ``record_schooling`` writes the current school year's row of one person (creates it or changes
  it); rows of past school years are history and are refused, a future year too. A new row
  starts from the completions of the person's latest earlier row (``starting_values``), so a
  grade-10 pupil keeps the THCS diploma year written the year before.
- ``record_literacy`` writes the person's literacy level and how it was reached.
- ``save_household_entry`` writes a whole household at once, or nothing.

Every step checks ``MANAGE_PCGD`` at the person's place (the commune officer, the province
coordinator), validates with the model's own rules (``full_clean``: grade against level, completion
years) plus "not in the future", and saves under ``acting_as`` so each change is in the audit
trail; the engine's kept figures follow through pcgd's own signals on these saves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import User
from xhht.audit.context import acting_as
from xhht.centres.models import Centre, LearningClass
from xhht.core.workflow import StepRefused
from xhht.pcgd import kept
from xhht.pcgd.models import LiteracyRecord, SchoolingRecord, current_school_year
from xhht.pcgd.models.cohorts import COHORTS
from xhht.pcgd.models.years import age_in
from xhht.registry.models import Person

#: Ages (by birth year) whose schooling the household screen asks for: the PCGD cohorts of
#: children and young people (5-year-olds … 15–18), and whose literacy: the XMC cohorts (15–60).
CHILD_AGES = (
    min(s.ages[0] for s in COHORTS.values() if s.exempts),
    max(s.ages[1] for s in COHORTS.values() if s.exempts),
)
ADULT_AGES = (
    min(s.ages[0] for s in COHORTS.values() if not s.exempts),
    max(s.ages[1] for s in COHORTS.values() if not s.exempts),
)


@dataclass
class SchoolingValues:
    """What a school year's row says about one person (``SchoolingRecord``'s editable fields)."""

    status: str
    level: str = ""
    grade: int | None = None
    school: Centre | None = None
    school_name: str = ""
    completed_preschool: bool = False
    primary_completed_year: int | None = None
    lower_secondary_diploma_year: int | None = None
    exempt_disability: bool = False
    disability_note: str = ""
    note: str = ""


@dataclass
class LiteracyValues:
    level: int
    reached_year: int | None = None
    method: str = ""
    learning_class: LearningClass | None = None
    note: str = ""


SCHOOLING_FIELDS = tuple(f.name for f in fields(SchoolingValues))
LITERACY_FIELDS = tuple(f.name for f in fields(LiteracyValues))
#: What a new school year's row carries forward from the person's latest earlier row.
CARRIED = (
    "completed_preschool",
    "primary_completed_year",
    "lower_secondary_diploma_year",
    "exempt_disability",
    "disability_note",
)


class EntryRefused(StepRefused):
    """Nothing was saved; ``problems`` names each field to fix, in Vietnamese."""


def in_child_ages(person: Person, school_year: int) -> bool:
    return CHILD_AGES[0] <= age_in(school_year, person.birth_year) <= CHILD_AGES[1]


def in_adult_ages(person: Person, school_year: int) -> bool:
    return ADULT_AGES[0] <= age_in(school_year, person.birth_year) <= ADULT_AGES[1]


def starting_values(
    person: Person, school_year: int, rows: list[SchoolingRecord] | None = None
) -> SchoolingRecord:
    """The row the year's entry starts from: the year's own row, else a new (unsaved) row with the
    completions of the latest earlier one. ``rows``: the person's rows, newest first, when the
    caller already has them (a household screen reads them in one query)."""
    if rows is None:
        rows = list(SchoolingRecord.objects.filter(person=person, school_year__lte=school_year))
        rows.sort(key=lambda r: -r.school_year)
    for row in rows:
        if row.school_year == school_year:
            return row
    fresh = SchoolingRecord(person=person, school_year=school_year, status="")
    earlier = next((r for r in rows if r.school_year < school_year), None)
    if earlier is not None:
        for name in CARRIED:
            setattr(fresh, name, getattr(earlier, name))
    return fresh


def _refuse(person: Person, exc: ValidationError) -> EntryRefused:
    problems = [
        f"{person.full_name}: {message}"
        for messages in (
            exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]
        )
        for message in messages
    ]
    return EntryRefused(_("Chưa lưu: có thông tin chưa đúng."), problems)


def future_years(**years: int | None) -> dict[str, str]:
    """A message for each year after the current school year ends (keyed by field name): a
    school completes its pupils in May of the school year's second calendar year."""
    last = current_school_year() + 1
    return {
        name: _("Năm không được sau năm kết thúc năm học hiện tại (%(year)s).") % {"year": last}
        for name, year in years.items()
        if year is not None and year > last
    }


def check_year(school_year: int) -> None:
    current = current_school_year()
    if school_year < current:
        raise EntryRefused(_("Năm học đã qua chỉ để xem lại; không sửa được nữa."))
    if school_year > current:
        raise EntryRefused(_("Chưa đến năm học này."))


def record_schooling(
    *, user: User, person: Person, school_year: int, values: SchoolingValues
) -> SchoolingRecord:
    """Write ``person``'s row of ``school_year`` (the current one) with ``values``."""
    require(user, Capability.MANAGE_PCGD, person.place)
    check_year(school_year)
    with transaction.atomic(), acting_as(user):
        row = (
            SchoolingRecord.objects.select_for_update()
            .filter(person=person, school_year=school_year)
            .first()
        )
        if row is None:
            row = SchoolingRecord(person=person, school_year=school_year)
        elif all(getattr(row, name) == getattr(values, name) for name in SCHOOLING_FIELDS):
            return row
        row.person = person  # the caller's instance: its place is what the audit trail names
        for name in SCHOOLING_FIELDS:
            setattr(row, name, getattr(values, name))
        try:
            row.full_clean()
        except ValidationError as exc:
            raise _refuse(person, exc) from exc
        wrong = year_problems(row, person)
        if wrong:
            raise _refuse(person, ValidationError(wrong))
        row.save()
    return row


def year_problems(row: SchoolingRecord, person: Person) -> dict[str, str]:
    """Completion years after the current school year's end or not after the birth year."""
    wrong = future_years(
        primary_completed_year=row.primary_completed_year,
        lower_secondary_diploma_year=row.lower_secondary_diploma_year,
    )
    for name in ("primary_completed_year", "lower_secondary_diploma_year"):
        year = getattr(row, name)
        if year is not None and year <= person.birth_year:
            wrong[name] = _("Năm hoàn thành phải sau năm sinh.")
    return wrong


def record_literacy(*, user: User, person: Person, values: LiteracyValues) -> LiteracyRecord:
    """Write ``person``'s literacy level and how and when it was reached."""
    require(user, Capability.MANAGE_PCGD, person.place)
    with transaction.atomic(), acting_as(user):
        row = LiteracyRecord.objects.select_for_update().filter(person=person).first()
        if row is None:
            row = LiteracyRecord(person=person)
        elif all(getattr(row, name) == getattr(values, name) for name in LITERACY_FIELDS):
            return row
        row.person = person
        row.level = values.level
        row.reached_year = values.reached_year
        row.method = values.method
        row.learning_class = values.learning_class
        row.note = values.note
        try:
            row.full_clean()
        except ValidationError as exc:
            raise _refuse(person, exc) from exc
        future = future_years(reached_year=row.reached_year)
        if person.birth_year and row.reached_year and row.reached_year < person.birth_year:
            future["reached_year"] = _("Năm đạt không được trước năm sinh.")
        if future:
            raise _refuse(person, ValidationError(future))
        row.save()
    return row


def save_household_entry(
    *,
    user: User,
    school_year: int,
    schooling: Mapping[Person, SchoolingValues],
    literacy: Mapping[Person, LiteracyValues],
) -> int:
    """Every member's row at once, or none (any refusal rolls all of them back). Returns the
    number of people whose rows were written."""
    with transaction.atomic(), kept.batch():  # the commune's figures recounted once, at the end
        for person, values in schooling.items():
            record_schooling(user=user, person=person, school_year=school_year, values=values)
        for person, literacy_values in literacy.items():
            record_literacy(user=user, person=person, values=literacy_values)
    return len(set(schooling) | set(literacy))
