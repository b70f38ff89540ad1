"""Inspection recommendations owed, and those waiting for the inspector's conclusion."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from xhht.accounts.access import (
    Capability,
    can,
)
from xhht.accounts.models import User
from xhht.governance.models import Recommendation
from xhht.governance.models.inspection import owed_filter
from xhht.site.work.lists import SHOWN, Entry, WorkList, due_badge

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
            badge, note = due_badge(r.deadline, day)
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
