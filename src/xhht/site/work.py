""" "Việc cần làm": what waits for a user, read through each object's scoped queryset.

Files to self-assess, review, propose and decide come from ``Assessment.objects.visible_to``
with the capability the step needs under the default step rules (and a citizen's own files);
reports from ``Submission.objects.filed_by``/``receivable_by``; tasks from
``Task.objects.updatable_by`` (a body's officer) or ``visible_to``; imports from the user's own
jobs; open and planned classes from ``LearningClass.objects.visible_to`` (who manages classes).
Each list is one count and one short slice: the page costs the same whatever the
province's size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from xhht.accounts.access import (
    EVERYWHERE,
    ROLE_CAPABILITIES,
    Capability,
    acting_scope,
    can,
    scope_paths,
)
from xhht.accounts.models import User
from xhht.centres.models import LearningClass, LearningEntry
from xhht.centres.record import CONFIRM_CAPABILITY
from xhht.centres.record_access import pending_entries
from xhht.citizens.access import pending_claims
from xhht.citizens.actions import CONFIRM_CAPABILITY as CLAIM_CAPABILITY
from xhht.citizens.corrections import pending_for as pending_corrections
from xhht.core.text import group_thousands
from xhht.governance.models import Recommendation
from xhht.governance.models.inspection import owed_filter
from xhht.jobs.models import Job
from xhht.recognition.models import Assessment, State
from xhht.reporting.models import Submission, Task
from xhht.reporting.periods import today as reporting_today
from xhht.resources.models import Resource

#: How many entries of each list the home page shows (the rest behind "Xem tất cả").
SHOWN = 5
#: How many tasks are read to find the overdue ones (overdue is computed, as on /reporting/).
TASKS_READ = 200
#: Finished imports shown for this many days.
JOB_DAYS = 7


@dataclass
class Entry:
    text: str
    url: str
    note: str = ""
    badge: str = ""  # "bad", "warn", "ok" or ""


@dataclass
class WorkList:
    key: str
    title: str
    count: int
    entries: list[Entry] = field(default_factory=list)
    more_url: str = ""


#: The states in which a file waits for someone's step.
WAITING_STATES = [
    State.REGISTERED,
    State.RETURNED,
    State.SELF_ASSESSED,
    State.REVIEWED,
    State.PROPOSED,
]


def access_bodies(user: User) -> set[int]:
    """The bodies the user reports for (roles held at bodies)."""
    _prefixes, bodies = acting_scope(user, Capability.REPORT)
    return bodies


_ASSESSMENT_RELATED = ["place", "household", "clan", "unit", "person", "subject_place"]


def _assessment_list(
    key: str, title: str, queryset: QuerySet[Assessment], more: dict[str, str], *, citizen: bool
) -> WorkList | None:
    count = queryset.count()
    if not count:
        return None
    rows = queryset.select_related(*_ASSESSMENT_RELATED).order_by("-year", "place__sort_key", "pk")
    entries = [
        Entry(
            text=f"{a.subject_name()} · {a.get_title_display()} {a.year}",
            url=reverse("recognition:detail", args=[a.pk]),
            note=a.place.name,
            badge="warn" if a.state == State.RETURNED else "",
        )
        for a in rows[:SHOWN]
    ]
    more_url = (
        reverse("recognition:me")
        if citizen
        else f"{reverse('recognition:index')}?{urlencode(more)}"
    )
    return WorkList(key, title, count, entries, more_url)


def assessment_lists(user: User) -> list[WorkList]:
    lists: list[WorkList | None] = []
    officer = can(user, Capability.VIEW)
    editable = [State.REGISTERED, State.RETURNED]
    if can(user, Capability.ASSESS):
        to_fill = Assessment.objects.visible_to(user, Capability.ASSESS).filter(state__in=editable)
        lists.append(
            _assessment_list(
                "self_assess",
                _("Hồ sơ chờ tự đánh giá"),
                to_fill,
                {"state": State.REGISTERED},
                citizen=False,
            )
        )
    elif can(user, Capability.SELF_SERVICE):
        own = Assessment.objects.for_citizen(user).filter(state__in=editable)
        lists.append(
            _assessment_list(
                "self_assess", _("Hồ sơ của bạn chờ tự đánh giá"), own, {}, citizen=True
            )
        )
    if can(user, Capability.REVIEW):
        reviewable = Assessment.objects.visible_to(user, Capability.REVIEW)
        lists.append(
            _assessment_list(
                "review",
                _("Hồ sơ chờ thẩm định"),
                reviewable.filter(state=State.SELF_ASSESSED),
                {"state": State.SELF_ASSESSED},
                citizen=not officer,
            )
        )
        lists.append(
            _assessment_list(
                "propose",
                _("Hồ sơ đạt, chờ đề nghị công nhận"),
                reviewable.filter(state=State.REVIEWED, passed=True),
                {"state": State.REVIEWED},
                citizen=not officer,
            )
        )
    if can(user, Capability.RECOGNISE):
        lists.append(
            _assessment_list(
                "decide",
                _("Hồ sơ chờ quyết định công nhận"),
                Assessment.objects.visible_to(user, Capability.RECOGNISE).filter(
                    state=State.PROPOSED
                ),
                {"state": State.PROPOSED},
                citizen=False,
            )
        )
    return [item for item in lists if item is not None]


def _due_badge(due: datetime.date, day: datetime.date) -> tuple[str, str]:
    if due < day:
        return "bad", _("quá hạn %(days)s ngày") % {"days": (day - due).days}
    if (due - day).days <= 7:
        return "warn", _("còn %(days)s ngày") % {"days": (due - day).days}
    return "", ""


def _own_reports(user: User) -> QuerySet[Submission]:
    """Reports the user files as their own: their body's, or their own place's (a commune's
    officer, not a coordinator for every commune under the province)."""
    places = {
        a.place_id
        for a in user.role_assignments.all()
        if a.place_id is not None and Capability.REPORT in ROLE_CAPABILITIES.get(a.role, ())
    }
    own = Q(reporter_place_id__in=places) | Q(reporter_body_id__in=access_bodies(user))
    return Submission.objects.filed_by(user).filter(own)


def report_lists(user: User, day: datetime.date) -> list[WorkList]:
    lists: list[WorkList] = []
    index = reverse("reporting:index")
    related = ["period__report_type", "reporter_body", "reporter_place"]
    if can(user, Capability.REPORT):
        to_file = _own_reports(user).filter(state__in=Submission.EDITABLE)
        count = to_file.count()
        if count:
            entries = []
            for s in to_file.select_related(*related).order_by("period__due", "pk")[:SHOWN]:
                badge, note = _due_badge(s.period.due, day)
                if s.state == Submission.State.RETURNED:
                    badge, note = "warn", _("bị trả lại, cần sửa và gửi lại")
                entries.append(
                    Entry(
                        text=f"{s.period.report_type.name} · {s.period.label} · {s.reporter_name()}",
                        url=reverse("reporting:submission_detail", args=[s.pk]),
                        note=note or _("hạn %(due)s") % {"due": s.period.due.strftime("%d/%m/%Y")},
                        badge=badge,
                    )
                )
            overdue = to_file.filter(period__due__lt=day).count()
            title = _("Báo cáo cần gửi")
            if overdue:
                title = _("Báo cáo cần gửi (%(n)s quá hạn)") % {"n": overdue}
            lists.append(WorkList("reports", title, count, entries, index))
    if can(user, Capability.RECEIVE_REPORTS):
        received = Submission.objects.receivable_by(user)
        waiting = received.filter(state=Submission.State.SUBMITTED)
        count = waiting.count()
        if count:
            entries = [
                Entry(
                    text=f"{s.reporter_name()} · {s.period.report_type.name} · {s.period.label}",
                    url=reverse("reporting:submission_detail", args=[s.pk]),
                )
                for s in waiting.select_related(*related).order_by("submitted_at", "pk")[:SHOWN]
            ]
            lists.append(WorkList("receive", _("Báo cáo chờ tiếp nhận"), count, entries, index))
        late = received.filter(state__in=Submission.EDITABLE, period__due__lt=day)
        periods = list(
            late.values_list("period_id", "period__label", "period__report_type__name")
            .annotate(n=Count("pk"))
            .order_by("period__due", "period_id")[:SHOWN]
        )
        if periods:
            entries = [
                Entry(
                    text=f"{name} · {label}",
                    url=reverse("reporting:completeness", args=[pk]),
                    note=_("%(n)s đơn vị chưa gửi, đã quá hạn") % {"n": n},
                    badge="bad",
                )
                for pk, label, name, n in periods
            ]
            total = sum(row[3] for row in periods)
            lists.append(WorkList("late", _("Báo cáo quá hạn chưa nhận được"), total, entries))
    return lists


def task_list(user: User, day: datetime.date) -> WorkList | None:
    """A body's officer: the body's tasks not done yet (overdue first); a place role: the
    overdue tasks of its places."""
    bodies = access_bodies(user)
    base = Task.objects.updatable_by(user) if bodies else Task.objects.visible_to(user)
    tasks = list(base.select_related("lead_body").order_by("pk")[:TASKS_READ])
    if bodies:
        shown = [t for t in tasks if not t.is_done(day)]
        shown.sort(key=lambda t: not t.is_overdue(day))
        title = _("Nhiệm vụ của cơ quan chưa hoàn thành")
        more = reverse("reporting:task_list")
    else:
        shown = [t for t in tasks if t.is_overdue(day)]
        title = _("Nhiệm vụ quá hạn")
        more = f"{reverse('reporting:task_list')}?overdue=1"
    if not shown:
        return None
    entries = [
        Entry(
            text=t.text if len(t.text) <= 140 else f"{t.text[:139]}…",
            url=reverse("reporting:task_detail", args=[t.pk]),
            note=f"{t.lead_body.name} · {t.deadline_label()}",
            badge="bad" if t.is_overdue(day) else "",
        )
        for t in shown[:SHOWN]
    ]
    return WorkList("tasks", title, len(shown), entries, more)


#: How many recommendations are read for the home page (one query; the overdue ones first).
RECOMMENDATIONS_READ = 200


def recommendation_lists(user: User, day: datetime.date) -> list[WorkList]:
    """Inspection recommendations the user's commune or body owes (the overdue ones flagged and
    first), and those answered that wait for the user's conclusion: one query for both."""
    lists = []
    more = reverse("governance:inspection_list")
    R = Recommendation.State
    wanted = owed_filter(user) & Q(state=R.OPEN)
    if can(user, Capability.INSPECT):
        closable = Recommendation.objects.closable_by(user).filter(state=R.ANSWERED)
        wanted |= Q(pk__in=closable.values("pk"))
    rows = list(
        Recommendation.objects.filter(wanted)
        .select_related("place", "body")
        .order_by("deadline", "pk")[:RECOMMENDATIONS_READ]
    )
    owed = [r for r in rows if r.state == R.OPEN]
    if owed:
        entries = []
        for r in owed[:SHOWN]:
            badge, note = _due_badge(r.deadline, day)
            entries.append(
                Entry(
                    text=r.text if len(r.text) <= 140 else f"{r.text[:139]}…",
                    url=reverse("governance:recommendation_detail", args=[r.pk]),
                    note=f"{r.addressee_name()} · "
                    + (note or _("hạn %(due)s") % {"due": r.deadline.strftime("%d/%m/%Y")}),
                    badge=badge,
                )
            )
        late = sum(1 for r in owed if r.deadline < day)
        title = _("Kiến nghị sau kiểm tra cần thực hiện")
        if late:
            title = _("Kiến nghị sau kiểm tra cần thực hiện (%(n)s quá hạn)") % {"n": late}
        lists.append(WorkList("recommendations", title, len(owed), entries, more))
    waiting = [r for r in rows if r.state == R.ANSWERED]
    if waiting:
        entries = [
            Entry(
                text=r.text if len(r.text) <= 140 else f"{r.text[:139]}…",
                url=reverse("governance:recommendation_detail", args=[r.pk]),
                note=r.addressee_name(),
            )
            for r in waiting[:SHOWN]
        ]
        title = _("Kiến nghị đã báo cáo, chờ kết luận")
        lists.append(WorkList("conclude", title, len(waiting), entries, more))
    return lists


