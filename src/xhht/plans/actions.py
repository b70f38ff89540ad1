"""Creating a plan from a confirmed proposal: its targets, the bodies it names, and its work
(tasks, report duties) in one audited transaction, all or nothing.

Tasks and report types are ``reporting`` models, an app above this one: ``reporting`` hands its
writer down when Django starts (``register_work_writer`` in its ``AppConfig.ready``), the way
the apps above ``indicators`` register their counters.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.db import models, transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import Body, User
from xhht.audit.actions import record_step
from xhht.core.text import fold
from xhht.indicators.models import Indicator
from xhht.places.models import Place
from xhht.plans.models import Plan, Target


class PlanError(Exception):
    pass


@dataclass
class TargetData:
    indicator: str
    year: int
    value: Decimal | None
    kind: str
    text: str = ""
    parent: str | None = None


@dataclass
class TaskData:
    """A task of the plan: ``lead`` and ``supporting`` are body names (keys of the plan's
    ``bodies``); the deadline fields are those of ``reporting.models.Task``."""

    text: str
    lead: str
    supporting: list[str] = field(default_factory=list)
    group: str = ""
    deadline_kind: str = "none"
    deadline_date: datetime.date | None = None
    deadline_quarter: int | None = None
    deadline_year: int | None = None
    yearly_day: int | None = None
    yearly_month: int | None = None
    targets: list[str] = field(default_factory=list)  # indicator codes of the plan's targets


@dataclass
class ReportData:
    """A report duty, saved as a ``reporting.models.ReportType``; ``first_year``/``first_due``
    open its first period (the reports the bodies then owe)."""

    name: str
    reporters: list[str] = field(default_factory=list)  # body names
    reporter_level: str = ""  # "commune": every current commune under the plan's place
    receiver: str = ""  # as written: "Ủy ban nhân dân Thành phố"
    receiver_body: str = ""  # a body name, "" if none
    frequency: str = "yearly"
    due_day: int = 1
    due_month: int = 12
    due_days_after: int = 10
    cutoff_day: int = 30
    cutoff_month: int = 11
    first_year: int | None = None
    first_due: datetime.date | None = None
    text: str = ""


@dataclass
class BodyData:
    """A body the plan names: an existing ``Body`` (same place or above) or one to create."""

    name: str
    body: Body | None = None
    place: Place | None = None  # where a new body is created; the plan's place when None
    kind: str = ""


@dataclass
class PlanData:
    place: Place
    number: str
    date: datetime.date | None
    issuer: str
    title: str
    period_start: int
    period_end: int
    targets: list[TargetData] = field(default_factory=list)
    source_text: str = ""
    source_name: str = ""
    source_path: str = ""
    bodies: list[BodyData] = field(default_factory=list)
    tasks: list[TaskData] = field(default_factory=list)
    reports: list[ReportData] = field(default_factory=list)
    parent: Plan | None = None


class WorkWriter(Protocol):
    def __call__(
        self,
        *,
        plan: Plan,
        user: User | None,
        bodies: dict[str, Body],
        targets: dict[str, Target],
        tasks: list[TaskData],
        reports: list[ReportData],
    ) -> None: ...


_work_writers: list[WorkWriter] = []


def register_work_writer(writer: WorkWriter) -> None:
    """``reporting`` registers the function that saves a plan's tasks and report types."""
    if writer not in _work_writers:
        _work_writers.append(writer)


# --- bodies -------------------------------------------------------------------------------

_COURTESY = ("de nghi ", "giao ", "yeu cau ")


def body_key(name: str) -> str:
    """A body's name folded for matching: no diacritics, no "Đề nghị", no "Việt Nam"."""
    key = fold(name).strip(" .;:,")
    for word in _COURTESY:
        if key.startswith(word):
            key = key[len(word) :]
    return " ".join(key.replace(" viet nam", "").replace(" - ", " ").replace("-", " ").split())


