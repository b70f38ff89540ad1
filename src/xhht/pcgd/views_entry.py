"""Entering schooling and literacy per household on a phone: a hamlet's households, then one
screen per household with every member's current school year (children and young people of the
PCGD cohorts) and literacy (adults 15–60), sent and saved at once; past years shown below."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, get_place_for_user
from xhht.centres.models import Centre
from xhht.core.http import user_of
from xhht.core.text import fold
from xhht.pcgd import entry
from xhht.pcgd.forms_entry import LiteracyForm, SchoolingForm
from xhht.pcgd.models import Departure, LiteracyRecord, SchoolingRecord, current_school_year
from xhht.pcgd.models.years import age_in, school_year_label
from xhht.places.models import Level, Place
from xhht.registry.access import get_household_for_user
from xhht.registry.models import Household, Person

PAGE_SIZE = 50


@dataclass
class MemberEntry:
    person: Person
    age: int
    schooling: SchoolingForm | None = None
    literacy: LiteracyForm | None = None
    history: list[SchoolingRecord] = field(default_factory=list)
    departure: Departure | None = None


def schools_near(place: Place) -> list[Centre]:
    """The schools and GDTX centres of the place's commune (a select on the phone)."""
    commune = place.ancestor_of_level(Level.COMMUNE) or place
    return list(
        Centre.objects.filter(
            place__in=Place.objects.subtree(commune),
            kind__in=[Centre.Kind.SCHOOL, Centre.Kind.CONTINUING],
        ).order_by("sort_key", "pk")[:200]
    )


def _members(household: Household, school_year: int, data: QueryDict | None) -> list[MemberEntry]:
    people = list(
        household.members.select_related("place", "departure").order_by(
            "birth_year", "sort_key", "pk"
        )
    )
    ids = [p.pk for p in people]
    rows: dict[int, list[SchoolingRecord]] = {pk: [] for pk in ids}
    for row in (
        SchoolingRecord.objects.filter(person_id__in=ids)
        .select_related("school")
        .order_by("-school_year")
    ):
        rows[row.person_id].append(row)
    literacy = {r.person_id: r for r in LiteracyRecord.objects.filter(person_id__in=ids)}
    schools = schools_near(household.place)
    members = []
    for person in people:
        member = MemberEntry(person=person, age=age_in(school_year, person.birth_year))
        mine = rows[person.pk]
        member.history = [r for r in mine if r.school_year < school_year]
        member.departure = _departure(person)
        if member.departure is not None:  # moved away for good or died: nothing to enter
            members.append(member)
            continue
        if entry.in_child_ages(person, school_year) or any(
            r.school_year == school_year for r in mine
        ):
            current = [r for r in mine if r.school_year <= school_year]
            start = entry.starting_values(person, school_year, current)
            member.schooling = SchoolingForm(
                data, instance=start, schools=schools, prefix=f"s{person.pk}"
            )
        if entry.in_adult_ages(person, school_year) or person.pk in literacy:
            record = literacy.get(person.pk) or LiteracyRecord(person=person)
            member.literacy = LiteracyForm(data, instance=record, prefix=f"l{person.pk}")
        members.append(member)
    return members


def _departure(person: Person) -> Departure | None:
    try:
        return person.departure  # reverse one-to-one, declared on Departure
    except ObjectDoesNotExist:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def entry_household(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    household = get_household_for_user(user, pk, Capability.MANAGE_PCGD)
    school_year = current_school_year()
    data = request.POST if request.method == "POST" else None
    members = _members(household, school_year, data)
    problems: list[str] = []
    if request.method == "POST":
        forms = [f for m in members for f in (m.schooling, m.literacy) if f is not None]
        if all(f.is_valid() for f in forms):
            people = {m.person.pk: m.person for m in members}
            schooling = {
                people[m.person.pk]: m.schooling.values()
                for m in members
                if m.schooling is not None and m.schooling.to_write()
            }
            literacy = {
                people[m.person.pk]: m.literacy.values()
                for m in members
                if m.literacy is not None and m.literacy.to_write()
            }
            try:
                written = entry.save_household_entry(
                    user=user, school_year=school_year, schooling=schooling, literacy=literacy
                )
            except entry.EntryRefused as refused:
                problems = [refused.message, *refused.problems]
            else:
                messages.success(request, _("Đã lưu thông tin của %(n)s người.") % {"n": written})
                return redirect("pcgd:entry_household", pk=household.pk)
        else:
            problems = [_("Chưa lưu: có thông tin chưa đúng, xem các ô báo lỗi bên dưới.")]
    context = {
        "household": household,
        "members": members,
        "school_year": school_year,
        "year_label": school_year_label(school_year),
        "problems": problems,
    }
    return render(request, "pcgd/entry_household.html", context, status=400 if problems else 200)


@require_safe
@login_required
def entry_hamlet(request: HttpRequest, pk: int) -> HttpResponse:
    """A hamlet's households, each linking to its entry screen, searchable without diacritics."""
    user = user_of(request)
    hamlet = get_place_for_user(user, pk, Capability.MANAGE_PCGD)
    if hamlet.level != Level.HAMLET:
        raise Http404
    school_year = current_school_year()
    households = (
        Household.objects.filter(place=hamlet)
        .annotate(
            people=Count("members"),
            recorded=Count(
                "members__schooling_records",
                filter=Q(members__schooling_records__school_year=school_year),
            ),
        )
        .order_by("sort_key", "pk")
    )
    query = request.GET.get("q", "").strip()
    if fold(query):
        households = households.filter(search_text__contains=fold(query))
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "hamlet": hamlet,
        "page": page,
        "query": query,
        "year_label": school_year_label(school_year),
    }
    return render(request, "pcgd/entry_hamlet.html", context)
