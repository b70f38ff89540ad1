"""The OAI-PMH responses, checked against the protocol's XML Schema and read back: paging by
signed tokens, datestamps and ``from``/``until``, deleted records, the errors and their
``request`` element, hostile text in arguments and records.

The schema is ``OAI-PMH.xsd`` of the Open Archives Initiative as the ``pyoai`` 2.5.0 source
distribution on PyPI ships it (``src/oaipmh/tests/OAI-PMH.xsd``, sha256 1da2a22b…e011fc9):
``make install`` fetches that sdist, pinned by hash in ``requirements-schemas.txt``, and extracts
the schema to ``.venv/schemas/`` (third-party files are not kept in the repository). It skips the
contents of ``metadata`` (its wildcards are ``processContents="skip"``), so the Dublin Core is
checked here element by element.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import signing
from django.test import Client, override_settings
from django.utils import timezone
from lxml import etree

from xhht.centres.tests import factories as centre_factories
from xhht.resources import oai, oai_xml
from xhht.resources.actions import withdraw_resource
from xhht.resources.models import Resource
from xhht.resources.tests import factories, oai_catalogue
from xhht.testing.world import World

SCHEMA_PATH = Path(sys.prefix) / "schemas" / "OAI-PMH.xsd"
assert SCHEMA_PATH.is_file(), (
    f"{SCHEMA_PATH} is missing: run `make install` (it fetches the schema)"
)
SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
NS = {"o": oai_xml.OAI, "oai_dc": oai_xml.OAI_DC, "dc": oai_xml.DC}
VALID_EMAIL = override_settings(DEFAULT_FROM_EMAIL="hoclieu@xhht.example.vn")


def _get(client: Client, **params: str) -> Any:
    response = client.get("/resources/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    assert SCHEMA.validate(document), SCHEMA.error_log.last_error
    return etree.fromstring(response.content)


def _error(root: Any) -> str:
    error = root.find("o:error", NS)
    assert error is not None, etree.tostring(root)
    return str(error.get("code", ""))


@pytest.fixture
def catalogue(world: World) -> oai_catalogue.Catalogue:
    return oai_catalogue.build(world)


@VALID_EMAIL
@override_settings(XHHT_OAI_PAGE_SIZE=10)
def test_every_verb_answers_valid_oai_pmh(
    catalogue: oai_catalogue.Catalogue, client: Client
) -> None:
    identify = _get(client, verb="Identify").find("o:Identify", NS)
    assert identify is not None
    assert identify.findtext("o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext("o:deletedRecord", namespaces=NS) == "transient"
    assert _get(client, verb="ListMetadataFormats").find(".//o:metadataPrefix", NS) is not None
    assert len(_get(client, verb="ListSets").findall(".//o:set", NS)) >= 5

    seen: list[str] = []
    root = _get(client, verb="ListRecords", metadataPrefix="oai_dc")
    pages = 1
    while True:
        seen += [h.text or "" for h in root.findall(".//o:header/o:identifier", NS)]
        token = root.find(".//o:resumptionToken", NS)
        assert token is not None
        assert token.get("completeListSize") == "25"
        if not token.text:
            break
        root = _get(client, verb="ListRecords", resumptionToken=token.text)
        pages += 1
    assert pages == 3 and len(seen) == len(set(seen)) == 25
    published = {str(r.uid) for r in catalogue.published}
    assert catalogue.withdrawn is not None
    assert {s.rpartition("/")[2] for s in seen} == published | {str(catalogue.withdrawn.uid)}

    some = catalogue.published[0]
    record = _get(
        client,
        verb="GetRecord",
        identifier=f"oai:testserver:resource/{some.uid}",
        metadataPrefix="oai_dc",
    )
    dc = record.find(".//oai_dc:dc", NS)
    assert dc is not None
    assert dc.findtext("dc:title", namespaces=NS) == some.title
    assert [t.text for t in dc.findall("dc:type", NS)] == ["MovingImage", "Video"]
    assert dc.findtext("dc:coverage", namespaces=NS) == "Thành phố Cần Thơ"
    assert dc.findtext("dc:subject", namespaces=NS) == "Kỹ năng số"
    names = {child.tag.rpartition("}")[2] for child in dc}
    assert names <= {
        "title",
        "creator",
        "subject",
        "description",
        "publisher",
        "contributor",
        "date",
        "type",
        "format",
        "identifier",
        "source",
        "language",
        "relation",
        "coverage",
        "rights",
    }  # the fifteen elements of unqualified Dublin Core, nothing else


@VALID_EMAIL
def test_a_withdrawn_resource_is_a_deleted_record_without_metadata(
    catalogue: oai_catalogue.Catalogue, client: Client
) -> None:
    assert catalogue.withdrawn is not None
    root = _get(
        client,
        verb="GetRecord",
        identifier=f"oai:testserver:resource/{catalogue.withdrawn.uid}",
        metadataPrefix="oai_dc",
    )
    header = root.find(".//o:header", NS)
    assert header is not None and header.get("status") == "deleted"
    assert root.find(".//o:metadata", NS) is None


@VALID_EMAIL
def test_from_and_until_select_by_the_last_change(
    catalogue: oai_catalogue.Catalogue, client: Client
) -> None:
    old = catalogue.published[:3]
    long_ago = timezone.now() - timedelta(days=400)
    Resource.objects.filter(pk__in=[r.pk for r in old]).update(updated_at=long_ago)
    day = long_ago.date().isoformat()
    root = _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until=day)
    assert {i.text.rpartition("/")[2] for i in root.findall(".//o:identifier", NS) if i.text} == {
        str(r.uid) for r in old
    }
    exact = oai_xml.stamp(long_ago)
    root = _get(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": exact, "until": exact}
    )
    assert len(root.findall(".//o:header", NS)) == 3  # until is inclusive to the second
    later = oai_xml.stamp(long_ago + timedelta(seconds=1))
    root = _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": later})
    assert len(root.findall(".//o:header", NS)) == 25 - 3
    earliest = _get(client, verb="Identify").findtext(".//o:earliestDatestamp", namespaces=NS)
    assert earliest == exact


@VALID_EMAIL
@override_settings(XHHT_OAI_PAGE_SIZE=10)
def test_resumption_tokens_are_signed_bound_to_their_verb_and_expire(
    catalogue: oai_catalogue.Catalogue, client: Client
) -> None:
    root = _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.findtext(".//o:resumptionToken", namespaces=NS) or ""
    assert token and "cursor" not in token
    assert _error(_get(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert (
        _error(_get(client, verb="ListIdentifiers", resumptionToken=forged)) == "badResumptionToken"
    )
    unsigned = signing.dumps({"v": "ListIdentifiers"}, salt="another")
    assert (
        _error(_get(client, verb="ListIdentifiers", resumptionToken=unsigned))
        == "badResumptionToken"
    )
    broken = signing.dumps({"v": "ListIdentifiers", "a": "x"}, salt=oai.RESUMPTION_SALT)
    assert (
        _error(_get(client, verb="ListIdentifiers", resumptionToken=broken)) == "badResumptionToken"
    )
    with override_settings(XHHT_OAI_PAGE_SIZE=10):
        later = timezone.now() + oai.TOKEN_LIFETIME + timedelta(minutes=1)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(signing.time, "time", lambda: later.timestamp())  # type: ignore[attr-defined]
            assert (
                _error(_get(client, verb="ListIdentifiers", resumptionToken=token))
                == "badResumptionToken"
            )
    # A token with other arguments is a bad argument; the request element then has no attributes.
    root = _get(client, verb="ListIdentifiers", resumptionToken=token, metadataPrefix="oai_dc")
    assert _error(root) == "badArgument"
    request = root.find("o:request", NS)
    assert request is not None and request.attrib == {}


@VALID_EMAIL
@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Delete"}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-02-30"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2026-02-02",
                "until": "2026-02-01",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "topic:none"},
            "noRecordsMatch",
        ),
        ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
        (
            {"verb": "GetRecord", "identifier": "oai:x:resource/1", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "nothing"}, "idDoesNotExist"),
    ],
)
def test_each_error_has_its_code_and_a_valid_response(
    catalogue: oai_catalogue.Catalogue, client: Client, params: dict[str, str], code: str
) -> None:
    root = _get(client, **params)
    assert _error(root) == code
    assert root.find("o:ListRecords", NS) is None


@VALID_EMAIL
def test_a_repeated_argument_is_refused(catalogue: oai_catalogue.Catalogue, client: Client) -> None:
    response = client.get(
        "/resources/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc"
    )
    assert SCHEMA.validate(etree.fromstring(response.content))
    assert _error(etree.fromstring(response.content)) == "badArgument"
    response = client.get("/resources/oai?verb=Identify&verb=Identify")
    assert _error(etree.fromstring(response.content)) == "badVerb"


@VALID_EMAIL
def test_hostile_text_is_escaped_and_control_characters_dropped(
    world: World, client: Client
) -> None:
    centre = centre_factories.centre(world)
    title = 'Bài <script>alert("x")</script> & ]]> \x0b\x1f cuối'
    hostile = oai_catalogue.resource(world, title, centre=centre)
    root = _get(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert (
        root.findtext(".//dc:title", namespaces=NS) == 'Bài <script>alert("x")</script> & ]]>  cuối'
    )
    weird = '"><x a="1'
    root = _get(client, verb="GetRecord", identifier=weird + "\x00", metadataPrefix="oai_dc")
    assert _error(root) == "idDoesNotExist"
    request = root.find("o:request", NS)
    assert request is not None and request.get("identifier") == weird
    assert hostile.pk


def test_only_get_is_answered_and_no_login_is_needed(world: World, client: Client) -> None:
    assert client.post("/resources/oai", {"verb": "Identify"}).status_code in {403, 405}
    assert (
        Client(enforce_csrf_checks=False).post("/resources/oai", {"verb": "Identify"}).status_code
        == 405
    )
    response = client.get("/resources/oai", {"verb": "Identify"})
    assert response.status_code == 200 and b"<oai:Identify>" in response.content


@VALID_EMAIL
@override_settings(XHHT_OAI_PAGE_SIZE=50)
def test_a_page_is_a_bounded_number_of_queries(
    catalogue: oai_catalogue.Catalogue, client: Client, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        root = _get(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert len(root.findall(".//o:record", NS)) == 25


@VALID_EMAIL
def test_an_incremental_harvest_sees_a_withdrawal_as_a_deleted_record(
    world: World, client: Client
) -> None:
    resource = factories.published_resource(world)
    Resource.objects.filter(pk=resource.pk).update(updated_at=timezone.now() - timedelta(days=2))
    since = oai_xml.stamp(timezone.now() - timedelta(days=1))
    root = _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": since})
    assert _error(root) == "noRecordsMatch"  # harvested yesterday, nothing new since
    resource.refresh_from_db()
    withdraw_resource(user=world.commune_officer, resource=resource)
    root = _get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": since})
    headers = root.findall(".//o:header", NS)
    assert [h.get("status") for h in headers] == ["deleted"]
    assert headers[0].findtext("o:identifier", namespaces=NS).endswith(str(resource.uid))
