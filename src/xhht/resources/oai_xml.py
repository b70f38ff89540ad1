"""The XML of the OAI-PMH data provider (``resources.oai``): the namespaces, the text XML 1.0
can carry, datestamps, and a resource's header and record with its unqualified Dublin Core.

Built with ``xml.etree.ElementTree`` (text and attributes escaped by the serialiser); characters
XML 1.0 does not allow are dropped from every text first. The protocol's elements carry the
prefix ``oai:`` (ElementTree gives a default namespace to unprefixed attributes too, which the
protocol's are not); namespace-aware harvesters read both alike.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from xhht.resources.models import Resource

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
for _prefix, _uri in (("oai", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(_prefix, _uri)

#: Characters XML 1.0 refuses (control characters, surrogates, U+FFFE/U+FFFF).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: The DCMI Type Vocabulary term of each kind of resource (dc:type).
DCMI_TYPES: dict[str, str] = {
    Resource.Kind.VIDEO: "MovingImage",
    Resource.Kind.DOCUMENT: "Text",
    Resource.Kind.COURSE: "InteractiveResource",
    Resource.Kind.AUDIO: "Sound",
    Resource.Kind.BOOK: "Text",
    Resource.Kind.WEBSITE: "InteractiveResource",
}


def clean(value: object) -> str:
    """``value`` as text XML 1.0 can carry."""
    return NOT_XML.sub("", str(value))


def stamp(moment: datetime) -> str:
    """A UTC datestamp at the repository's granularity (seconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sub(parent: ET.Element, tag: str, text: object = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: clean(value) for key, value in attrs.items()})
    if text is not None:
        element.text = clean(text)
    return element


def oai_tag(tag: str) -> str:
    return f"{{{OAI}}}{tag}"


def identifier(request: HttpRequest, resource: Resource) -> str:
    return f"oai:{_namespace(request)}:resource/{resource.uid}"


def _namespace(request: HttpRequest) -> str:
    """The repository's namespace identifier: the site's host name, without a port."""
    return request.get_host().rpartition(":")[0] or request.get_host()


def add_header(parent: ET.Element, request: HttpRequest, resource: Resource) -> None:
    attrs = {} if resource.state == Resource.State.PUBLISHED else {"status": "deleted"}
    header = sub(parent, oai_tag("header"), **attrs)
    sub(header, oai_tag("identifier"), identifier(request, resource))
    sub(header, oai_tag("datestamp"), stamp(resource.updated_at))
    for topic in resource.topics.all():
        sub(header, oai_tag("setSpec"), f"topic:{topic.code}")
    sub(header, oai_tag("setSpec"), f"province:{resource.province.code}")


def add_record(parent: ET.Element, request: HttpRequest, resource: Resource) -> None:
    record = sub(parent, oai_tag("record"))
    add_header(record, request, resource)
    if resource.state == Resource.State.PUBLISHED:
        add_dublin_core(sub(record, oai_tag("metadata")), request, resource)


def add_dublin_core(parent: ET.Element, request: HttpRequest, resource: Resource) -> None:
    dc = sub(parent, f"{{{OAI_DC}}}dc")
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")

    def add(name: str, value: object) -> None:
        if value not in (None, ""):
            sub(dc, f"{{{DC}}}{name}", value)

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
