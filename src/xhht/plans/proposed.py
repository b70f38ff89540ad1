"""From the importer's proposal (its JSON, as the confirm page keeps it in the session) to what
``actions.create_plan`` saves: the bodies (matched or to create), the tasks, the report duties
and the plan it carries out. The confirm page, ``xhht load_seed_plans`` and ``xhht import_plan
--dry-run --json`` all go through here, so they save the same things."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from xhht.core.text import fold
from xhht.places.models import Level, Place
from xhht.plans.actions import (
    BodyData,
    PlanData,
    ReportData,
    TargetData,
    TaskData,
    bodies_above,
    body_key,
    match_body,
    plain_key,
    plan_references,
    resolve_bodies,
)
from xhht.plans.models import Plan

Json = dict[str, Any]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


# --- tasks --------------------------------------------------------------------------------


def _deadline_from_words(words: str | None) -> Json:
    """The structured deadline of an older proposal that only has the words."""
    text = words or ""
    if match := re.match(r"hằng năm trước (\d{1,2})/(\d{1,2})$", text):
        return {
            "deadline_kind": "yearly",
            "yearly_day": int(match[1]),
            "yearly_month": int(match[2]),
        }
    if match := re.match(r"trước ngày (\d{1,2})/(\d{1,2})/(\d{4})$", text):
        try:
            day = datetime.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return {"deadline_kind": "none"}
        return {"deadline_kind": "date", "deadline_date": day}
    if match := re.match(r"quý (IV|I{1,3})/(\d{4})$", text):
        return {
            "deadline_kind": "quarter",
            "deadline_quarter": _ROMAN[match[1]],
            "deadline_year": int(match[2]),
        }
    return {"deadline_kind": "none"}


def _deadline(task: Json) -> Json:
    if "deadline_kind" not in task:
        return _deadline_from_words(task.get("deadline"))
    return {
        "deadline_kind": task["deadline_kind"] or "none",
        "deadline_date": _date(task.get("deadline_date")),
        "deadline_quarter": task.get("deadline_quarter"),
        "deadline_year": task.get("deadline_year"),
        "yearly_day": task.get("yearly_day"),
        "yearly_month": task.get("yearly_month"),
    }


def tasks_from(proposal: Json) -> list[TaskData]:
    """Every proposed task; ``lead`` is "" where the text names no body (the officer picks)."""
    return [
        TaskData(
            text=task["text"],
            lead=(task.get("body") or "").strip(),
            supporting=[name.strip() for name in task.get("supporting") or [] if name.strip()],
            group=task.get("group") or "",
            targets=list(task.get("targets") or []),
            **_deadline(task),
        )
        for task in proposal.get("tasks") or []
    ]


# --- reports ------------------------------------------------------------------------------


def _report_name(report: Json, proposal: Json) -> str:
    """The report type's name (stored data, in the plan's language)."""
    number = proposal.get("number") or ""
    what = f"Báo cáo kết quả thực hiện Kế hoạch {number}" if number else ""
    what = what or "Báo cáo kết quả thực hiện kế hoạch"
    year = report.get("year")
    what = f"{what} năm {year}" if year else what
    receiver = report.get("receiver") or report.get("to") or ""
    return f"{what} gửi {receiver}" if receiver else what


def _first_period(report: Json, plan_year: int | None) -> tuple[int | None, datetime.date | None]:
    """The period the text dates (a duty for one year, "trước ngày 11/12/2023"), else none."""
    due = report.get("due") or ""
    year = report.get("year")
    day, month = report.get("due_day"), report.get("due_month")
    if year and day and month:
        due_year = year + 1 if report.get("due_next_year") else year
        return year, _safe_date(due_year, month, day)
    if dated := _date(due):
        return (year or plan_year or dated.year), dated
    if match := re.fullmatch(r"(\d{2})/(\d{4})", due):  # "01/2024": the month's last day
        month_, due_year = int(match[1]), int(match[2])
        if 1 <= month_ <= 12:
            return (year or plan_year or due_year), _safe_date(due_year, month_, 31)
    return None, None


def reports_from(proposal: Json, plan_year: int | None = None) -> list[ReportData]:
    reports = []
    for report in proposal.get("reports") or []:
        first_year, first_due = _first_period(report, plan_year)
        day = report.get("due_day") or (first_due.day if first_due else 1)
        month = report.get("due_month") or (first_due.month if first_due else 12)
        reporters = [name for name in report.get("reporters") or [] if name.strip()]
        if not reporters and not report.get("reporter_level") and report.get("from"):
            reporters = [report["from"]]
        reports.append(
            ReportData(
                name=_report_name(report, proposal)[:300],
                reporters=reporters,
                reporter_level=report.get("reporter_level") or "",
                receiver=report.get("receiver") or report.get("to") or "",
                receiver_body=report.get("receiver_body") or "",
                frequency=report.get("frequency") or "yearly",
                due_day=day,
                due_month=month,
                due_days_after=report.get("due_days_after") or 10,
                cutoff_day=report.get("cutoff_day") or 30,
                cutoff_month=report.get("cutoff_month") or 11,
                first_year=first_year,
                first_due=first_due,
                text=report.get("text") or "",
            )
        )
    return reports


# --- bodies -------------------------------------------------------------------------------


def _is_group(name: str) -> bool:
    """ "các sở, ban, ngành Thành phố", "các cơ quan, tổ chức có liên quan": not one body."""
    return body_key(name).startswith(("cac ", "thu truong cac "))


def _has_level(place: Place, level: str) -> bool:
    return Place.objects.current().subtree(place).filter(level=level).exists()


def work_from(
    tasks: list[TaskData],
    reports: list[ReportData],
    place: Place,
    preferred: list[str] | None = None,
    default_lead: str = "",
) -> tuple[list[BodyData], list[TaskData], list[ReportData]]:
    """The bodies the tasks and reports name, each once (names that differ only by case,
    diacritics, "Đề nghị" or the place's name are one), matched to existing bodies at ``place``
    or above, or to be created at ``place``.

    A supporting body ("phối hợp với …") is linked when it is one of the plan's lead bodies or
    an existing body; a vague one ("các cơ quan liên quan") stays in the task's text only. A
    report owed by a group ("các sở, ban, ngành Thành phố, … các cơ quan, tổ chức có liên quan")
    is owed by every body the plan gives tasks to, and so is one whose text names no sender.
    ``preferred``: the names to keep when a
    body is written several ways (the headings of "Tổ chức thực hiện"). ``default_lead``: the
    body given the tasks whose text names none (not one of the bodies a group report means).
    """
    canonical: dict[str, str] = {}
    wanted = {plain_key(name, place): name.strip()[:250] for name in preferred or []}

    def name_of(name: str) -> str:
        key = plain_key(name, place)
        return canonical.setdefault(key, wanted.get(key, name.strip()[:250]))

    for task in tasks:
        if task.lead:
            task.lead = name_of(task.lead)
    leads = list(dict.fromkeys(task.lead for task in tasks if task.lead))
    if default_lead:
        default_lead = name_of(default_lead)
        for task in tasks:
            task.lead = task.lead or default_lead
    known = bodies_above(place)
    for report in reports:
        if report.reporter_level and not _has_level(place, report.reporter_level):
            report.reporter_level = ""  # "các quận, huyện" after 1/7/2025: no district is left
        if not report.reporters and not report.reporter_level:
            report.reporters = ["các cơ quan được giao nhiệm vụ"]  # the text names no sender
        names: list[str] = []
        for name in report.reporters:
            key = plain_key(name, place)
            if key in canonical or not _is_group(name) or match_body(name, place, known):
                names.append(name_of(name))
            else:
                names.extend(leads)
        report.reporters = list(dict.fromkeys(names))
        if report.receiver_body:
            report.receiver_body = name_of(report.receiver_body)
    bodies = resolve_bodies(list(canonical.values()), place)
    for task in tasks:
        linked = []
        for name in task.supporting:
            key = plain_key(name, place)
            if key in canonical:
                linked.append(canonical[key])
            elif (body := match_body(name, place, known)) is not None:
                canonical[key] = body.name
                bodies.append(BodyData(name=body.name, body=body))
                linked.append(body.name)
        task.supporting = list(dict.fromkeys(name for name in linked if name != task.lead))
    return bodies, tasks, reports


# --- the plan it carries out --------------------------------------------------------------


def find_parent(*, place: Place, title: str, text: str, exclude: str = "") -> Plan | None:
    """The plan in the system this one carries out: one named in the title or the text, by
    number (and date when the text gives one), issued at the plan's place or above (or, for a
    unit that no longer exists, at the units above it); the title's reference first."""
    references = plan_references(title) + plan_references(text)
    ids = set(place.path_ids())
    for number, day in references:
        if number == exclude:
            continue
        candidates = Plan.objects.filter(number=number, place_id__in=ids)
        if day is not None:
            candidates = candidates.filter(date=day)
        plan = candidates.order_by("-date").first()
        if plan is not None:
            return plan
    return None


