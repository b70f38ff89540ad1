"""The citizen's page "Học tập của tôi" (a phone): their learning record, adding a line of their
own (a course, a book, a resource of the catalogue, with a certificate photo), their digital
skills of the year, and the "Công dân học tập" certificates to download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, require
from xhht.centres.models import LearningEntry
from xhht.centres.record_access import own_person
from xhht.centres.views_record import by_year
from xhht.citizens import learning
from xhht.citizens.learning_access import get_studied_line_for_user
from xhht.citizens.learning_forms import DigitalSkillsForm, OwnLearningForm
from xhht.citizens.learning_models import StudiedLine
from xhht.core import files
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown
from xhht.criteria.models import Title
from xhht.recognition.criteria_link import items_of
from xhht.recognition.models import Assessment, State
from xhht.resources.models import Resource

#: Lines shown on the page (every year, the latest first).
SHOWN_LINES = 200
#: Resources listed by a search of the catalogue.
RESOURCE_CHOICES = 20


@require_safe
@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    person = own_person(user)
    if person is None:
        return render(request, "citizens/learning_unlinked.html")
    year = timezone.localdate().year
    entries = list(
        LearningEntry.objects.filter(person=person)
        .select_related("topic", "participation__learning_class", "studied__resource")
        .order_by("-year", "kind", "title", "pk")[:SHOWN_LINES]
    )
    standing = learning.digital_skills_of(person, year)
    current = learning.current_assessment(person, year)
    declared = standing.declared
    certificates = (
        Assessment.objects.for_citizen(user)
        .filter(title=Title.CITIZEN, state=State.RECOGNISED, certificate__isnull=False)
        .select_related("certificate")
        .order_by("-year")
    )
    context = {
        "person": person,
        "year": year,
        "years": by_year(entries),
        "standing": standing,
        "digital_form": DigitalSkillsForm(
            initial={
                "self_update": declared.self_update if declared else False,
                "online_learning": declared.online_learning if declared else False,
                "online_services": declared.online_services if declared else False,
            }
        ),
        "certificates": list(certificates),
        "current": current,
        "items": items_of(current.criteria_set, current.group) if current else [],
    }
    return render(request, "citizens/learning.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def add_learning(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    person = own_person(user)
    if person is None:
        return render(request, "citizens/learning_unlinked.html")
    published = Resource.objects.published()
    chosen = None
    if (picked := request.GET.get("resource", "")).isdigit():
        chosen = published.filter(pk=int(picked)).first()
    initial: dict[str, object] = {"resource": chosen.pk if chosen else None}
    if chosen is not None:
        initial["title"] = chosen.title
    posted = request.method == "POST"
    form = OwnLearningForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=initial,
        place=person.place,
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            learning.add_own_learning(
                user=user,
                person=person,
                kind=data["kind"],
                title=data["title"],
                year=data["year"],
                hours=data["hours"],
                source=data["source"],
                result=data["result"],
                topic=data["topic"],
                resource=data["resource"],
                certificate=data["certificate"] or None,
            )
        except StepRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã ghi vào sổ học tập; dòng này được tính khi cán bộ xã xác nhận.")
            )
            return redirect("citizens:learning")
    if posted:
        chosen = form.cleaned_data.get("resource")
    query = request.GET.get("q", "").strip()[:100]
    found = (
        list(published.search(query).order_by("sort_key", "pk")[:RESOURCE_CHOICES]) if query else []
    )
    context = {"form": form, "person": person, "query": query, "found": found, "chosen": chosen}
    return render(request, "citizens/learning_add.html", context)


@login_required
@require_POST
@refusal_shown("citizens:learning")
def digital_skills(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    person = own_person(user)
    if person is None:
        return render(request, "citizens/learning_unlinked.html")
    form = DigitalSkillsForm(request.POST)
    form.is_valid()  # three check boxes: nothing to refuse
    data = form.cleaned_data
    learning.declare_digital_skills(
        user=user,
        person=person,
        year=timezone.localdate().year,
        self_update=data.get("self_update", False),
        online_learning=data.get("online_learning", False),
        online_services=data.get("online_services", False),
    )
    messages.success(request, _("Đã lưu kỹ năng số của bạn năm nay."))
    return redirect("citizens:learning")


@require_safe
@login_required
def certificate_photo(request: HttpRequest, pk: int) -> FileResponse:
    line: StudiedLine = get_studied_line_for_user(user_of(request), pk)
    return files.download(
        line.certificate, content_type=line.certificate_type, filename=line.certificate_name
    )


def _to_learning(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("citizens:learning")


@login_required
@require_POST
@refusal_shown(_to_learning)
def attach_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The line's photo as evidence of an item of this year's self-assessment."""
    user = user_of(request)
    require(user, Capability.SELF_SERVICE)
    line = get_studied_line_for_user(user, pk)
    assessment = learning.current_assessment(line.entry.person, timezone.localdate().year)
    if assessment is None:
        raise StepRefused(_("Chưa có hồ sơ “Công dân học tập” năm nay đang tự đánh giá."))
    learning.attach_certificate(
        user=user, line=line, assessment=assessment, item_code=request.POST.get("item_code", "")
    )
    messages.success(request, _("Đã đính kèm ảnh giấy chứng nhận vào hồ sơ tự đánh giá."))
    return redirect("citizens:learning")