def _place_suffixes(place: Place) -> list[str]:
    """The endings a body's name takes at this place: "thành phố Cần Thơ", "thành phố", "tỉnh"."""
    name = fold(place.name)
    bare = name.split(" ", 2)[-1] if name.startswith(("thanh pho ", "tinh ")) else name
    return [f" {name}", f" {bare}", " thanh pho", " tinh", " tp"]


def _keys(name: str, place: Place) -> set[str]:
    key = body_key(name)
    keys = {key}
    for suffix in _place_suffixes(place):
        if key.endswith(suffix) and len(key) > len(suffix) + 3:
            keys.add(key[: -len(suffix)].strip())
    return keys


def plain_key(name: str, place: Place) -> str:
    """The shortest of a name's keys at ``place``: "Liên đoàn Lao động Thành phố Hồ Chí Minh" and
    "Liên đoàn Lao động Thành phố" are one body of Thành phố Hồ Chí Minh."""
    return min(_keys(name, place), key=len)


def match_body(name: str, place: Place, known: list[Body] | None = None) -> Body | None:
    """The existing body of this name at ``place`` or above, the nearest first; None if none.

    Names match folded (case, diacritics, "Đề nghị" and the place's name at the end do not
    count): "Sở Giáo dục và Đào tạo thành phố Cần Thơ" is the "Sở Giáo dục và Đào tạo" of Cần Thơ.
    """
    candidates = known if known is not None else bodies_above(place)
    wanted = _keys(name, place)
    for body in candidates:
        if wanted & _keys(body.name, body.place):
            return body
    return None


def bodies_above(place: Place) -> list[Body]:
    """Bodies at ``place`` and the places above it, the nearest place first."""
    depth = {pk: i for i, pk in enumerate(place.path_ids())}
    bodies = list(Body.objects.filter(place_id__in=depth).select_related("place"))
    return sorted(bodies, key=lambda b: (-depth[b.place_id], b.name))


def body_kind(name: str) -> str:
    key = body_key(name)
    if key.startswith(("uy ban nhan dan", "ubnd")):
        return Body.Kind.PEOPLES_COMMITTEE
    if key.startswith("ban chi dao"):
        return Body.Kind.STEERING_COMMITTEE
    if key.startswith("hoi khuyen hoc"):
        return Body.Kind.ASSOCIATION
    if key.startswith(
        ("hoi ", "doan ", "lien doan", "thanh doan", "tinh doan", "uy ban mat tran", "mat tran")
    ):
        return Body.Kind.MASS_ORGANISATION
    if key.startswith(("so ", "ban ", "phong ", "cong an", "bo chi huy", "bo tu lenh")):
        return Body.Kind.DEPARTMENT
    return Body.Kind.OTHER


def resolve_bodies(names: list[str], place: Place) -> list[BodyData]:
    """Each name once: matched to an existing body at the place or above, or to be created."""
    known = bodies_above(place)
    found: dict[str, BodyData] = {}
    for name in names:
        name = name.strip()[:250]
        if name and name not in found:
            found[name] = BodyData(name=name, body=match_body(name, place, known))
    return list(found.values())


_REFERENCE = re.compile(
    r"(?:Quyết định|Kế hoạch|Chương trình|Chỉ thị|Nghị quyết)\s+(?:số\s+)?"
    r"(\d+[\w\-]*/[\wĐđ\-]+)"
    r"(?:\s+ngày\s+(\d{1,2})\s*(?:/|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4}))?",
    re.IGNORECASE,
)


def plan_references(text: str) -> list[tuple[str, datetime.date | None]]:
    """The documents a text names by number ("Kế hoạch số 1144/KH-UBND ngày 16/3/2022"), in
    order; the date when given."""
    found: list[tuple[str, datetime.date | None]] = []
    for match in _REFERENCE.finditer(text):
        day = None
        if match[4]:
            try:
                day = datetime.date(int(match[4]), int(match[3]), int(match[2]))
            except ValueError:
                day = None
        if all(match[1] != number for number, _day in found):
            found.append((match[1], day))
    return found


