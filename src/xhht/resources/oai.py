"""Harvesting the catalogue: an OAI-PMH 2.0 data provider with unqualified Dublin Core (oai_dc).

A national repository collects the published resources from ``/resources/oai`` without logging
in (https://www.openarchives.org/OAI/openarchivesprotocol.html). Every verb is served: Identify,
ListMetadataFormats, ListSets, ListIdentifiers, ListRecords and GetRecord.

- **Records.** Every published resource, identified as ``oai:<host>:resource/<uid>`` (the uid
  outlives a renamed title), its datestamp the resource's last change (``updated_at``, seconds,
  UTC). A resource that was published and no longer is (withdrawn, or taken back to be edited:
  ``published_at`` kept, state not published) is a *deleted* record, without metadata; drafts,
  submitted and returned resources that were never published are not there at all. Identify
  says ``deletedRecord: transient`` (a deleted record is not promised to stay listed).
- **Sets.** ``topic`` and ``topic:<code>`` (the class topic catalogue), ``province`` and
  ``province:<code>`` (the province whose curator approved it).
- **Paging.** Lists are cut into pages of ``XHHT_OAI_PAGE_SIZE`` records (100); the
  resumption token is signed (``django.core.signing``, opaque to the harvester, refused when
  changed, for another verb, or older than a day: ``badResumptionToken``) and carries the last
  record's (datestamp, id), so a page is one keyset query however deep the harvest is.
- **XML.** Built with ``xml.etree.ElementTree`` in ``resources.oai_xml`` (namespaces, text
  XML 1.0 can carry, datestamps, a record's header and Dublin Core); this module reads the
  request, pages with resumption tokens and answers each verb.

Only GET (and HEAD) is answered: the protocol allows POST too, but every POST of this site
carries a CSRF token, which a harvester has not; harvesters use GET.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import Min, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from xhht.centres.models import Topic
from xhht.places.models import Level, Place
from xhht.resources.models import Resource, ResourceQuerySet
from xhht.resources.oai_xml import (
    OAI,
    OAI_DC,
    OAI_DC_SCHEMA,
    OAI_SCHEMA,
    XSI,
    add_header,
    add_record,
    clean,
    oai_tag,
    stamp,
    sub,
)

METADATA_PREFIX = "oai_dc"
PAGE_SIZE = 100
#: How long a resumption token is accepted (its ``expirationDate``).
TOKEN_LIFETIME = timedelta(days=1)
RESUMPTION_SALT = "xhht.resources.oai.resumption"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
UID = re.compile(
    r"oai:[^:\s]+:resource/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)

#: The arguments each verb takes: (required, optional); a resumption token is exclusive.
VERBS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset({"resumptionToken"})),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"})),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
}
LISTS = frozenset({"ListIdentifiers", "ListRecords"})


class OaiError(Exception):
    """An OAI-PMH error condition: its code and a Vietnamese explanation."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# The request -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What a list asks for: format, datestamp bounds, set, and where the last page ended."""

    start: datetime | None = None
    end: datetime | None = None  # exclusive
    set_spec: str = ""
    after: tuple[datetime, int] | None = None
    cursor: int = 0


def _arguments(request: HttpRequest) -> dict[str, str]:
    """The request's arguments; a repeated one is a bad argument (a repeated verb a bad verb)."""
    arguments: dict[str, str] = {}
    for key in request.GET:
        values = request.GET.getlist(key)
        if len(values) > 1:
            code = "badVerb" if key == "verb" else "badArgument"
            raise OaiError(code, _("Tham số “%(name)s” lặp lại.") % {"name": clean(key)})
        arguments[key] = values[0]
    return arguments


def _check_arguments(verb: str, arguments: dict[str, str]) -> None:
    required, optional = VERBS[verb]
    given = set(arguments) - {"verb"}
    if "resumptionToken" in given and verb in LISTS:
        if given != {"resumptionToken"}:
            raise OaiError(
                "badArgument",
                _("Mã tiếp tục (resumptionToken) phải đi một mình, không kèm tham số khác."),
            )
        return
    unknown = sorted(given - required - optional)
    if unknown:
        names = ", ".join(clean(name) for name in unknown)
        raise OaiError("badArgument", _("Tham số không hợp lệ: %(names)s.") % {"names": names})
    missing = sorted(required - given)
    if missing:
        names = ", ".join(missing)
        raise OaiError("badArgument", _("Thiếu tham số bắt buộc: %(names)s.") % {"names": names})


def _bound(value: str, *, end: bool) -> tuple[datetime, str]:
    """A ``from``/``until`` value as an aware datetime (the first moment after it for an
    ``until``, which is inclusive) and its granularity."""
    if DAY.fullmatch(value):
        granularity, pattern = "day", "%Y-%m-%d"
    elif SECOND.fullmatch(value):
        granularity, pattern = "second", "%Y-%m-%dT%H:%M:%SZ"
    else:
        raise OaiError(
            "badArgument",
            _("Ngày “%(value)s” không đúng dạng YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ.")
            % {"value": clean(value)},
        )
    try:
        moment = datetime.strptime(value, pattern).replace(tzinfo=UTC)
    except ValueError:
        raise OaiError(
            "badArgument", _("Ngày “%(value)s” không có thật.") % {"value": clean(value)}
        ) from None
    if end:
        moment += timedelta(days=1) if granularity == "day" else timedelta(seconds=1)
    return moment, granularity