def proposal_text(proposal: Json) -> str:
    """The words of a proposal, for references when the document's text is not kept."""
    parts = [proposal.get("title") or ""]
    parts += [t.get("text") or "" for t in proposal.get("tasks") or []]
    parts += [r.get("text") or "" for r in proposal.get("reports") or []]
    return "\n".join(parts)


# --- what would be saved ------------------------------------------------------------------


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def as_json(data: PlanData) -> Json:
    """Everything ``create_plan`` would save for ``data``, as JSON (``import_plan --dry-run``)."""
    return {
        "plan": {
            "place": {"code": data.place.code, "name": data.place.name, "level": data.place.level},
            "number": data.number,
            "date": _iso(data.date),
            "issuer": data.issuer,
            "title": data.title,
            "period": [data.period_start, data.period_end],
            "parent": (
                {"id": data.parent.pk, "number": data.parent.number, "date": _iso(data.parent.date)}
                if data.parent
                else None
            ),
        },
        "bodies": [
            {
                "name": b.name,
                "action": "match" if b.body else "create",
                "body": (
                    {"id": b.body.pk, "name": b.body.name, "place": b.body.place.name}
                    if b.body
                    else None
                ),
                "place": (b.place or data.place).name if b.body is None else b.body.place.name,
            }
            for b in data.bodies
        ],
        "targets": [
            {
                "indicator": t.indicator,
                "year": t.year,
                "value": None if t.value is None else format(t.value.normalize(), "f"),
                "kind": t.kind,
                "parent": t.parent,
                "text": t.text,
            }
            for t in data.targets
        ],
        "tasks": [
            {
                "lead": t.lead,
                "supporting": t.supporting,
                "group": t.group,
                "text": t.text,
                "deadline_kind": t.deadline_kind,
                "deadline_date": _iso(t.deadline_date),
                "deadline_quarter": t.deadline_quarter,
                "deadline_year": t.deadline_year,
                "yearly_day": t.yearly_day,
                "yearly_month": t.yearly_month,
                "targets": t.targets,
            }
            for t in data.tasks
        ],
        "report_types": [
            {
                "name": r.name,
                "reporters": r.reporters,
                "reporter_level": r.reporter_level,
                "receiver": r.receiver,
                "receiver_body": r.receiver_body,
                "frequency": r.frequency,
                "due": f"{r.due_day:02d}/{r.due_month:02d}",
                "due_days_after": r.due_days_after,
                "first_period": (
                    {"year": r.first_year, "due": _iso(r.first_due)} if r.first_due else None
                ),
            }
            for r in data.reports
        ],
    }


