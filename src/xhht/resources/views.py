"""The public catalogue (no login): search with or without diacritics and filters, a resource's
page with its LearningResource JSON-LD, the counted download, and the centres' collections.
Only published resources are ever shown here (``Resource.objects.published()``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from xhht.accounts.access import Capability, can
from xhht.core.files import download as file_download
from xhht.resources import hits
from xhht.resources.access import get_published_resource
from xhht.resources.forms import CatalogueFilter
from xhht.resources.jsonld import learning_resource, script_block
from xhht.resources.models import Collection, CollectionItem, Resource

PAGE_SIZE = 20
_LISTED = ("centre", "body", "province")


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    resources = Resource.objects.published().select_related(*_LISTED).prefetch_related("topics")
    form = CatalogueFilter(request.GET or None)
    rows = form.apply(resources).order_by("sort_key", "id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "may_contribute": can(request.user, Capability.CONTRIBUTE_RESOURCES),
        "may_curate": can(request.user, Capability.CURATE_RESOURCES),
    }
    return render(request, "resources/catalogue.html", context)


@require_safe
def detail(request: HttpRequest, uid: str) -> HttpResponse:
    resource = get_published_resource(uid)
    hits.count(request, resource, "view")
    page_url = request.build_absolute_uri(reverse("resources:detail", args=[resource.uid]))
    file_url = ""
    if resource.file:
        file_url = request.build_absolute_uri(reverse("resources:download", args=[resource.uid]))
    data = learning_resource(
        resource, page_url=page_url, file_url=file_url, provider_place=resource.province.name
    )
    collections = Collection.objects.filter(items__resource=resource).select_related("centre")
    context = {
        "resource": resource,
        "jsonld": script_block(data),
        "collections": collections,
    }
    return render(request, "resources/detail.html", context)


@require_safe
def download(request: HttpRequest, uid: str) -> FileResponse:
    resource = get_published_resource(uid)
    if not resource.file:
        raise Http404
    hits.count(request, resource, "download")
    return file_download(
        resource.file, content_type=resource.file_type, filename=resource.file_name
    )


@require_safe
def collection_list(request: HttpRequest) -> HttpResponse:
    published = Q(items__resource__state=Resource.State.PUBLISHED)
    collections = (
        Collection.objects.annotate(published_count=Count("items", filter=published))
        .filter(published_count__gt=0)
        .select_related("centre__place")
        .order_by("sort_key", "id")
    )
    page = Paginator(collections, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "resources/collection_list.html", {"page": page})


@require_safe
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    collection = get_object_or_404(Collection.objects.select_related("centre__place"), pk=pk)
    items = CollectionItem.objects.filter(
        collection=collection, resource__state=Resource.State.PUBLISHED
    ).select_related("resource__centre", "resource__body")
    items = items.prefetch_related(Prefetch("resource__topics"))
    return render(
        request, "resources/collection_detail.html", {"collection": collection, "items": items}
    )