def class_list(user: User) -> WorkList | None:
    """Who runs classes (a centre's officer, a commune's): the open and planned classes of their
    places, the earliest first."""
    if not can(user, Capability.MANAGE_CLASSES):
        return None
    running = LearningClass.objects.visible_to(user, Capability.MANAGE_CLASSES).filter(
        status__in=[LearningClass.Status.OPEN, LearningClass.Status.PLANNED]
    )
    count = running.count()
    if not count:
        return None
    rows = (
        running.select_related("centre", "place")
        .annotate(people=Count("participations"))
        .order_by("start_date", "pk")[:SHOWN]
    )
    entries = [
        Entry(
            text=c.title,
            url=reverse("centres:class_detail", args=[c.pk]),
            note=(
                _("%(where)s · %(n)s học viên · từ %(day)s")
                if c.status == LearningClass.Status.OPEN
                else _("%(where)s · %(n)s học viên · dự kiến từ %(day)s")
            )
            % {
                "where": c.centre.name if c.centre else c.place.name,
                "n": c.people,
                "day": c.start_date.strftime("%d/%m/%Y"),
            },
        )
        for c in rows
    ]
    return WorkList("classes", _("Lớp học đang mở"), count, entries, reverse("centres:class_list"))


def learning_to_confirm(user: User) -> WorkList | None:
    """Self-declared learning waiting for a confirmation the user may give, the oldest first."""
    if not can(user, CONFIRM_CAPABILITY):
        return None
    waiting = LearningEntry.objects.filter(pending_entries(user))
    count = waiting.count()
    if not count:
        return None
    entries = [
        Entry(
            text=f"{e.title} · {e.person.full_name}",
            url=reverse("centres:person_record", args=[e.person_id]),
            note=f"{e.get_kind_display()} · {e.year}",
        )
        for e in waiting.select_related("person").order_by("created_at", "pk")[:SHOWN]
    ]
    more = reverse("centres:record_queue")
    return WorkList("learning", _("Học tập tự khai chờ xác nhận"), count, entries, more)


