"""A citizen asks to correct their data; the officer applies it through the registry's person
form (validated, audited) or refuses it; the self-update is counted for the year."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from xhht.audit.models import AuditEntry
from xhht.citizens import corrections
from xhht.citizens.counters import CODE, self_update_counts
from xhht.citizens.models import CorrectionRequest, SelfUpdate
from xhht.citizens.selfupdates import note_self_update
from xhht.citizens.tests import factories
from xhht.core.workflow import StepRefused
from xhht.indicators.models import Indicator, RollupCount
from xhht.indicators.rebuild import rebuild
from xhht.registry.models import Person
from xhht.testing.clients import ClientFor
from xhht.testing.world import World


def _counted(place_id: int, year: int) -> int:
    row = RollupCount.objects.filter(indicator=CODE, place_id=place_id, year=year).first()
    return row.numerator if row else 0


def test_the_citizen_sees_their_data_and_asks_for_a_correction(
    world: World, client_for: ClientFor
) -> None:
    citizen, _person = factories.linked_citizen(world)
    client = client_for(citizen)
    page = client.get(reverse("citizens:me")).content.decode()
    assert "Trần Thị Bình" in page and "Khu vực 1" in page and "5 Trần Phú" in page
    assert factories.CCCD not in page and "*********321" in page

    response = client.post(
        reverse("citizens:correction_create"),
        {"field": "birth_date", "asked_value": "17/06/1990", "note": "Sai tháng sinh"},
    )
    assert response.status_code == 302
    request = CorrectionRequest.objects.get()
    assert request.current_value == "17/05/1990" and request.requested_by == citizen
    assert Person.objects.get().birth_date == factories.BIRTH  # nothing changed yet


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"field": "birth_date", "asked_value": "30/02/1990"}, "ngày/tháng/năm"),
        ({"field": "sex", "asked_value": "không rõ"}, "Hãy ghi một trong các giá trị"),
        ({"field": "phone", "asked_value": ""}, "Trường này là bắt buộc"),
        ({"field": "cccd", "asked_value": "1"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"field": "phone", "asked_value": "1" * 301}, "tối đa 300 kí tự"),
    ],
)
def test_a_bad_correction_is_refused_in_vietnamese_and_not_saved(
    world: World, client_for: ClientFor, data: dict[str, str], message: str
) -> None:
    citizen, _person = factories.linked_citizen(world)
    response = client_for(citizen).post(reverse("citizens:correction_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_applying_goes_through_the_registry_form_is_audited_and_counted(
    world: World, client_for: ClientFor
) -> None:
    citizen, person = factories.linked_citizen(world)
    request = corrections.request_correction(
        actor=citizen, person=person, field="birth_date", asked_value="17/06/1990"
    )
    assert Indicator.objects.filter(code=CODE).exists()
    year = timezone.localdate().year
    officer = client_for(world.hamlet_head)
    assert "Đề nghị sửa thông tin chờ xử lý" in officer.get(reverse("site:home")).content.decode()

    response = officer.post(
        reverse("citizens:correction_detail", args=[request.pk]), {"do": "apply", "value": ""}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.birth_date == datetime.date(1990, 6, 17)
    request.refresh_from_db()
    assert request.state == CorrectionRequest.State.APPLIED
    assert AuditEntry.objects.filter(
        object_id=str(person.pk), action=AuditEntry.Action.UPDATE, actor=world.hamlet_head
    ).exists()
    assert SelfUpdate.objects.get().year == year
    for place in (world.hamlet, world.commune, world.province):
        assert _counted(place.pk, year) == 1
    assert _counted(world.other_commune.pk, year) == 0
    assert "Đã sửa" in client_for(citizen).get(reverse("citizens:me")).content.decode()

    # A second correction the same year counts the citizen once.
    second = corrections.request_correction(
        actor=citizen, person=person, field="phone", asked_value="0987654321"
    )
    corrections.apply_correction(actor=world.commune_officer, request=second)
    assert _counted(world.hamlet.pk, year) == 1
    assert list(self_update_counts(world.province)) == [(CODE, year, world.hamlet.pk, 1, 0)]


def test_a_value_the_registry_refuses_is_not_applied(world: World) -> None:
    citizen, person = factories.linked_citizen(world)
    request = corrections.request_correction(
        actor=citizen, person=person, field="full_name", asked_value="Trần Thị Bình Minh"
    )
    with pytest.raises(StepRefused) as refused:
        corrections.apply_correction(actor=world.hamlet_head, request=request, value=" " * 3)
    assert refused.value.problems
    future = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    with pytest.raises(StepRefused) as refused:
        corrections.apply_correction(
            actor=world.hamlet_head,
            request=CorrectionRequest.objects.create(
                person=person, requested_by=citizen, field="birth_date", asked_value=future
            ),
        )
    assert "Ngày sinh không được sau hôm nay." in refused.value.problems
    person.refresh_from_db()
    assert person.full_name == "Trần Thị Bình" and person.birth_date == factories.BIRTH
    assert not SelfUpdate.objects.exists()
    assert CorrectionRequest.objects.pending().count() == 2


def test_a_refusal_carries_a_reason_the_citizen_reads(world: World, client_for: ClientFor) -> None:
    citizen, person = factories.linked_citizen(world)
    request = corrections.request_correction(
        actor=citizen, person=person, field="ethnicity", asked_value="Khmer"
    )
    with pytest.raises(StepRefused):
        corrections.refuse_correction(actor=world.hamlet_head, request=request, reason="")
    corrections.refuse_correction(
        actor=world.hamlet_head, request=request, reason="Giấy khai sinh ghi dân tộc Kinh."
    )
    assert "Giấy khai sinh ghi dân tộc Kinh." in (
        client_for(citizen).get(reverse("citizens:me")).content.decode()
    )
    assert Person.objects.get().ethnicity == "Kinh"


@pytest.mark.parametrize("persona", ["other_officer", "outsider", "reviewer", "citizen"])
def test_no_one_outside_the_place_decides_a_correction(
    world: World, client_for: ClientFor, persona: str
) -> None:
    request = factories.correction(world)
    user = getattr(world, persona)
    url = reverse("citizens:correction_detail", args=[request.pk])
    assert client_for(user).post(url, {"do": "apply"}).status_code in {403, 404}
    with pytest.raises(PermissionDenied):
        corrections.apply_correction(actor=user, request=request)
    assert Person.objects.get().phone == "0912000111"


def test_only_the_linked_citizen_asks_for_their_record(world: World) -> None:
    person = factories.person(world)
    with pytest.raises(PermissionDenied):
        corrections.request_correction(
            actor=world.citizen, person=person, field="phone", asked_value="0987654321"
        )


def test_the_kept_count_equals_a_rebuild_and_follows_a_deleted_person(world: World) -> None:
    year = timezone.localdate().year
    first = factories.person(world)
    second = factories.person(world, cccd="092190007777", place=world.other_hamlet)
    for person in (first, second):
        note_self_update(person=person, how=SelfUpdate.How.CORRECTION)
    note_self_update(person=first, how=SelfUpdate.How.LEARNING)  # once a year
    kept = dict(RollupCount.objects.filter(indicator=CODE).values_list("place_id", "numerator"))
    rebuild()
    rebuilt = dict(RollupCount.objects.filter(indicator=CODE).values_list("place_id", "numerator"))
    assert kept == rebuilt
    assert rebuilt[world.province.pk] == 2 and rebuilt[world.hamlet.pk] == 1

    first.delete()
    assert _counted(world.province.pk, year) == 1 and _counted(world.hamlet.pk, year) == 0
