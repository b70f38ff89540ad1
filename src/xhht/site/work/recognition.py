"""Recognition files waiting for the user's step (``Assessment.objects.visible_to`` with the
capability the step needs), and a national role's counts per step."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from xhht.accounts.access import (
    Capability,
    can,
)
from xhht.accounts.models import User
from xhht.core.text import group_thousands
from xhht.recognition.models import Assessment, State
from xhht.site.work.lists import SHOWN, Entry, WorkList

#: The states in which a file waits for someone's step.
WAITING_STATES = [
    State.REGISTERED,
    State.RETURNED,
    State.SELF_ASSESSED,
    State.REVIEWED,
    State.PROPOSED,
]


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
