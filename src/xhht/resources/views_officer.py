"""The contributors' and curators' pages: my resources, create and edit with the file upload,
the officer's page of a resource in any state with its steps, the curator's queue, collections.
Resources are fetched only through ``access``; every step is an action in ``actions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xhht.accounts.access import Capability, can, require
from xhht.accounts.models import User
from xhht.core.files import download as file_download
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, refusal_shown
from xhht.resources import actions
from xhht.resources.access import (
    get_collection_for_user,
    get_resource_for_officer,
    get_resource_for_user,
)
from xhht.resources.collection_actions import save_collection
from xhht.resources.forms import CollectionForm, ResourceForm, ReturnForm
from xhht.resources.models import Collection, Resource

PAGE_SIZE = 30
_LISTED = ("centre", "body", "province")


@require_safe
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.CONTRIBUTE_RESOURCES)
    rows = Resource.objects.visible_to(user, Capability.CONTRIBUTE_RESOURCES)
    state = request.GET.get("state", "")
    if state in Resource.State.values:
        rows = rows.filter(state=state)
    rows = rows.select_related(*_LISTED).order_by("-updated_at", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    collections = Collection.objects.visible_to(user, Capability.CONTRIBUTE_RESOURCES)
    context = {
        "page": page,
        "states": Resource.State.choices,
        "state": state,
        "collections": collections.select_related("centre").order_by("sort_key")[:50],
    }
    return render(request, "resources/mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.CONTRIBUTE_RESOURCES)
    form = ResourceForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        centre, body = form.contributor_choice()
        try:
            resource = actions.create_resource(
                user=user,
                fields=form.resource_fields(),
                centre=centre,
                body=body,
                upload=form.cleaned_data["upload"],
            )
        except StepRefused as refusal:
            _refused_on_form(form, refusal)
        else:
            messages.success(request, _("Đã lưu nháp “%(title)s”.") % {"title": resource.title})
            return redirect("resources:manage", pk=resource.pk)
    return render(request, "resources/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    resource = get_resource_for_user(user, pk)
    form = ResourceForm(request.POST or None, request.FILES or None, user=user, resource=resource)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_resource(
                user=user,
                resource=resource,
                fields=form.resource_fields(),
                upload=form.cleaned_data["upload"],
            )
        except StepRefused as refusal:
            _refused_on_form(form, refusal)
        else:
            messages.success(request, _("Đã lưu “%(title)s”.") % {"title": resource.title})
            return redirect("resources:manage", pk=resource.pk)
    return render(request, "resources/form.html", {"form": form, "resource": resource})


def _refused_on_form(form: ResourceForm, refusal: StepRefused) -> None:
    for text in [refusal.message, *refusal.problems]:
        if text:
            form.add_error(None, text)


@require_safe
@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    resource = get_resource_for_officer(user, pk)
    context = {
        "resource": resource,
        "topics": resource.topics.all(),
        "classes": resource.classes.all(),
        "campaigns": resource.campaigns.all(),
        "may_edit": actions.may_edit(user, resource),
        "may_curate": actions.may_curate(user, resource),
        "return_form": ReturnForm(),
        "S": Resource.State,
    }
    return render(request, "resources/manage.html", context)


@require_safe
@login_required
def manage_file(request: HttpRequest, pk: int) -> FileResponse:
    """The file of a resource in any state, for its contributors and curators (not counted)."""
    resource = get_resource_for_officer(user_of(request), pk)
    if not resource.file:
        raise Http404
    return file_download(
        resource.file, content_type=resource.file_type, filename=resource.file_name
    )


@login_required
@require_POST
@refusal_shown("resources:manage")
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    resource = actions.submit_resource(user=user, resource=get_resource_for_user(user, pk))
    messages.success(
        request, _("Đã gửi “%(title)s” cho người duyệt của tỉnh.") % {"title": resource.title}
    )
    return redirect("resources:manage", pk=pk)


@login_required
@require_POST
@refusal_shown("resources:manage")
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    resource = actions.withdraw_resource(user=user, resource=get_resource_for_user(user, pk))
    messages.success(
        request, _("Đã rút “%(title)s” khỏi kho học liệu.") % {"title": resource.title}
    )
    return redirect("resources:manage", pk=pk)


@login_required
@require_POST
@refusal_shown("resources:manage")
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    resource = get_resource_for_user(user, pk, Capability.CURATE_RESOURCES)
    actions.publish_resource(user=user, resource=resource)
    messages.success(request, _("Đã công bố “%(title)s”.") % {"title": resource.title})
    return redirect("resources:queue")


@login_required
@require_POST
@refusal_shown("resources:manage")
def return_(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    resource = get_resource_for_user(user, pk, Capability.CURATE_RESOURCES)
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions.return_resource(user=user, resource=resource, reason=reason)
    messages.success(request, _("Đã trả lại “%(title)s”.") % {"title": resource.title})
    return redirect("resources:queue")


@require_safe
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The curator's queue: the submitted resources of their province, the oldest first."""
    user = user_of(request)
    require(user, Capability.CURATE_RESOURCES)
    rows = Resource.objects.visible_to(user, Capability.CURATE_RESOURCES).filter(
        state=Resource.State.SUBMITTED
    )
    rows = rows.select_related(*_LISTED, "created_by").order_by("submitted_at", "id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "resources/queue.html",
        {"page": page, "can_curate": can(user, Capability.CURATE_RESOURCES)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def collection_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.CONTRIBUTE_RESOURCES)
    return _collection_form(request, user, None)


@login_required
@require_http_methods(["GET", "POST"])
def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    return _collection_form(request, user, get_collection_for_user(user, pk))


def _collection_form(
    request: HttpRequest, user: User, collection: Collection | None
) -> HttpResponse:
    form = CollectionForm(request.POST or None, user=user, collection=collection)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_collection(
                user=user,
                centre=form.cleaned_data["centre"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                resources=form.chosen_resources(),
                collection=collection,
            )
        except StepRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã lưu bộ sưu tập “%(name)s”.") % {"name": saved.name})
            return redirect("resources:collection", pk=saved.pk)
    return render(
        request, "resources/collection_form.html", {"form": form, "collection": collection}
    )
