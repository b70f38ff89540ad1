"""A year's classes with their participants from one workbook: all or nothing.

The first sheet ("Lớp học") has one row per class, keyed by its code; the second ("Người học")
one row per participant: the class code and the person as the registry's household import keys
a person without CCCD (household code, full name, birth year). A person is looked up only among
the people the importing user may see, so a row never reveals anyone outside the scope: any
other person reads as "not found". Every row is checked first, with "Dòng N: …" per problem;
then everything is written in one transaction (the caller's), or nothing.

Re-importing the same file changes nothing: a class with a known code is updated, a person
already in the class keeps their row (completion, certificate and result are updated). A class
imported without sessions counts its hours in the record of those who completed it
(``record.keep_entries_of_classes``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability
from xhht.accounts.models import Body, User
from xhht.centres.classes_forms import class_bodies, usable_topics
from xhht.centres.models import Centre, LearningClass, Topic
from xhht.core.sheets import iter_sheet
from xhht.core.text import fold
from xhht.places.models import Level, Place
from xhht.registry.imports.common import (
    Choices,
    ImportPlan,
    chunks,
    missing,
    parse_birth,
    text,
)
from xhht.registry.models import Person

CLASS_COLUMNS = [
    ("code", "Mã lớp"),
    ("topic", "Chủ đề"),
    ("title", "Tên lớp, hoạt động"),
    ("centre", "Mã cơ sở"),
    ("place", "Mã địa bàn"),
    ("start", "Ngày bắt đầu"),
    ("end", "Ngày kết thúc"),
    ("hours", "Số giờ học"),
    ("status", "Tình trạng"),
    ("organiser", "Cơ quan chủ trì"),
    ("partners", "Cơ quan phối hợp"),
    ("teachers", "Giáo viên, báo cáo viên"),
]
CLASS_OPTIONAL = {"centre", "place", "end", "hours", "status", "organiser", "partners", "teachers"}
PARTICIPANT_COLUMNS = [
    ("class_code", "Mã lớp"),
    ("household", "Mã hộ"),
    ("full_name", "Họ và tên"),
    ("birth_year", "Năm sinh"),
    ("completed", "Hoàn thành"),
    ("certificate", "Được cấp chứng chỉ"),
    ("result", "Kết quả"),
]
PARTICIPANT_OPTIONAL = {"completed", "certificate", "result"}
YES_NO = Choices([("yes", "Có"), ("no", "Không")], ("x", "yes"), ("1", "yes"), ("0", "no"))
STATUS = Choices(LearningClass.Status.choices)
GUIDE = [
    (
        "Lớp học: Mã lớp",
        "Bắt buộc, mỗi lớp một mã. Nhập lại tệp thì lớp có mã đã có được cập nhật.",
    ),
    ("Lớp học: Chủ đề", "Bắt buộc: tên hoặc mã một chủ đề trong danh mục (chọn trong danh sách)."),
    ("Lớp học: Tên lớp, hoạt động", "Bắt buộc."),
    ("Lớp học: Mã cơ sở", "Mã cơ sở học tập tổ chức lớp; để trống thì ghi Mã địa bàn."),
    (
        "Lớp học: Mã địa bàn",
        "Mã xã/phường hoặc thôn nơi học khi không có cơ sở; phải thuộc địa bàn nhập.",
    ),
    (
        "Lớp học: Ngày bắt đầu, Ngày kết thúc",
        "Ngày dạng 15/03/2026; ngày kết thúc có thể để trống.",
    ),
    (
        "Lớp học: Số giờ học",
        "Tổng số giờ của lớp; học viên có tên được ghi số giờ này vào sổ theo dõi học tập.",
    ),
    (
        "Lớp học: Tình trạng",
        "Dự kiến, Đang học hoặc Đã kết thúc; để trống: Đã kết thúc nếu ngày kết thúc đã qua.",
    ),
    (
        "Lớp học: Cơ quan chủ trì, phối hợp",
        "Tên cơ quan đã có trong hệ thống; nhiều cơ quan phối hợp cách nhau bởi dấu “;”.",
    ),
    ("Người học: Mã lớp", "Bắt buộc: một mã của trang Lớp học."),
    (
        "Người học: Mã hộ, Họ và tên, Năm sinh",
        "Bắt buộc: người đã có trong sổ đăng ký, thuộc địa bàn của bạn. Không ghi số CCCD.",
    ),
    ("Người học: Hoàn thành, Được cấp chứng chỉ", "Có hoặc Không; để trống là Không."),
]
STATUS_FROM_NAME = {fold(str(label)): value for value, label in LearningClass.Status.choices}


@dataclass
class ImportedClass:
    row: int
    code: str
    topic: Topic
    title: str
    centre: Centre | None
    place: Place
    start: datetime.date
    end: datetime.date | None
    hours: Decimal
    status: str
    organiser: Body | None
    partners: list[Body]
    teachers: str
    existing: LearningClass | None = None
    people: dict[int, ImportedParticipant] = field(default_factory=dict)


@dataclass
class ImportedParticipant:
    row: int
    completed: bool
    certificate: bool
    result: str


def check(
    user: User, upload: IO[bytes], root: Place, advance: Callable[[int], None]
) -> tuple[ImportPlan, dict[str, ImportedClass]]:
    """Validate both sheets for ``user`` under ``root``: the plan, and the checked classes by
    code that ``class_import_write.write`` saves when the plan has no problem."""
    plan = ImportPlan()
    rows = _read_classes(user, upload, root, plan, advance)
    _read_participants(user, upload, plan, rows, advance)
    for item in rows.values():
        plan.count("classes", "create" if item.existing is None else "update")
        plan.count("participants", "create", len(item.people))
    return plan, rows


def _lookup(user: User, root: Place) -> dict[str, Any]:
    topics: dict[str, Topic] = {}
    usable = usable_topics(user).filter(Q(province__isnull=True) | Q(province_id=root.root_id))
    for topic in usable.order_by("province_id"):
        topics.setdefault(fold(topic.name), topic)
        topics.setdefault(fold(topic.code), topic)
    centres = {
        c.code: c
        for c in Centre.objects.visible_to(user, Capability.MANAGE_CLASSES)
        .filter(place__path__startswith=root.path)
        .select_related("place")
    }
    places = {
        p.code: p
        for p in Place.objects.current()
        .subtree(root)
        .filter(level__in=[Level.PROVINCE, Level.COMMUNE, Level.HAMLET])
    }
    bodies: dict[str, Body] = {}
    for body in class_bodies(user):
        bodies.setdefault(fold(body.name), body)
        if body.short_name:
            bodies.setdefault(fold(body.short_name), body)
    return {"topics": topics, "centres": centres, "places": places, "bodies": bodies}


def _date(raw: Any) -> datetime.date | None:
    if raw in (None, ""):
        return None
    day, _year = parse_birth(raw)
    return day


def _read_classes(
    user: User, upload: IO[bytes], root: Place, plan: ImportPlan, advance: Callable[[int], None]
) -> dict[str, ImportedClass]:
    known = _lookup(user, root)
    today = timezone.localdate()
    rows: dict[str, ImportedClass] = {}
    seen: dict[str, int] = {}
    for number, record in iter_sheet(upload, CLASS_COLUMNS, optional=CLASS_OPTIONAL):
        advance(number)
        if record is None:
            continue
        plan.rows += 1
        problems: list[str] = []
        code, title = text(record["code"]), text(record["title"])
        if not code:
            problems.append(missing(_("mã lớp")))
        elif code in seen:
            problems.append(_("mã lớp trùng với dòng %(row)s.") % {"row": seen[code]})
        else:
            seen[code] = number
        if not title:
            problems.append(missing(_("tên lớp")))
        topic = known["topics"].get(fold(text(record["topic"])))
        if not text(record["topic"]):
            problems.append(missing(_("chủ đề")))
        elif topic is None:
            problems.append(
                _("không có chủ đề “%(topic)s” trong danh mục.") % {"topic": text(record["topic"])}
            )
        centre, place = None, None
        centre_code, place_code = text(record["centre"]), text(record["place"])
        if centre_code:
            centre = known["centres"].get(centre_code)
            if centre is None:
                problems.append(
                    _("không có cơ sở học tập mã %(code)s trong địa bàn nhập.")
                    % {"code": centre_code}
                )
            else:
                place = centre.place
        elif place_code:
            place = known["places"].get(place_code)
            if place is None:
                problems.append(
                    _("không có địa bàn mã %(code)s thuộc %(root)s.")
                    % {"code": place_code, "root": root.name}
                )
        else:
            problems.append(_("thiếu mã cơ sở hoặc mã địa bàn."))
        start, end = _date(record["start"]), _date(record["end"])
        if start is None:
            problems.append(
                _("ngày bắt đầu không hợp lệ (ghi dạng 15/03/2026).")
                if record["start"] not in (None, "")
                else missing(_("ngày bắt đầu"))
            )
        if record["end"] not in (None, "") and end is None:
            problems.append(_("ngày kết thúc không hợp lệ (ghi dạng 15/03/2026)."))
        if start and end and end < start:
            problems.append(_("ngày kết thúc trước ngày bắt đầu."))
        hours = _hours(record["hours"])
        if hours is None:
            problems.append(_("số giờ học phải là số từ 0 đến 10.000."))
        status = _status(record["status"], end, today)
        if status is None:
            problems.append(
                _("tình trạng “%(value)s” không hợp lệ; ghi: %(allowed)s.")
                % {"value": text(record["status"]), "allowed": STATUS.allowed()}
            )
        organiser = None
        if text(record["organiser"]):
            organiser = known["bodies"].get(fold(text(record["organiser"])))
            if organiser is None:
                problems.append(
                    _("không có cơ quan “%(name)s”.") % {"name": text(record["organiser"])}
                )
        partners: list[Body] = []
        for name in (n.strip() for n in text(record["partners"]).split(";")):
            if not name:
                continue
            body = known["bodies"].get(fold(name))
            if body is None:
                problems.append(_("không có cơ quan “%(name)s”.") % {"name": name})
            elif body not in partners:
                partners.append(body)
        if problems:
            for message in problems:
                plan.problem(number, message)
            continue
        assert topic and place and start and hours is not None and status  # noqa: S101 - checked above
        rows[code] = ImportedClass(
            number, code, topic, title, centre, place, start, end, hours, status,
            organiser, partners, text(record["teachers"]),
        )  # fmt: skip  # aligned with the dataclass's fields
    _check_codes(user, root, plan, rows)
    return rows


def _hours(raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return Decimal("0")
    try:
        value = Decimal(str(raw).replace(",", ".")).quantize(Decimal("0.1"))
    except InvalidOperation:
        return None
    return value if 0 <= value <= 10_000 else None


def _status(raw: Any, end: datetime.date | None, today: datetime.date) -> str | None:
    if raw in (None, ""):
        closed = end is not None and end < today
        return LearningClass.Status.CLOSED if closed else LearningClass.Status.OPEN
    return STATUS.get(raw)


def _check_codes(user: User, root: Place, plan: ImportPlan, rows: dict[str, ImportedClass]) -> None:
    """A code already used: the class is updated if the user manages it (a closed one too: the
    file is the year's record), else the row is refused without saying where the other class is."""
    mine = LearningClass.objects.visible_to(user, Capability.MANAGE_CLASSES).filter(
        place__path__startswith=root.path
    )
    for batch in chunks(list(rows)):
        found = {c.code: c for c in LearningClass.objects.filter(code__in=batch)}
        managed = set(mine.filter(code__in=batch).values_list("code", flat=True))
        for code, known in found.items():
            item = rows[code]
            if code not in managed:
                plan.problem(
                    item.row, _("mã lớp %(code)s đã được dùng ở nơi khác.") % {"code": code}
                )
                del rows[code]
            else:
                item.existing = known


def _read_participants(
    user: User,
    upload: IO[bytes],
    plan: ImportPlan,
    classes: dict[str, ImportedClass],
    advance: Callable[[int], None],
) -> None:
    wanted: list[tuple[int, str, str, str, int, ImportedParticipant]] = []
    seen: dict[tuple[str, str, str, int], int] = {}
    for number, record in iter_sheet(
        upload, PARTICIPANT_COLUMNS, optional=PARTICIPANT_OPTIONAL, sheet=1
    ):
        advance(number)
        if record is None:
            continue
        plan.rows += 1
        problems: list[str] = []
        code, household = text(record["class_code"]), text(record["household"])
        name = text(record["full_name"])
        year = _year(record["birth_year"])
        for value, what in ((code, _("mã lớp")), (household, _("mã hộ")), (name, _("họ và tên"))):
            if not value:
                problems.append(missing(what))
        if year is None:
            problems.append(_("năm sinh phải là số, ví dụ 1985."))
        completed = _yes_no(record["completed"], problems, _("Hoàn thành"))
        certificate = _yes_no(record["certificate"], problems, _("Được cấp chứng chỉ"))
        if certificate and not completed:
            problems.append(_("chỉ người hoàn thành lớp mới được cấp chứng chỉ."))
        key = (code, household, fold(name), year or 0)
        if code and key in seen:
            problems.append(_("người này đã được ghi ở dòng %(row)s.") % {"row": seen[key]})
        elif code:
            seen[key] = number
        if problems:
            for message in problems:
                plan.problem(number, _sheet2(message))
            continue
        item = ImportedParticipant(number, completed, certificate, text(record["result"])[:200])
        wanted.append((number, code, household, name, year or 0, item))
    people = _people(user, {household for _n, _c, household, *_rest in wanted})
    for number, code, household, name, year, item in wanted:
        matches = people.get((household, fold(name), year), [])
        if code not in classes:
            plan.problem(
                number,
                _sheet2(
                    _("mã lớp %(code)s không có (hoặc có lỗi) ở trang Lớp học.") % {"code": code}
                ),
            )
        elif not matches:
            plan.problem(
                number,
                _sheet2(
                    _(
                        "không tìm thấy %(name)s, sinh năm %(year)s, trong hộ %(household)s thuộc địa bàn của bạn."
                    )
                    % {"name": name, "year": year, "household": household}
                ),
            )
        elif len(matches) > 1:
            plan.problem(
                number,
                _sheet2(
                    _(
                        "hộ %(household)s có hai người %(name)s sinh năm %(year)s; hãy thêm người này trên trang của lớp."
                    )
                    % {"name": name, "year": year, "household": household}
                ),
            )
        elif matches[0] in classes[code].people:
            plan.problem(number, _sheet2(_("người này đã được ghi vào lớp ở một dòng khác.")))
        else:
            classes[code].people[matches[0]] = item


def _sheet2(message: str) -> str:
    return _("trang Người học: %(message)s") % {"message": message}


def _year(raw: Any) -> int | None:
    value = text(raw)
    return (
        int(value) if value.isascii() and value.isdigit() and 1900 <= int(value) <= 2100 else None
    )


def _yes_no(raw: Any, problems: list[str], column: str) -> bool:
    if raw in (None, ""):
        return False
    value = YES_NO.get(raw)
    if value is None:
        problems.append(_("cột “%(column)s” ghi Có hoặc Không.") % {"column": column})
    return value == "yes"


def _people(user: User, households: set[str]) -> dict[tuple[str, str, int], list[int]]:
    """(household code, folded name, birth year) → person ids, among the people the user sees."""
    found: dict[tuple[str, str, int], list[int]] = {}
    visible = Person.objects.visible_to(user)
    for batch in chunks(sorted(households)):
        for pk, code, name, year in visible.filter(household__code__in=batch).values_list(
            "pk", "household__code", "full_name", "birth_year"
        ):
            found.setdefault((code, fold(name), year), []).append(pk)
    return found
