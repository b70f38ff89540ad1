"""Finding whom to nominate: one registry record (a person, household, clan or unit), a body or
a hamlet, only among those the user may nominate; a search without diacritics by name."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability, visible_places
from xhht.accounts.models import Body, User
from xhht.core.text import fold
from xhht.places.models import Level, Place
from xhht.registry.models import Clan, Household, Person, Unit

KINDS = {
    "person": _("Cá nhân (người trong sổ)"),
    "household": _("Hộ gia đình"),
    "clan": _("Dòng họ"),
    "unit": _("Đơn vị, cơ quan, doanh nghiệp (trong sổ)"),
    "body": _("Cơ quan, đoàn thể"),
    "hamlet": _("Thôn, tổ dân phố"),
}
MAX_FOUND = 20

Subject = Person | Household | Clan | Unit | Body | Place


def candidates(user: User, kind: str) -> QuerySet[Model]:
    """The records of ``kind`` the user may nominate (``NOMINATE`` over their place)."""
    nominate = Capability.NOMINATE
    rows: QuerySet[Model]
    if kind == "person":
        rows = Person.objects.visible_to(user, nominate).select_related("place")
    elif kind == "household":
        rows = Household.objects.visible_to(user, nominate).select_related("place")
    elif kind == "clan":
        rows = Clan.objects.visible_to(user, nominate).select_related("commune")
    elif kind == "unit":
        rows = Unit.objects.visible_to(user, nominate).select_related("place")
    elif kind == "body":
        rows = Body.objects.visible_to(user, nominate).select_related("place")
    elif kind == "hamlet":
        rows = visible_places(user, nominate).current().filter(level=Level.HAMLET)
    else:
        raise Http404
    return rows


def find_subject(user: User, kind: str, pk: int) -> Subject:
    """One subject the user may nominate, else 404 (missing and out of scope alike)."""
    found = candidates(user, kind).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found  # type: ignore[return-value]  # candidates() yields the subject models only


def search(user: User, kind: str, query: str) -> list[Subject]:
    """Up to ``MAX_FOUND`` subjects whose name matches ``query`` (diacritics optional)."""
    rows = candidates(user, kind)
    folded = fold(query)
    if not folded:
        return []
    if kind in {"person", "household", "clan", "unit"}:
        rows = rows.filter(search_text__contains=folded)
    else:
        rows = rows.filter(name__icontains=query.strip())
    return list(rows[:MAX_FOUND])  # type: ignore[arg-type]  # candidates() yields the subject models only


def subject_label(subject: Subject) -> str:
    if isinstance(subject, Person):
        return f"{subject.full_name} ({subject.birth_year}) — {subject.place.name}"
    if isinstance(subject, Household):
        return f"{subject.head_name} ({subject.code}) — {subject.place.name}"
    if isinstance(subject, Clan):
        return f"{subject.name} — {subject.commune.name}"
    if isinstance(subject, Unit | Body):
        return f"{subject.name} — {subject.place.name}"
    return subject.name