def _list_query(arguments: dict[str, str]) -> Query:
    if arguments.get("metadataPrefix") != METADATA_PREFIX:
        raise _format_error(arguments.get("metadataPrefix", ""))
    start = end = None
    granularities = set()
    if "from" in arguments:
        start, granularity = _bound(arguments["from"], end=False)
        granularities.add(granularity)
    if "until" in arguments:
        end, granularity = _bound(arguments["until"], end=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OaiError("badArgument", _("“from” và “until” phải cùng độ chi tiết."))
    if start is not None and end is not None and start >= end:
        raise OaiError("badArgument", _("“from” phải không muộn hơn “until”."))
    return Query(start=start, end=end, set_spec=arguments.get("set", ""))


def _format_error(prefix: str) -> OaiError:
    return OaiError(
        "cannotDisseminateFormat",
        _("Không có định dạng “%(prefix)s”; kho chỉ cung cấp oai_dc.") % {"prefix": clean(prefix)},
    )


# Resumption tokens -------------------------------------------------------------------------------


def make_token(verb: str, query: Query, after: tuple[datetime, int]) -> str:
    """The token that continues ``query`` after the record ``after`` (datestamp, id)."""
    moment, pk = after
    payload = {
        "v": verb,
        "f": query.start.isoformat() if query.start else None,
        "u": query.end.isoformat() if query.end else None,
        "s": query.set_spec,
        "a": [moment.isoformat(), pk],
        "c": query.cursor,
    }
    return signing.dumps(payload, salt=RESUMPTION_SALT, compress=True)


def read_token(verb: str, token: str) -> Query:
    """The query a token continues; ``badResumptionToken`` for anything not issued here for
    this verb within the token's lifetime."""
    bad = OaiError("badResumptionToken", _("Mã tiếp tục không hợp lệ hoặc đã hết hạn."))
    try:
        payload = signing.loads(token, salt=RESUMPTION_SALT, max_age=TOKEN_LIFETIME)
        if not isinstance(payload, dict) or payload.get("v") != verb:
            raise bad
        moment, pk = payload["a"]
        return Query(
            start=datetime.fromisoformat(payload["f"]) if payload["f"] else None,
            end=datetime.fromisoformat(payload["u"]) if payload["u"] else None,
            set_spec=str(payload["s"]),
            after=(datetime.fromisoformat(moment), int(pk)),
            cursor=int(payload["c"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise bad from None


# The records -------------------------------------------------------------------------------------


def harvestable() -> ResourceQuerySet:
    """Published resources and those once published (the deleted records)."""
    return Resource.objects.filter(
        Q(state=Resource.State.PUBLISHED) | Q(published_at__isnull=False)
    )


def _in_set(resources: ResourceQuerySet, set_spec: str) -> ResourceQuerySet:
    if not set_spec:
        return resources
    family, _colon, code = set_spec.partition(":")
    if family == "topic":
        topics = Q(topics__code=code) if code else Q(topics__isnull=False)
        matching = Resource.objects.filter(topics).values("pk")
        return resources.filter(pk__in=matching)
    if family == "province":
        return resources.filter(province__code=code) if code else resources
    return resources.none()


def _matching(query: Query) -> ResourceQuerySet:
    resources = _in_set(harvestable(), query.set_spec)
    if query.start is not None:
        resources = resources.filter(updated_at__gte=query.start)
    if query.end is not None:
        resources = resources.filter(updated_at__lt=query.end)
    return resources


def page_size() -> int:
    return max(1, int(getattr(settings, "XHHT_OAI_PAGE_SIZE", PAGE_SIZE)))


def _find(arguments: dict[str, str]) -> Resource:
    found = UID.fullmatch(arguments.get("identifier", ""))
    resource = (
        harvestable()
        .select_related("centre", "body", "province")
        .filter(uid=found.group(1))
        .first()
        if found
        else None
    )
    if resource is None:
        raise OaiError(
            "idDoesNotExist",
            _("Không có học liệu mang định danh “%(identifier)s”.")
            % {"identifier": clean(arguments.get("identifier", ""))},
        )
    return resource


# The verbs ---------------------------------------------------------------------------------------


def _identify(request: HttpRequest, root: ET.Element, arguments: dict[str, str]) -> None:
    earliest = harvestable().aggregate(first=Min("updated_at"))["first"] or timezone.now()
    identify = sub(root, oai_tag("Identify"))
    sub(identify, oai_tag("repositoryName"), _("Kho học liệu mở — Xây dựng xã hội học tập"))
    sub(identify, oai_tag("baseURL"), _base_url(request))
    sub(identify, oai_tag("protocolVersion"), "2.0")
    sub(identify, oai_tag("adminEmail"), settings.DEFAULT_FROM_EMAIL)
    sub(identify, oai_tag("earliestDatestamp"), stamp(earliest))
    sub(identify, oai_tag("deletedRecord"), "transient")
    sub(identify, oai_tag("granularity"), GRANULARITY)


def _list_formats(request: HttpRequest, root: ET.Element, arguments: dict[str, str]) -> None:
    if "identifier" in arguments:
        _find(arguments)
    formats = sub(root, oai_tag("ListMetadataFormats"))
    metadata_format = sub(formats, oai_tag("metadataFormat"))
    sub(metadata_format, oai_tag("metadataPrefix"), METADATA_PREFIX)
    sub(metadata_format, oai_tag("schema"), OAI_DC_SCHEMA)
    sub(metadata_format, oai_tag("metadataNamespace"), OAI_DC)


def _list_sets(request: HttpRequest, root: ET.Element, arguments: dict[str, str]) -> None:
    if "resumptionToken" in arguments:  # every set fits on one page: no token is ever issued
        raise OaiError("badResumptionToken", _("Mã tiếp tục không hợp lệ hoặc đã hết hạn."))
    sets = sub(root, oai_tag("ListSets"))

    def add(spec: str, name: str) -> None:
        item = sub(sets, oai_tag("set"))
        sub(item, oai_tag("setSpec"), spec)
        sub(item, oai_tag("setName"), name)

    add("topic", _("Chủ đề"))
    codes = set()
    for code, name in Topic.objects.filter(active=True).values_list("code", "name"):
        if code not in codes:  # a province's topic may share a national code: one set
            codes.add(code)
            add(f"topic:{code}", name)
    add("province", _("Tỉnh, thành phố"))
    provinces = Place.objects.current().filter(level=Level.PROVINCE).order_by("code")
    for code, name in provinces.values_list("code", "name"):
        add(f"province:{code}", name)


def _list(request: HttpRequest, root: ET.Element, arguments: dict[str, str], verb: str) -> None:
    token = arguments.get("resumptionToken")
    query = read_token(verb, token) if token is not None else _list_query(arguments)
    matching = _matching(query)
    page = matching
    if query.after is not None:
        moment, pk = query.after
        page = page.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk))
    size = page_size()
    rows = list(
        page.select_related("centre", "body", "province")
        .prefetch_related("topics")
        .order_by("updated_at", "pk")[: size + 1]
    )
    if not rows and token is None:
        raise OaiError("noRecordsMatch", _("Không có bản ghi nào khớp yêu cầu."))
    more, rows = len(rows) > size, rows[:size]
    listing = sub(root, oai_tag(verb))
    for resource in rows:
        if verb == "ListRecords":
            add_record(listing, request, resource)
        else:
            add_header(listing, request, resource)
    if more or token is not None:
        attrs = {"completeListSize": str(matching.count()), "cursor": str(query.cursor)}
        text = None
        if more:
            last = rows[-1]
            following = Query(
                start=query.start,
                end=query.end,
                set_spec=query.set_spec,
                cursor=query.cursor + len(rows),
            )
            text = make_token(verb, following, (last.updated_at, last.pk))
            attrs["expirationDate"] = stamp(timezone.now() + TOKEN_LIFETIME)
        sub(listing, oai_tag("resumptionToken"), text, **attrs)


def _get_record(request: HttpRequest, root: ET.Element, arguments: dict[str, str]) -> None:
    resource = _find(arguments)
    if arguments["metadataPrefix"] != METADATA_PREFIX:
        raise _format_error(arguments["metadataPrefix"])
    add_record(sub(root, oai_tag("GetRecord")), request, resource)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("resources:oai"))


def respond(request: HttpRequest) -> bytes:
    """The OAI-PMH response to ``request``, as UTF-8 XML."""
    root = ET.Element(oai_tag("OAI-PMH"))
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    sub(root, oai_tag("responseDate"), stamp(timezone.now()))
    request_element = sub(root, oai_tag("request"), _base_url(request))
    try:
        arguments = _arguments(request)
        verb = arguments.get("verb", "")
        if verb not in VERBS:
            raise OaiError("badVerb", _("Thiếu động từ (verb) hoặc động từ không hợp lệ."))
        _check_arguments(verb, arguments)
        for key, value in arguments.items():
            request_element.set(key, clean(value))
        handlers: dict[str, Any] = {
            "Identify": _identify,
            "ListMetadataFormats": _list_formats,
            "ListSets": _list_sets,
            "GetRecord": _get_record,
        }
        if verb in LISTS:
            _list(request, root, arguments, verb)
        else:
            handlers[verb](request, root, arguments)
    except OaiError as error:
        if error.code in {"badVerb", "badArgument"}:
            request_element.attrib.clear()  # the protocol: only the base URL then
        for child in list(root)[2:]:
            root.remove(child)
        sub(root, oai_tag("error"), error.message, code=error.code)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


@require_safe
def endpoint(request: HttpRequest) -> HttpResponse:
    """``/resources/oai``: the OAI-PMH base URL (public)."""
    return HttpResponse(respond(request), content_type="text/xml; charset=utf-8")
