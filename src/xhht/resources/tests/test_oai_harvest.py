"""A real harvester collects the catalogue: ``sickle`` (the OAI-PMH client library from PyPI)
against the running server, over several resumption pages, gets exactly every published
resource, with its Dublin Core; the deleted records and every error a harvester may meet."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from sickle import Sickle
from sickle import oaiexceptions as oai_errors

from xhht.resources.models import Resource
from xhht.resources.tests import oai_catalogue
from xhht.testing.world import World

pytestmark = pytest.mark.django_db(transaction=True)


def _uid(identifier: str) -> str:
    return identifier.rpartition("/")[2]


@override_settings(XHHT_OAI_PAGE_SIZE=7, DEFAULT_FROM_EMAIL="hoclieu@xhht.example.vn")
def test_a_harvester_collects_every_published_resource_over_several_pages(
    world: World, live_server: Any
) -> None:
    catalogue = oai_catalogue.build(world)
    harvester = Sickle(f"{live_server.url}/resources/oai", max_retries=0, timeout=30)

    identify = harvester.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "transient"
    assert identify.baseURL == f"{live_server.url}/resources/oai"

    records = harvester.ListRecords(metadataPrefix="oai_dc")
    harvested, deleted, tokens = {}, set(), set()
    for record in records:
        uid = _uid(record.header.identifier)
        if record.header.deleted:
            deleted.add(uid)
        else:
            harvested[uid] = record.metadata
        if records.resumption_token and records.resumption_token.token:
            tokens.add(records.resumption_token.token)
    published = {str(r.uid): r for r in catalogue.published}
    assert len(published) == 24
    assert set(harvested) == set(published)  # not one draft, submitted or returned resource
    assert catalogue.withdrawn is not None
    assert deleted == {str(catalogue.withdrawn.uid)}
    assert len(tokens) >= 3  # 25 records, 7 a page: four pages, three tokens
    some = published[next(iter(harvested))]
    metadata = harvested[str(some.uid)]
    assert metadata["title"] == [some.title]
    assert metadata["language"] == ["vi"]
    assert metadata["rights"] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert any(
        value.endswith(f"/{some.uid}/") or str(some.uid) in value
        for value in metadata["identifier"]
    )

    digital = [
        header.identifier
        for header in harvester.ListIdentifiers(metadataPrefix="oai_dc", set="topic:digital_skills")
    ]
    assert {_uid(i) for i in digital} == {
        str(r.uid) for r in catalogue.published if r.topics.filter(code="digital_skills").exists()
    }
    hanoi = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="province:01"))
    assert [_uid(h.identifier) for h in hanoi] == [str(catalogue.published[-1].uid)]

    one = harvester.GetRecord(
        identifier=f"oai:localhost:resource/{some.uid}", metadataPrefix="oai_dc"
    )
    assert one.metadata["title"] == [some.title]
    specs = {s.setSpec for s in harvester.ListSets()}
    assert {"topic", "topic:digital_skills", "province", "province:92", "province:01"} <= specs
    formats = [f.metadataPrefix for f in harvester.ListMetadataFormats()]
    assert formats == ["oai_dc"]


def test_the_harvester_meets_each_error_as_the_protocol_names_it(
    world: World, live_server: Any
) -> None:
    catalogue = oai_catalogue.build(world, published=2)
    harvester = Sickle(f"{live_server.url}/resources/oai", max_retries=0, timeout=30)
    hidden = catalogue.hidden[0]
    with pytest.raises(oai_errors.IdDoesNotExist):  # a draft is not in the repository
        harvester.GetRecord(
            identifier=f"oai:localhost:resource/{hidden.uid}", metadataPrefix="oai_dc"
        )
    with pytest.raises(oai_errors.IdDoesNotExist):
        harvester.GetRecord(identifier="resource-1", metadataPrefix="oai_dc")
    with pytest.raises(oai_errors.CannotDisseminateFormat):
        list(harvester.ListRecords(metadataPrefix="marc21"))
    with pytest.raises(oai_errors.BadArgument):
        list(harvester.ListRecords(metadataPrefix="oai_dc", **{"from": "2026-13-40"}))
    with pytest.raises(oai_errors.BadArgument):  # two granularities
        list(
            harvester.ListRecords(
                metadataPrefix="oai_dc", **{"from": "2026-01-01", "until": "2026-02-01T00:00:00Z"}
            )
        )
    with pytest.raises(oai_errors.NoRecordsMatch):
        list(harvester.ListRecords(metadataPrefix="oai_dc", until="2000-01-01"))
    with pytest.raises(oai_errors.NoRecordsMatch):
        list(harvester.ListRecords(metadataPrefix="oai_dc", set="topic:no_such_topic"))
    with pytest.raises(oai_errors.BadResumptionToken):
        list(harvester.ListRecords(resumptionToken="not-a-token"))
    raw = harvester.harvest(verb="ListEverything")  # sickle raises only for the verbs it knows
    assert raw.xml.find(".//{http://www.openarchives.org/OAI/2.0/}error").get("code") == "badVerb"
    assert Resource.objects.count() == 2 + 1 + 4 + 1