# --- checks -------------------------------------------------------------------------------


def check_target(data: TargetData) -> None:
    if (
        data.kind == Target.Kind.PERCENT
        and data.value is not None
        and not (Decimal(0) <= data.value <= Decimal(100))
    ):
        raise PlanError(
            _("Chỉ tiêu %(code)s năm %(year)s: tỉ lệ phải từ 0 đến 100.")
            % {"code": data.indicator, "year": data.year}
        )
    if data.kind in {Target.Kind.PERCENT, Target.Kind.COUNT} and data.value is None:
        raise PlanError(
            _("Chỉ tiêu %(code)s năm %(year)s: cần nhập giá trị.")
            % {"code": data.indicator, "year": data.year}
        )


def check_task(number: int, task: TaskData) -> None:
    """Refuses a task the database would refuse, with the row the officer sees."""
    where = _("Nhiệm vụ %(n)s") % {"n": number}
    if not task.text.strip():
        raise PlanError(_("%(where)s: cần nội dung nhiệm vụ.") % {"where": where})
    if not task.lead.strip():
        raise PlanError(_("%(where)s: chưa có cơ quan chủ trì.") % {"where": where})
    kind = task.deadline_kind
    if kind == "date" and task.deadline_date is None:
        raise PlanError(_("%(where)s: thời hạn cần ngày cụ thể.") % {"where": where})
    if kind == "quarter" and not (
        task.deadline_quarter in (1, 2, 3, 4) and task.deadline_year is not None
    ):
        raise PlanError(_("%(where)s: thời hạn cần quý (I–IV) và năm.") % {"where": where})
    if kind == "yearly" and not (
        task.yearly_month is not None
        and 1 <= task.yearly_month <= 12
        and task.yearly_day is not None
        and 1 <= task.yearly_day <= 31
    ):
        raise PlanError(_("%(where)s: thời hạn hằng năm cần ngày và tháng.") % {"where": where})
    if kind not in {"none", "date", "quarter", "yearly"}:
        raise PlanError(_("%(where)s: không rõ loại thời hạn.") % {"where": where})


def check_report(number: int, report: ReportData) -> None:
    where = _("Báo cáo %(n)s") % {"n": number}
    if not report.name.strip():
        raise PlanError(_("%(where)s: cần tên báo cáo.") % {"where": where})
    if not report.reporters and not report.reporter_level:
        raise PlanError(_("%(where)s: chưa có cơ quan nào phải báo cáo.") % {"where": where})
    if report.frequency not in {"yearly", "half_yearly", "quarterly"}:
        raise PlanError(_("%(where)s: không rõ kỳ báo cáo.") % {"where": where})
    try:
        datetime.date(2024, report.due_month, report.due_day)
        datetime.date(2024, report.cutoff_month, report.cutoff_day)
    except ValueError:
        raise PlanError(_("%(where)s: hạn gửi không phải một ngày.") % {"where": where}) from None
    if (report.first_due is None) != (report.first_year is None):
        raise PlanError(
            _("%(where)s: để mở kỳ báo cáo đầu cần cả năm và hạn gửi.") % {"where": where}
        )


def _check(data: PlanData) -> dict[str, Indicator]:
    if data.period_end < data.period_start:
        raise PlanError(_("Năm kết thúc phải sau hoặc bằng năm bắt đầu."))
    indicators = Indicator.objects.in_bulk([t.indicator for t in data.targets], field_name="code")
    seen: set[tuple[str, int]] = set()
    for target in data.targets:
        if target.indicator not in indicators:
            raise PlanError(_("Không có chỉ tiêu mã %(code)s.") % {"code": target.indicator})
        if (target.indicator, target.year) in seen:
            raise PlanError(
                _("Chỉ tiêu %(code)s năm %(year)s bị lặp.")
                % {"code": target.indicator, "year": target.year}
            )
        seen.add((target.indicator, target.year))
        check_target(target)
    for number, task in enumerate(data.tasks, start=1):
        check_task(number, task)
    for number, report in enumerate(data.reports, start=1):
        check_report(number, report)
    if (data.tasks or data.reports) and not _work_writers:
        raise PlanError(_("Chưa cài phần nhiệm vụ và báo cáo: không lưu được nhiệm vụ."))
    return indicators


