"""Nominations for commendation waiting for the user's step: returned to whoever proposed it
(the hamlet head, the commune or association officer, still holding NOMINATE there), submitted
to the commune's council (``REVIEW`` over the nomination's commune), agreed by the council and
waiting for a decision (``DECIDE_COMMENDATION`` over the commune). One query for the three."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, scope_filter, scope_paths
from xhht.accounts.models import User
from xhht.commendation.models import Nomination, State
from xhht.site.work.lists import SHOWN, Entry, WorkList

#: How many nominations are read for the home page (one query).
NOMINATIONS_READ = 200
SUBJECT_RELATED = ("place", "person", "household", "clan", "unit", "body", "subject_place")


def nomination_lists(user: User) -> list[WorkList]:
    steps = [
        (State.RETURNED, Capability.NOMINATE, "place__path"),
        (State.SUBMITTED, Capability.REVIEW, "commune__path"),
        (State.REVIEWED, Capability.DECIDE_COMMENDATION, "commune__path"),
    ]
    held = [step for step in steps if scope_paths(user, step[1])]
    if not held:
        return []
    wanted = Q(pk__in=[])
    for state, capability, path_field in held:
        step = Q(state=state) & scope_filter(user, capability, path_field)
        if state == State.RETURNED:  # to whoever proposed it, not the council that returned it
            step &= Q(proposed_by=user)
        wanted |= step
    rows = list(
        Nomination.objects.filter(wanted)
        .select_related(*SUBJECT_RELATED)
        .order_by("submitted_at", "pk")[:NOMINATIONS_READ]
    )
    titles = {
        State.RETURNED: ("nominations_returned", _("Đề nghị khen thưởng bị trả lại")),
        State.SUBMITTED: ("nominations_council", _("Đề nghị khen thưởng chờ hội đồng xét")),
        State.REVIEWED: ("nominations_decide", _("Đề nghị khen thưởng chờ quyết định")),
    }
    lists = []
    for state, (key, title) in titles.items():
        waiting = [n for n in rows if n.state == state]
        if not waiting:
            continue
        entries = [
            Entry(
                text=n.subject_name(),
                url=reverse("commendation:nomination_detail", args=[n.pk]),
                note=n.place.name,
            )
            for n in waiting[:SHOWN]
        ]
        more = reverse("commendation:nomination_list") + f"?state={state}"
        lists.append(WorkList(key, title, len(waiting), entries, more))
    return lists
