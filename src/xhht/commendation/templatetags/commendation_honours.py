"""The honours of a person or collective on its registry page, without the registry importing
this app: its templates include ``commendation/_honours.html``, which loads this library by name.
"""

from __future__ import annotations

from typing import Any

from django import template

from xhht.accounts.access import Capability, can
from xhht.commendation.models import Nomination, State
from xhht.places.models import Level, Place
from xhht.registry.models import Clan, Household, Person, Unit

register = template.Library()

SUBJECT_FIELD: dict[type, str] = {
    Person: "person",
    Household: "household",
    Clan: "clan",
    Unit: "unit",
    Place: "subject_place",
}
KIND: dict[type, str] = {
    Person: "person",
    Household: "household",
    Clan: "clan",
    Unit: "unit",
    Place: "hamlet",
}


@register.inclusion_tag("commendation/_honours_list.html", takes_context=True)
def honours_of(context: template.Context, record: object) -> dict[str, Any]:
    """The decided commendations of ``record`` (newest first) and, for one who may nominate
    there, the link to nominate it."""
    field = SUBJECT_FIELD.get(type(record))
    if field is None or (isinstance(record, Place) and record.level != Level.HAMLET):
        return {"honours": []}
    honours = (
        Nomination.objects.filter(**{field: record}, state=State.DECIDED)
        .select_related("movement")
        .order_by("-decision_date", "-pk")
    )
    request = context.get("request")
    user = getattr(request, "user", None)
    place = record if isinstance(record, Place) else getattr(record, "place", None)
    place = place or getattr(record, "commune", None)
    may = user is not None and place is not None and can(user, Capability.NOMINATE, place)
    return {
        "honours": list(honours[:20]),
        "kind": KIND[type(record)],
        "record": record,
        "can_nominate": may,
    }