def _save_bodies(data: PlanData, user: User | None) -> dict[str, Body]:
    """The bodies by name: the matched ones, and the others created at their place."""
    saved: dict[str, Body] = {}
    for item in data.bodies:
        if item.body is not None:
            saved[item.name] = item.body
            continue
        place = item.place or data.place
        if user is not None:
            require(user, Capability.MANAGE_PLANS, place)
        saved[item.name], _created = Body.objects.get_or_create(
            place=place, name=item.name[:250], defaults={"kind": item.kind or body_kind(item.name)}
        )
    return saved


def create_plan(*, user: User | None, data: PlanData) -> Plan:
    """Save the plan, its targets, the bodies it names, its tasks and its report types; refuses
    the whole plan if one part is wrong (``PlanError``, in Vietnamese)."""
    if user is not None:
        require(user, Capability.MANAGE_PLANS, data.place)
    indicators = _check(data)
    with transaction.atomic():
        duplicate = Plan.objects.filter(place=data.place, number=data.number, date=data.date)
        if data.number and duplicate.exists():
            raise PlanError(_("Kế hoạch số %(n)s đã có.") % {"n": data.number})
        plan = Plan.objects.create(
            place=data.place,
            number=data.number,
            date=data.date,
            issuer=data.issuer,
            title=data.title,
            period_start=data.period_start,
            period_end=data.period_end,
            source_text=data.source_text,
            source_name=data.source_name,
            created_by=user,
            parent=data.parent,
        )
        if data.source_path:
            plan.source_document.name = data.source_path
            plan.save(update_fields=["source_document"])
        saved: dict[tuple[str, int], Target] = {}
        for order, item in enumerate(data.targets, start=1):
            saved[(item.indicator, item.year)] = Target.objects.create(
                plan=plan,
                indicator=indicators[item.indicator],
                year=item.year,
                value=item.value,
                kind=item.kind,
                text=item.text,
                order=order,
            )
        for item in data.targets:
            parent = saved.get((item.parent, item.year)) if item.parent else None
            if parent is not None:
                child = saved[(item.indicator, item.year)]
                child.parent = parent
                child.save(update_fields=["parent"])
        adopted = _adopt_sub_plans(plan)
        bodies = _save_bodies(data, user)
        if data.tasks or data.reports:
            by_code = {code: target for (code, _year), target in sorted(saved.items())}
            for writer in _work_writers:
                writer(
                    plan=plan,
                    user=user,
                    bodies=bodies,
                    targets=by_code,
                    tasks=data.tasks,
                    reports=data.reports,
                )
        record_step(
            actor=user,
            obj=plan,
            step="plan_confirmed",
            place=plan.place,
            after={
                "targets": len(data.targets),
                "bodies": len(bodies),
                "tasks": len(data.tasks),
                "report_types": len(data.reports),
                "parent": plan.parent_id,
                "sub_plans": adopted,
            },
        )
    return plan


def _adopt_sub_plans(plan: Plan) -> list[int]:
    """Plans already in the system, at this plan's place or below and with no parent yet, that
    say they carry this one out (by number, and date when they give one): linked to it."""
    if not plan.number:
        return []
    candidates = (
        Plan.objects.filter(parent__isnull=True, place__path__startswith=plan.place.path)
        .exclude(pk=plan.pk)
        .filter(models.Q(title__contains=plan.number) | models.Q(source_text__contains=plan.number))
    )
    adopted = []
    for child in candidates:
        for number, day in plan_references(f"{child.title}\n{child.source_text}"):
            if number == plan.number and (day is None or day == plan.date):
                child.parent = plan
                child.save(update_fields=["parent"])
                adopted.append(child.pk)
                break
    return adopted