# --- a whole proposal ---------------------------------------------------------------------


def targets_from(proposal: Json) -> list[TargetData]:
    """The proposed targets that have a catalogue indicator (the others wait for an officer to
    map them on the confirm page)."""
    return [
        TargetData(
            indicator=t["indicator"],
            year=int(t["year"]),
            value=Decimal(t["value"]) if t.get("value") is not None else None,
            kind=t["kind"],
            text=t.get("text") or "",
            parent=t.get("parent"),
        )
        for t in proposal.get("targets") or []
        if t.get("indicator")
    ]


def period_of(proposal: Json) -> tuple[int, int]:
    """The plan's years: those of its targets, else the year it was issued."""
    years = [int(t["year"]) for t in proposal.get("targets") or [] if t.get("year")]
    date = proposal.get("date") or ""
    start = min(years) if years else (int(date[:4]) if date else datetime.date.today().year)
    return start, max(years) if years else start


def place_named(name: str | None) -> Place | None:
    """The current province a proposal's place ("Thành phố Hồ Chí Minh", "Cần Thơ") names."""
    if not name:
        return None
    wanted = fold(name)
    for province in Place.objects.current().filter(level=Level.PROVINCE):
        bare = fold(province.name).removeprefix("thanh pho ").removeprefix("tinh ")
        if wanted == fold(province.name) or wanted.endswith(bare):
            return province
    return None


@dataclass
class Proposed:
    """What saving a proposal as it stands would save, and what it leaves for the officer."""

    data: PlanData
    unmapped_targets: list[str]  # texts of targets without a catalogue indicator
    unassigned_tasks: list[str]  # texts of tasks without a lead body


def plan_from(proposal: Json, place: Place, *, text: str = "", source_name: str = "") -> Proposed:
    """The proposal saved as it stands at ``place`` (nothing is saved here)."""
    start, end = period_of(proposal)
    tasks = tasks_from(proposal)
    assigned = [task for task in tasks if task.lead]
    reports = reports_from(proposal, plan_year=start)
    bodies, assigned, reports = work_from(
        assigned, reports, place, preferred=proposal.get("bodies") or []
    )
    number = proposal.get("number") or ""
    title = proposal.get("title") or ""
    data = PlanData(
        place=place,
        number=number,
        date=_date(proposal.get("date")),
        issuer=place.name,
        title=title,
        period_start=start,
        period_end=end,
        targets=targets_from(proposal),
        source_text=text,
        source_name=source_name,
        bodies=bodies,
        tasks=assigned,
        reports=reports,
        parent=find_parent(
            place=place, title=title, text=text or proposal_text(proposal), exclude=number
        ),
    )
    return Proposed(
        data=data,
        unmapped_targets=[
            t.get("text") or "" for t in proposal.get("targets") or [] if not t.get("indicator")
        ],
        unassigned_tasks=[task.text for task in tasks if not task.lead],
    )