def resources_to_curate(user: User) -> WorkList | None:
    """The province's curator: the resources submitted for publication in the province (one
    count; the titles are on the curator's queue)."""
    if not can(user, Capability.CURATE_RESOURCES):
        return None
    count = (
        Resource.objects.visible_to(user, Capability.CURATE_RESOURCES)
        .filter(state=Resource.State.SUBMITTED)
        .count()
    )
    if not count:
        return None
    return WorkList("resources", _("Học liệu chờ duyệt"), count, [], reverse("resources:queue"))


def citizen_requests(user: User) -> list[WorkList]:
    """Citizens' claims of their records waiting for the user's confirmation (the oldest
    first), and their requests to correct their data."""
    if not can(user, CLAIM_CAPABILITY):
        return []
    lists = []
    waiting = pending_claims(user)
    count = waiting.count()
    if count:
        entries = [
            Entry(
                text=c.full_name,
                url=reverse("citizens:claim_detail", args=[c.pk]),
                note=c.birth_date.strftime("%d/%m/%Y"),
            )
            for c in waiting.order_by("created_at", "pk")[:SHOWN]
        ]
        title = _("Công dân chờ xác nhận tài khoản")
        lists.append(WorkList("claims", title, count, entries, reverse("citizens:claim_queue")))
    corrections = pending_corrections(user)
    count = corrections.count()
    if count:
        entries = [
            Entry(
                text=f"{c.person.full_name} · {c.get_field_display()}",
                url=reverse("citizens:correction_detail", args=[c.pk]),
            )
            for c in corrections.select_related("person").order_by("created_at", "pk")[:SHOWN]
        ]
        more = reverse("citizens:correction_queue")
        title = _("Đề nghị sửa thông tin chờ xử lý")
        lists.append(WorkList("corrections", title, count, entries, more))
    return lists


