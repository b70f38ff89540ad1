"""Evidence for an item that only one subject group has (issue 14: the title was passed where
the subject group belongs, so such evidence was refused)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django import Settings

from xhht.criteria.models import Title
from xhht.recognition import actions
from xhht.recognition.models import Assessment
from xhht.recognition.tests.factories import YEAR, make_person, make_set
from xhht.recognition.tests.test_evidence import pdf_bytes
from xhht.testing.world import World


@pytest.fixture(autouse=True)
def _media(tmp_path: object, settings: Settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _assessment(world: World, group: str) -> Assessment:
    citizen_set = make_set(world, Title.CITIZEN)
    person = make_person(world.hamlet, "Phạm Văn Cán")
    assessment = actions.register(
        actor=world.hamlet_head,
        title=Title.CITIZEN,
        subject=person,
        year=YEAR,
        criteria_set=citizen_set,
    )
    return actions.save_answers(
        actor=world.hamlet_head, assessment=assessment, answers={}, group=group
    )


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("ngoai-ngu.pdf", pdf_bytes(), content_type="application/pdf")


def test_evidence_for_an_item_of_the_citizens_own_group_is_accepted(world: World) -> None:
    assessment = _assessment(world, "can_bo")
    evidence = actions.add_evidence(
        actor=world.hamlet_head, assessment=assessment, item_code="2.2", upload=_pdf()
    )
    assert evidence.item_code == "2.2"  # "Ngoại ngữ" applies to officers only


def test_evidence_for_an_item_of_another_group_is_still_refused(world: World) -> None:
    assessment = _assessment(world, "nong_dan")
    with pytest.raises(actions.StepRefused, match="Hãy chọn chỉ báo"):
        actions.add_evidence(
            actor=world.hamlet_head, assessment=assessment, item_code="2.2", upload=_pdf()
        )
