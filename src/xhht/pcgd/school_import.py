"""A school's list of pupils (XLSX) into the current school year's rows: checked first, then
written all at once or not at all.

Columns: họ và tên, ngày sinh, giới tính, lớp, trường, năm học, tình trạng (đang học / hoàn
thành / bỏ học / chuyển đi), and optionally mã hộ and thôn. Each row is matched to one person
of the chosen commune by folded name and birth date (a person whose registry row has only a
birth year matches by the year), narrowed by household code, hamlet and sex when given. People
are looked up only among those the officer may manage in that commune, so a row naming someone
elsewhere reads "không tìm thấy trong xã" and reveals nothing.

The file is read in a child process under the sheet limits (``core.sheets.read_import_sheet``:
size, rows, cells, memory, time), and at most ``MAX_ROWS`` rows are taken. A row that is wrong
stops the import; an unmatched (or ambiguous) row stops it too unless the officer chooses to
skip those rows. Writing goes through ``entry_bulk.record_schooling_rows`` (the model's rules,
in bulk, one audit entry for the list, the commune's kept figures recounted).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.centres.models import Centre
from xhht.core.sheets import RowProblem, SheetImportResult, read_import_sheet
from xhht.core.text import fold
from xhht.pcgd import entry
from xhht.pcgd.entry_bulk import record_schooling_rows
from xhht.pcgd.models import SchoolingRecord, current_school_year, school_year_label
from xhht.places.models import Place
from xhht.registry.imports.common import Choices, chunks, parse_birth, text
from xhht.registry.models import Person

COLUMNS = [
    ("full_name", "Họ và tên"),
    ("birth", "Ngày sinh"),
    ("sex", "Giới tính"),
    ("grade", "Lớp"),
    ("school", "Trường"),
    ("school_year", "Năm học"),
    ("status", "Tình trạng"),
    ("household", "Mã hộ"),
    ("hamlet", "Thôn, tổ dân phố"),
]
OPTIONAL = {"sex", "school", "household", "hamlet"}
#: Rows one file may carry (a large school's whole list); the sheet limits apply before.
MAX_ROWS = 5000

ENROLLED, COMPLETED, DROPPED, MOVED = "enrolled", "completed", "dropped", "moved"
STATUS_LABELS = [
    (ENROLLED, "Đang học"),
    (COMPLETED, "Hoàn thành"),
    (DROPPED, "Bỏ học"),
    (MOVED, "Chuyển đi"),
]
STATUS = Choices(
    STATUS_LABELS,
    ("Chuyển trường", MOVED),
    ("Hoàn thành chương trình", COMPLETED),
    ("Tốt nghiệp", COMPLETED),
)
SEX = Choices(Person.Sex.choices)
_GRADE = re.compile(r"^(?:lop\s*)?(\d{1,2})(?:\D.*)?$")
_PRESCHOOL = ("mau giao", "mam non", "la", "choi", "mam", "nha tre", "5 tuoi")
_YEAR = re.compile(r"^(\d{4})(?:\s*[-–/]\s*(\d{4}))?$")
GUIDE = [
    ("Họ và tên", "Bắt buộc, ghi đủ họ tên như trong sổ hộ khẩu."),
    ("Ngày sinh", "Bắt buộc: ngày/tháng/năm (15/03/2015) hoặc năm sinh."),
    ("Giới tính", "Nam hoặc Nữ; giúp phân biệt khi trùng tên."),
    ("Lớp", "Số lớp, có thể kèm tên lớp: 1, 5A, 10A1; mẫu giáo: Lá, Mẫu giáo 5 tuổi."),
    ("Trường", "Tên trường."),
    ("Năm học", "Năm học hiện tại, ví dụ 2026-2027."),
    ("Tình trạng", "Đang học, Hoàn thành, Bỏ học hoặc Chuyển đi."),
    ("Mã hộ, Thôn", "Không bắt buộc; ghi khi có học sinh trùng họ tên và ngày sinh."),
]


@dataclass
class Planned:
    row: int
    person: Person
    values: entry.SchoolingValues
    change: str  # "create" | "update" | "unchanged"


@dataclass
class SchoolListCheck:
    """What the import would do: rows to write, problems (wrong rows block; unmatched rows block
    unless skipped), counts."""

    result: SheetImportResult = field(default_factory=SheetImportResult)
    unmatched: list[RowProblem] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    rows: int = 0

    def writable(self, *, skip_unmatched: bool) -> bool:
        if not self.result.ok or not self.planned:
            return False
        return skip_unmatched or not self.unmatched

    def counts(self) -> dict[str, int]:
        found = {"create": 0, "update": 0, "unchanged": 0}
        for plan in self.planned:
            found[plan.change] += 1
        return found


def check(upload: IO[bytes], *, user: User, commune: Place) -> SchoolListCheck:
    """Read and check every row; nothing is written."""
    outcome = SchoolListCheck()
    sheet = read_import_sheet(
        upload,
        COLUMNS,
        outcome.result,
        max_bytes=settings.XHHT_MAX_SHEET_BYTES,
        optional=OPTIONAL,
    )
    if sheet is None:
        return outcome
    if len(sheet.rows) > MAX_ROWS:
        outcome.result.file_error = _(
            "Tệp có %(n)s dòng; mỗi lần nhập tối đa %(max)s dòng. Hãy chia nhỏ danh sách."
        ) % {"n": len(sheet.rows), "max": MAX_ROWS}
        return outcome
    outcome.rows = len(sheet.rows)
    year = current_school_year()
    people = _people_named(user, commune, [fold(text(r.get("full_name"))) for _n, r in sheet.rows])
    schools = _schools(commune)
    existing = _rows_of_year(people, year)
    seen: dict[int, int] = {}
    for number, raw in sheet.rows:
        parsed = _parse(number, raw, year, schools, outcome.result)
        if parsed is None:
            continue
        person = _match(number, raw, parsed[0], people, outcome)
        if person is None:
            continue
        if person.pk in seen:
            outcome.result.problems.append(
                RowProblem(number, _("trùng người với dòng %(row)s.") % {"row": seen[person.pk]})
            )
            continue
        seen[person.pk] = number
        values, change = _values(person, year, parsed[1], existing.get(person.pk))
        outcome.planned.append(Planned(number, person, values, change))
    return outcome


def write(
    outcome: SchoolListCheck, *, user: User, commune: Place, skip_unmatched: bool
) -> dict[str, int]:
    """Write every planned row at once (``entry_bulk``: all or none, one audit entry, the
    commune's figures recounted)."""
    if not outcome.writable(skip_unmatched=skip_unmatched):
        raise entry.EntryRefused(_("Chưa nhập: tệp còn dòng chưa đúng."))
    planned = [plan for plan in outcome.planned if plan.change != "unchanged"]
    record_schooling_rows(
        user=user,
        commune=commune,
        school_year=current_school_year(),
        items=[(plan.person, plan.values) for plan in planned],
        labels=[_("Dòng %(row)s") % {"row": plan.row} for plan in planned],
    )
    return outcome.counts()


# --- reading a row ------------------------------------------------------------------------------


@dataclass
class _Birth:
    name: str
    date: datetime.date | None
    year: int
    sex: str | None
    household: str
    hamlet: str


@dataclass
class _School:
    status: str
    level: str
    grade: int | None
    school: Centre | None
    school_name: str


def _parse(
    number: int,
    raw: dict[str, Any],
    year: int,
    schools: dict[str, Centre],
    result: SheetImportResult,
) -> tuple[_Birth, _School] | None:
    problems: list[str] = []
    name = text(raw.get("full_name"))
    if not name:
        problems.append(_("thiếu họ và tên."))
    day, birth_year = parse_birth(raw.get("birth"))
    if birth_year is None:
        problems.append(_("ngày sinh không đọc được; ghi ngày/tháng/năm, ví dụ 15/03/2015."))
    elif (day or datetime.date(birth_year, 1, 1)) > datetime.date.today():
        problems.append(_("ngày sinh ở tương lai."))
    sex = None
    if raw.get("sex") not in (None, ""):
        sex = SEX.get(raw.get("sex"))
        if sex is None:
            problems.append(_("giới tính ghi Nam hoặc Nữ."))
    listed_year = _school_year(raw.get("school_year"))
    if listed_year is None:
        problems.append(
            _("năm học không đọc được; ghi ví dụ %(y)s.") % {"y": school_year_label(year)}
        )
    elif listed_year != year:
        problems.append(
            _("danh sách của năm học %(listed)s; chỉ nhập được năm học hiện tại %(now)s.")
            % {"listed": school_year_label(listed_year), "now": school_year_label(year)}
        )
    status = STATUS.get(raw.get("status"))
    if status is None:
        problems.append(
            _("tình trạng phải là một trong: %(allowed)s.") % {"allowed": STATUS.allowed()}
        )
    level, grade = _grade(raw.get("grade"), text(raw.get("school")))
    if status in (ENROLLED, COMPLETED) and level is None:
        problems.append(_("lớp không đọc được; ghi số lớp (1–12, ví dụ 5A) hoặc Lá, Mẫu giáo."))
    for message in problems:
        result.problems.append(RowProblem(number, message))
    if problems or birth_year is None or status is None:
        return None
    school_name = text(raw.get("school"))
    birth = _Birth(
        name=name,
        date=day,
        year=birth_year,
        sex=sex,
        household=fold(text(raw.get("household"))),
        hamlet=fold(text(raw.get("hamlet"))),
    )
    school = _School(
        status=status,
        level=level or "",
        grade=grade,
        school=schools.get(fold(school_name)),
        school_name=school_name,
    )
    return birth, school


def _school_year(raw: Any) -> int | None:
    found = _YEAR.match(text(raw))
    if found is None:
        return None
    start = int(found.group(1))
    if found.group(2) and int(found.group(2)) != start + 1:
        return None
    return start


def _grade(raw: Any, school: str) -> tuple[str | None, int | None]:
    """(level, grade) from "5", "5A", "Lớp 10A1", "Lá", "Mẫu giáo 5 tuổi"; (None, None) if unread."""
    value = fold(text(raw))
    if not value:
        return None, None
    found = _GRADE.match(value)
    if found is not None:
        grade = int(found.group(1))
        if not 1 <= grade <= 12:
            return None, None
        continuing = "gdtx" in fold(school) or "giao duc thuong xuyen" in fold(school)
        if continuing and grade >= 6:
            return SchoolingRecord.Level.CONTINUING, grade
        for level, (low, high) in SchoolingRecord.GRADES.items():
            if level != SchoolingRecord.Level.CONTINUING and low <= grade <= high:
                return level, grade
    if any(value == word or value.startswith(word + " ") for word in _PRESCHOOL):
        return SchoolingRecord.Level.PRESCHOOL, None
    return None, None


# --- matching and what each row changes ---------------------------------------------------------


def _people_named(user: User, commune: Place, names: list[str]) -> dict[str, list[Person]]:
    """The people of ``commune`` the user may manage, by folded name: one query per 2,000 names."""
    scope = Person.objects.visible_to(user, Capability.MANAGE_PCGD).filter(
        place__in=Place.objects.subtree(commune)
    )
    found: dict[str, list[Person]] = defaultdict(list)
    for batch in chunks(sorted(set(names) - {""})):
        for person in scope.filter(search_text__in=batch).select_related("place", "household"):
            found[person.search_text].append(person)
    return found


def _schools(commune: Place) -> dict[str, Centre]:
    province = Place.objects.get(pk=commune.root_id)
    centres = Centre.objects.filter(
        place__in=Place.objects.subtree(province),
        kind__in=[Centre.Kind.SCHOOL, Centre.Kind.CONTINUING],
    ).only("pk", "name")
    found: dict[str, Centre] = {}
    for centre in centres[:5000]:
        found.setdefault(fold(centre.name), centre)
    return found


def _rows_of_year(people: dict[str, list[Person]], year: int) -> dict[int, list[SchoolingRecord]]:
    """Each candidate's rows up to ``year``, newest first (the year's own and the one before)."""
    ids = [p.pk for found in people.values() for p in found]
    rows: dict[int, list[SchoolingRecord]] = defaultdict(list)
    for batch in chunks(ids):
        for row in SchoolingRecord.objects.filter(
            person_id__in=batch, school_year__lte=year
        ).order_by("-school_year"):
            rows[row.person_id].append(row)
    return rows


def _match(
    number: int,
    raw: dict[str, Any],
    birth: _Birth,
    people: dict[str, list[Person]],
    outcome: SchoolListCheck,
) -> Person | None:
    candidates = [p for p in people.get(fold(birth.name)[:255], []) if _born(p, birth)]
    if birth.household:
        candidates = [
            p for p in candidates if p.household and fold(p.household.code) == birth.household
        ]
    if birth.hamlet:
        candidates = [
            p for p in candidates if birth.hamlet in (fold(p.place.name), fold(p.place.code))
        ]
    if len(candidates) > 1 and birth.sex:
        candidates = [p for p in candidates if p.sex == birth.sex]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        message = _("không tìm thấy trong xã.")
    else:
        message = _("trùng với %(n)s người trong xã; ghi thêm mã hộ hoặc thôn để phân biệt.") % {
            "n": len(candidates)
        }
    outcome.unmatched.append(RowProblem(number, message))
    return None


def _born(person: Person, birth: _Birth) -> bool:
    if birth.date is not None and person.birth_date is not None:
        return person.birth_date == birth.date
    return person.birth_year == birth.year


def _values(
    person: Person, year: int, school: _School, rows: list[SchoolingRecord] | None
) -> tuple[entry.SchoolingValues, str]:
    start = entry.starting_values(person, year, rows or [])
    values = entry.SchoolingValues(
        **{name: getattr(start, name) for name in entry.SCHOOLING_FIELDS}
    )
    if school.status in (ENROLLED, COMPLETED):
        values.status = SchoolingRecord.Status.ENROLLED
        values.level, values.grade = school.level, school.grade
        values.school, values.school_name = (
            school.school,
            "" if school.school else school.school_name,
        )
    else:
        values.status = (
            SchoolingRecord.Status.DROPPED_OUT
            if school.status == DROPPED
            else SchoolingRecord.Status.MOVED_AWAY
        )
        values.level, values.grade, values.school, values.school_name = "", None, None, ""
        if school.school_name:
            values.note = school.school_name
    if school.status == COMPLETED:
        if school.level == SchoolingRecord.Level.PRESCHOOL:
            values.completed_preschool = True
        elif school.level == SchoolingRecord.Level.PRIMARY and school.grade == 5:
            values.primary_completed_year = values.primary_completed_year or year + 1
        elif school.grade == 9:
            values.lower_secondary_diploma_year = values.lower_secondary_diploma_year or year + 1
    if start.pk is None:
        return values, "create"
    same = all(getattr(start, n) == getattr(values, n) for n in entry.SCHOOLING_FIELDS)
    return values, "unchanged" if same else "update"
