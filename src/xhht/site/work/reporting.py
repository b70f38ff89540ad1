"""Reports to file or receive (``Submission.objects.filed_by``/``receivable_by``) and tasks to
update (``Task.objects.updatable_by`` or ``visible_to``)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from xhht.accounts.access import (
    ROLE_CAPABILITIES,
    Capability,
    can,
)
from xhht.accounts.models import User
from xhht.reporting.models import Submission, Task
from xhht.site.work.lists import SHOWN, Entry, WorkList, access_bodies, due_badge

#: How many tasks are read to find the overdue ones (overdue is computed, as on /reporting/).
TASKS_READ = 200


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
                badge, note = due_badge(s.period.due, day)
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
