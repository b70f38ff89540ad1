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
- **XML.** Built with ``xml.etree.ElementTree`` (text and attributes escaped by the serialiser);
  characters XML 1.0 does not allow are dropped from every text first. The protocol's elements
  carry the prefix ``oai:`` (ElementTree gives a default namespace to unprefixed attributes
  too, which the protocol's are not); namespace-aware harvesters read both alike.

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

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
for _prefix, _uri in (("oai", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(_prefix, _uri)

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
#: Characters XML 1.0 refuses (control characters, surrogates, U+FFFE/U+FFFF).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

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

#: The DCMI Type Vocabulary term of each kind of resource (dc:type).
DCMI_TYPES: dict[str, str] = {
    Resource.Kind.VIDEO: "MovingImage",
    Resource.Kind.DOCUMENT: "Text",
    Resource.Kind.COURSE: "InteractiveResource",
    Resource.Kind.AUDIO: "Sound",
    Resource.Kind.BOOK: "Text",
    Resource.Kind.WEBSITE: "InteractiveResource",
}


class OaiError(Exception):
    """An OAI-PMH error condition: its code and a Vietnamese explanation."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def clean(value: object) -> str:
    """``value`` as text XML 1.0 can carry."""
    return NOT_XML.sub("", str(value))


def stamp(moment: datetime) -> str:
    """A UTC datestamp at the repository's granularity (seconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: object = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: clean(value) for key, value in attrs.items()})
    if text is not None:
        element.text = clean(text)
    return element


def _oai(tag: str) -> str:
    return f"{{{OAI}}}{tag}"


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


def identifier(request: HttpRequest, resource: Resource) -> str:
    return f"oai:{_namespace(request)}:resource/{resource.uid}"


def _namespace(request: HttpRequest) -> str:
    """The repository's namespace identifier: the site's host name, without a port."""
    return request.get_host().rpartition(":")[0] or request.get_host()


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


def _header(parent: ET.Element, request: HttpRequest, resource: Resource) -> None:
    attrs = {} if resource.state == Resource.State.PUBLISHED else {"status": "deleted"}
    header = _sub(parent, _oai("header"), **attrs)
    _sub(header, _oai("identifier"), identifier(request, resource))
    _sub(header, _oai("datestamp"), stamp(resource.updated_at))
    for topic in resource.topics.all():
        _sub(header, _oai("setSpec"), f"topic:{topic.code}")
    _sub(header, _oai("setSpec"), f"province:{resource.province.code}")


def _record(parent: ET.Element, request: HttpRequest, resource: Resource) -> None:
    record = _sub(parent, _oai("record"))
    _header(record, request, resource)
    if resource.state == Resource.State.PUBLISHED:
        _dublin_core(_sub(record, _oai("metadata")), request, resource)


def _dublin_core(parent: ET.Element, request: HttpRequest, resource: Resource) -> None:
    dc = _sub(parent, f"{{{OAI_DC}}}dc")
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")

    def add(name: str, value: object) -> None:
        if value not in (None, ""):
            _sub(dc, f"{{{DC}}}{name}", value)

    contributor = resource.contributor
    add("title", resource.title)
    add("creator", resource.author)
    for topic in resource.topics.all():
        add("subject", topic.name)
    add("description", resource.description)
    add("publisher", resource.publisher or (contributor.name if contributor else ""))
    add("contributor", contributor.name if contributor else "")
    if resource.published_at:
        add("date", timezone.localtime(resource.published_at).date().isoformat())
    add("type", DCMI_TYPES.get(resource.kind, ""))
    add("type", resource.get_kind_display())
    add("format", resource.file_type)
    add("identifier", public_url(request, resource))
    add("identifier", resource.url)
    add("language", resource.language)
    add("rights", resource.licence_url or resource.get_licence_display())
    add("coverage", resource.province.name)


def public_url(request: HttpRequest, resource: Resource) -> str:
    """The resource's public page."""
    return request.build_absolute_uri(reverse("resources:detail", args=[resource.uid]))


# The verbs ---------------------------------------------------------------------------------------


def _identify(request: HttpRequest, root: ET.Element, arguments: dict[str, str]) -> None:
    earliest = harvestable().aggregate(first=Min("updated_at"))["first"] or timezone.now()
    identify = _sub(root, _oai("Identify"))
    _sub(identify, _oai("repositoryName"), _("Kho học liệu mở — Xây dựng xã hội học tập"))
    _sub(identify, _oai("baseURL"), _base_url(request))
    _sub(identify, _oai("protocolVersion"), "2.0")
    _sub(identify, _oai("adminEmail"), settings.DEFAULT_FROM_EMAIL)
    _sub(identify, _oai("earliestDatestamp"), stamp(earliest))
    _sub(identify, _oai("deletedRecord"), "transient")
    _sub(identify, _oai("granularity"), GRANULARITY)


def _list_formats(request: HttpRequest, root: ET.Element, arguments: dict[str, str]) -> None:
    if "identifier" in arguments:
        _find(arguments)
    formats = _sub(root, _oai("ListMetadataFormats"))
    metadata_format = _sub(formats, _oai("metadataFormat"))
    _sub(metadata_format, _oai("metadataPrefix"), METADATA_PREFIX)
    _sub(metadata_format, _oai("schema"), OAI_DC_SCHEMA)
    _sub(metadata_format, _oai("metadataNamespace"), OAI_DC)


def _list_sets(request: HttpRequest, root: ET.Element, arguments: dict[str, str]) -> None:
    if "resumptionToken" in arguments:  # every set fits on one page: no token is ever issued
        raise OaiError("badResumptionToken", _("Mã tiếp tục không hợp lệ hoặc đã hết hạn."))
    sets = _sub(root, _oai("ListSets"))

    def add(spec: str, name: str) -> None:
        item = _sub(sets, _oai("set"))
        _sub(item, _oai("setSpec"), spec)
        _sub(item, _oai("setName"), name)

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
    listing = _sub(root, _oai(verb))
    for resource in rows:
        if verb == "ListRecords":
            _record(listing, request, resource)
        else:
            _header(listing, request, resource)
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
        _sub(listing, _oai("resumptionToken"), text, **attrs)


def _get_record(request: HttpRequest, root: ET.Element, arguments: dict[str, str]) -> None:
    resource = _find(arguments)
    if arguments["metadataPrefix"] != METADATA_PREFIX:
        raise _format_error(arguments["metadataPrefix"])
    _record(_sub(root, _oai("GetRecord")), request, resource)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("resources:oai"))


def respond(request: HttpRequest) -> bytes:
    """The OAI-PMH response to ``request``, as UTF-8 XML."""
    root = ET.Element(_oai("OAI-PMH"))
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    _sub(root, _oai("responseDate"), stamp(timezone.now()))
    request_element = _sub(root, _oai("request"), _base_url(request))
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
        _sub(root, _oai("error"), error.message, code=error.code)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


@require_safe
def endpoint(request: HttpRequest) -> HttpResponse:
    """``/resources/oai``: the OAI-PMH base URL (public)."""
    return HttpResponse(respond(request), content_type="text/xml; charset=utf-8")
