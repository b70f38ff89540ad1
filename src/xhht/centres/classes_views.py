"""The class pages a centre's staff use on a phone: the list, a new class, its page, sessions,
participants (search without diacritics inside the user's scope, never a CCCD), head counts,
attendance per session and closing the class. Every write goes through ``classes``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, can, require
from xhht.centres import classes
from xhht.centres.access import get_class_for_user, get_participation_for_user, get_session_for_user
from xhht.centres.classes_forms import ClassForm, HeadCountForm, SessionForm
from xhht.centres.models import LearningClass
from xhht.core.http import user_of
from xhht.core.text import fold
from xhht.core.workflow import StepRefused, refusal_shown
from xhht.registry.models import Person

#: Matches listed by the participant search; a longer list asks for a longer search.
SEARCH_LIMIT = 20
PAGE_SIZE = 50


def _detail(learning_class: LearningClass) -> HttpResponse:
    return redirect("centres:class_detail", pk=learning_class.pk)


@require_safe
@login_required
def class_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    found = (
        LearningClass.objects.visible_to(user)
        .select_related("topic", "centre", "place")
        .order_by("-start_date", "-pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        found = found.search(query)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "may_manage": can(user, Capability.MANAGE_CLASSES),
    }
    return render(request, "centres/class_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def class_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.MANAGE_CLASSES)
    form = ClassForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            learning_class = classes.create_class(
                user=user,
                topic=data["topic"],
                title=data["title"],
                centre=data["centre"],
                place=data["place"] or data["centre"].place,
                start_date=data["start_date"],
                end_date=data["end_date"],
                organiser=data["organiser"],
                partners=data["partners"],
                teachers=data["teachers"],
            )
        except StepRefused as refusal:
            for text in [refusal.message, *refusal.problems]:
                form.add_error(None, text)
        else:
            messages.success(request, _("Đã tạo lớp. Hãy thêm buổi học và học viên."))
            return _detail(learning_class)
    return render(request, "centres/class_form.html", {"form": form})


@require_safe
@login_required
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    learning_class = get_class_for_user(user, pk)
    participations = learning_class.participations.select_related("person__place").order_by(
        "person__sort_key", "pk"
    )
    context = {
        "c": learning_class,
        "sessions": learning_class.sessions.annotate(present=Count("attendances")),
        "participations": participations,
        "head_counts": learning_class.head_counts.order_by("sex", "age_group"),
        "partners": learning_class.partners.all(),
        "may_manage": can(user, Capability.MANAGE_CLASSES, learning_class.place)
        and learning_class.status != LearningClass.Status.CLOSED,
    }
    return render(request, "centres/class_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown("centres:class_detail")
def class_session_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    learning_class = get_class_for_user(user, pk, Capability.MANAGE_CLASSES)
    form = SessionForm(request.POST or None, initial={"date": learning_class.start_date})
    if request.method == "POST" and form.is_valid():
        classes.add_session(user=user, learning_class=learning_class, **form.cleaned_data)
        messages.success(request, _("Đã thêm buổi học."))
        return _detail(learning_class)
    return render(request, "centres/class_session.html", {"c": learning_class, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown("centres:class_participants")
def class_participants(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the registry (name without diacritics) and tick the people to add."""
    user = user_of(request)
    learning_class = get_class_for_user(user, pk, Capability.MANAGE_CLASSES)
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("person") if v.isdigit()]
        people = list(Person.objects.visible_to(user).filter(pk__in=ids))
        if len(people) != len(set(ids)):
            raise StepRefused(_("Có người không thuộc địa bàn của bạn; chưa thêm ai."))
        added = classes.add_participants(user=user, learning_class=learning_class, people=people)
        messages.success(request, _("Đã thêm %(n)s học viên.") % {"n": added})
        return redirect(reverse("centres:class_participants", args=[learning_class.pk]))
    query = request.GET.get("q", "").strip()
    found: list[Person] = []
    if fold(query):
        already = learning_class.participations.values("person_id")
        found = list(
            Person.objects.visible_to(user)
            .search(query)
            .exclude(pk__in=already)
            .select_related("place")
            .order_by("sort_key", "pk")[:SEARCH_LIMIT]
        )
    context = {
        "c": learning_class,
        "query": query,
        "found": found,
        "limit": SEARCH_LIMIT,
        "count": learning_class.participations.count(),
    }
    template = "centres/_class_search.html" if request.htmx else "centres/class_participants.html"  # type: ignore[attr-defined]  # set by django-htmx's middleware
    return render(request, template, context)


@login_required
@require_POST
@refusal_shown(lambda request, pk: redirect("centres:class_list"))
def class_participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    participation = get_participation_for_user(user, pk, Capability.MANAGE_CLASSES)
    classes.remove_participant(user=user, participation=participation)
    messages.success(request, _("Đã bỏ học viên khỏi lớp."))
    return _detail(participation.learning_class)


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown("centres:class_detail")
def class_head_counts(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    learning_class = get_class_for_user(user, pk, Capability.MANAGE_CLASSES)
    form = HeadCountForm(request.POST or None, learning_class=learning_class)
    if request.method == "POST" and form.is_valid():
        classes.set_head_counts(user=user, learning_class=learning_class, counts=form.counts())
        messages.success(request, _("Đã lưu số người tham gia."))
        return _detail(learning_class)
    return render(request, "centres/class_head_counts.html", {"c": learning_class, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown("centres:class_attendance")
def class_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """A checklist of the class's participants for one session."""
    user = user_of(request)
    session = get_session_for_user(user, pk, Capability.MANAGE_CLASSES)
    learning_class = session.learning_class
    if request.method == "POST":
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        classes.mark_attendance(user=user, session=session, present=present)
        messages.success(request, _("Đã lưu điểm danh."))
        return _detail(learning_class)
    marked = set(session.attendances.values_list("participation_id", flat=True))
    participations = learning_class.participations.select_related("person").order_by(
        "person__sort_key", "pk"
    )
    context = {"c": learning_class, "session": session, "rows": participations, "marked": marked}
    return render(request, "centres/class_attendance.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@refusal_shown("centres:class_close")
def class_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Completion and certificates per participant, then the class is closed."""
    user = user_of(request)
    learning_class = get_class_for_user(user, pk, Capability.MANAGE_CLASSES)
    participations = list(
        learning_class.participations.select_related("person")
        .annotate(attended=Count("attendances"))
        .order_by("person__sort_key", "pk")
    )
    if request.method == "POST":
        completed = {int(v) for v in request.POST.getlist("completed") if v.isdigit()}
        certified = {int(v) for v in request.POST.getlist("certified") if v.isdigit()}
        results = {p.pk: request.POST.get(f"result_{p.pk}", "") for p in participations}
        classes.close_class(
            user=user,
            learning_class=learning_class,
            completed=completed,
            certified=certified,
            results=results,
        )
        messages.success(request, _("Đã kết thúc lớp."))
        return _detail(learning_class)
    context = {
        "c": learning_class,
        "rows": participations,
        "sessions": learning_class.sessions.count(),
    }
    return render(request, "centres/class_close.html", context)
