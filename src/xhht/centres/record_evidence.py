"""The members' learning of a year, as ready evidence for a learning title's assessment.

recognition (above centres) asks for the learning of a subject's members: a household's members
(family), the members of a clan's households (clan), the people of a hamlet (community), one
person (citizen) or a unit's staff (unit). What counts is what ``LearningEntry.objects.counted``
counts (class lines and confirmed self-declared ones); lines declared and not yet confirmed are
counted apart, so a reviewer sees them without taking them for proof.

At most two queries whatever the number of members: one reads up to ``SHOWN`` + 1 lines (with
their person, topic and participation), and only when there are more a second one totals them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from xhht.centres.models import LearningEntry

#: Lines listed on the assessment page; past it the page shows totals and the first ones.
SHOWN = 30


@dataclass
class MemberLearning:
    year: int
    entries: list[LearningEntry] = field(default_factory=list)
    #: Counted lines in all (not only those shown), their hours and the people they belong to.
    count: int = 0
    hours: Decimal = Decimal("0")
    people: int = 0
    #: Self-declared lines still waiting for an officer's confirmation.
    pending: int = 0

    @property
    def more(self) -> int:
        return max(self.count + self.pending - len(self.entries), 0)


def members_filter(
    *,
    household_id: int | None = None,
    clan_id: int | None = None,
    hamlet_id: int | None = None,
    person_id: int | None = None,
    unit_id: int | None = None,
) -> Q | None:
    """Which people are the subject's members, as a filter on learning lines (None: no rule).

    A household's members; the members of a clan's households; the people registered at a
    hamlet; the person; a unit's staff (``Person.unit``)."""
    if household_id is not None:
        return Q(person__household_id=household_id)
    if clan_id is not None:
        return Q(person__household__clans=clan_id)
    if hamlet_id is not None:
        return Q(person__place_id=hamlet_id)
    if person_id is not None:
        return Q(person_id=person_id)
    if unit_id is not None:
        return Q(person__unit_id=unit_id)
    return None


def members_learning(*, members: Q, year: int) -> MemberLearning:
    """The members' learning lines of ``year`` (counted and pending, refused ones left out)."""
    lines = (
        LearningEntry.objects.filter(members, year=year, refused_at__isnull=True)
        .select_related("person", "topic", "participation")
        .order_by("person__sort_key", "person_id", "kind", "title", "pk")
    )
    shown = list(lines[: SHOWN + 1])
    learning = MemberLearning(year=year, entries=shown[:SHOWN])
    if len(shown) <= SHOWN:
        counted = [e for e in shown if e.confirmed]
        learning.count = len(counted)
        learning.hours = sum((e.hours for e in counted), Decimal("0"))
        learning.people = len({e.person_id for e in counted})
        learning.pending = len(shown) - len(counted)
        return learning
    counted_q = Q(kind=LearningEntry.Kind.CLASS) | Q(confirmed_at__isnull=False)
    totals = lines.order_by().aggregate(
        count=Count("pk", filter=counted_q),
        hours=Sum("hours", filter=counted_q),
        people=Count("person_id", filter=counted_q, distinct=True),
        pending=Count("pk", filter=~counted_q),
    )
    learning.count = totals["count"]
    learning.hours = totals["hours"] or Decimal("0")
    learning.people = totals["people"]
    learning.pending = totals["pending"]
    return learning