def national_lists(user: User) -> list[WorkList]:
    """A national role: how many files wait at each step across the country, not their names."""
    counts = dict(
        Assessment.objects.visible_to(user)
        .filter(state__in=WAITING_STATES)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    entries = [
        Entry(
            text=f"{State(state).label}: {group_thousands(counts[state])}",
            url=f"{reverse('recognition:index')}?{urlencode({'state': state})}",
        )
        for state in WAITING_STATES
        if counts.get(state)
    ]
    if not entries:
        return []
    total = sum(counts.values())
    return [WorkList("national", _("Hồ sơ đang chờ xử lý trên toàn quốc"), total, entries)]


def _job_url(job: Job) -> str:
    """The page of an import or export job (only its author opens it), else none."""
    if job.function.startswith("xhht.registry.imports."):
        return reverse("registry:import_job", args=[job.pk])
    if job.function.startswith("xhht.registry.exports."):
        return reverse("registry:export_job", args=[job.pk])
    return ""


def job_list(user: User) -> WorkList | None:
    since = timezone.now() - datetime.timedelta(days=JOB_DAYS)
    jobs = Job.objects.filter(
        created_by=user, state__in=[Job.State.DONE, Job.State.FAILED], finished_at__gte=since
    )
    shown = list(jobs.order_by("-finished_at")[:SHOWN])
    if not shown:
        return None
    entries = [
        Entry(
            text=job.title,
            url=_job_url(job),
            note=timezone.localtime(job.finished_at).strftime("%H:%M %d/%m/%Y")
            if job.finished_at
            else "",
            badge="ok" if job.state == Job.State.DONE else "bad",
        )
        for job in shown
    ]
    return WorkList("jobs", _("Tác vụ nhập, xuất đã xong"), jobs.count(), entries)


def work_for(user: User) -> list[WorkList]:
    day = reporting_today()
    if EVERYWHERE in scope_paths(user, Capability.VIEW):
        lists = national_lists(user)
    else:
        lists = assessment_lists(user)
        lists += report_lists(user, day)
        classes = class_list(user)
        if classes is not None:
            lists.append(classes)
        learning = learning_to_confirm(user)
        if learning is not None:
            lists.append(learning)
        lists += citizen_requests(user)
        curate = resources_to_curate(user)
        if curate is not None:
            lists.append(curate)
        lists += recommendation_lists(user, day)
    tasks = task_list(user, day)
    if tasks is not None:
        lists.append(tasks)
    jobs = job_list(user)
    if jobs is not None:
        lists.append(jobs)
    return lists
