"""A centre's yearly self-evaluation: the shipped template (no invented items), the message while
the province has no usable centre set, a set completed through the criteria editor's actions,
scoring by ``criteria.scoring``, the steps (start, marks, submit, confirm, return) and who may
take them, and recognition never offering the "centre" kind of set as a title."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from xhht.audit.models import AuditEntry
from xhht.centres import evaluation as steps
from xhht.centres.models import Centre, CentreEvaluation
from xhht.centres.tests import factories
from xhht.core.workflow import StepRefused
from xhht.criteria import edits
from xhht.criteria.actions import derive_variant
from xhht.criteria.models import RECOGNITION_TITLES, CriteriaSet, Title
from xhht.recognition import subjects
from xhht.recognition.forms import RegisterForm
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

pytestmark = pytest.mark.django_db

SHIPPED_CODE = "tthtcd-tu-danh-gia"
THIS_YEAR = timezone.localdate().year


def _template() -> CriteriaSet:
    return CriteriaSet.objects.get(code=SHIPPED_CODE, shipped=True)


def completed_set(world: World) -> CriteriaSet:
    """The province's centre set, completed in the test the way the editor does it."""
    variant = derive_variant(
        user=world.coordinator, criteria_set=_template(), province=world.province
    )
    variant = edits.add_criterion(
        user=world.coordinator, criteria_set=variant, code="1", name="Tổ chức hoạt động"
    )
    variant = edits.add_item(
        user=world.coordinator,
        criteria_set=variant,
        criterion_code="1",
        code="1.1",
        text="Có kế hoạch hoạt động năm",
        max_points=Decimal(10),
    )
    variant = edits.add_item(
        user=world.coordinator,
        criteria_set=variant,
        criterion_code="1",
        code="1.2",
        text="Tổ chức lớp học theo nhu cầu người dân",
        max_points=Decimal("7.5"),
    )
    variant = edits.add_criterion(
        user=world.coordinator, criteria_set=variant, code="2", name="Cơ sở vật chất"
    )
    variant = edits.add_item(
        user=world.coordinator,
        criteria_set=variant,
        criterion_code="2",
        code="2.1",
        text="Có máy tính kết nối Internet",
        kind="pass_fail",
    )
    variant = edits.set_rules(user=world.coordinator, criteria_set=variant, pass_mark=Decimal(12))
    assert variant.complete, variant.missing_values()
    return variant


def _centre(world: World) -> Centre:
    return world.once("centre", factories.centre)


def test_the_shipped_template_has_no_items_no_points_and_cannot_be_used() -> None:
    template = _template()
    assert template.title == Title.CENTRE
    assert template.status == CriteriaSet.Status.TEMPLATE and not template.complete
    definition = template.definition()
    assert definition.criteria == ()
    assert definition.pass_mark is None and definition.bands == ()
    assert not definition.legal_document  # no official national document is confirmed
    assert "Bộ tiêu chí chưa có tiêu chí nào." in template.missing_values()


def test_recognition_never_offers_the_centre_set(world: World) -> None:
    assert Title.CENTRE not in RECOGNITION_TITLES
    assert set(RECOGNITION_TITLES) == set(Title.values) - {Title.CENTRE}
    choices = dict(RegisterForm().fields["title"].choices)  # type: ignore[attr-defined]
    assert Title.CENTRE not in choices and Title.FAMILY in choices
    # The place look-ups must not treat "centre" as a place title (it used to find a commune).
    officer = world.commune_officer
    assert subjects.find_by_code(officer, Title.CENTRE, world.commune.code) is None
    assert subjects.find_by_pk(officer, Title.CENTRE, world.commune.pk) is None
    assert subjects.search(officer, Title.CENTRE, "Ninh Kiều") == []
    assert subjects.find_by_code(officer, Title.COMMUNE, world.commune.code) == world.commune


def test_without_a_usable_set_the_page_says_so_and_start_is_refused(
    world: World, client_for: ClientFor
) -> None:
    centre = _centre(world)
    officer = factories.centre_officer(world)
    client = client_for(officer)
    detail = client.get(reverse("centres:centre_detail", args=[centre.pk])).content.decode()
    url = reverse("centres:centre_evaluation", args=[centre.pk, THIS_YEAR])
    assert f'href="{url}"' in detail and f"Tự đánh giá năm {THIS_YEAR}" in detail
    page = client.get(url).content.decode()
    assert "Tỉnh chưa hoàn thiện bộ tiêu chí đánh giá trung tâm học tập cộng đồng" in page
    assert 'data-testid="evaluation-start"' not in page
    with pytest.raises(StepRefused, match="Tỉnh chưa hoàn thiện"):
        steps.start_evaluation(user=officer, centre=centre, year=THIS_YEAR)
    start = reverse("centres:centre_evaluation_start", args=[centre.pk, THIS_YEAR])
    response = client.post(start, follow=True)
    assert "Tỉnh chưa hoàn thiện" in response.content.decode()
    assert not CentreEvaluation.objects.exists()


def test_the_centre_marks_submits_and_the_commune_confirms(
    world: World, client_for: ClientFor
) -> None:
    centre = _centre(world)
    criteria_set = completed_set(world)
    officer = factories.centre_officer(world)
    client = client_for(officer)
    url = reverse("centres:centre_evaluation", args=[centre.pk, THIS_YEAR])
    assert 'data-testid="evaluation-start"' in client.get(url).content.decode()
    client.post(reverse("centres:centre_evaluation_start", args=[centre.pk, THIS_YEAR]))
    evaluation = CentreEvaluation.objects.get(centre=centre, year=THIS_YEAR)
    assert evaluation.criteria_set == criteria_set and evaluation.created_by == officer
    criteria_set.refresh_from_db()
    assert criteria_set.is_used  # frozen: a later change makes a new version
    marks_url = reverse("centres:evaluation_marks", args=[evaluation.pk])
    client.post(marks_url, {"points_1.1": "8", "points_1.2": "6,5", "met_2.1": "1"})
    evaluation.refresh_from_db()
    assert evaluation.marks["1.2"]["points"] == "6.5" and evaluation.marks["2.1"]["met"] is True
    assert evaluation.total == Decimal("14.5") and evaluation.passed
    page = client.get(url).content.decode()
    assert "tối đa 7,5" in page and "được 6,5 điểm" in page and "14,5" in page
    # Out of range: refused with the scoring's message, nothing changed.
    response = client.post(marks_url, {"points_1.1": "11", "met_2.1": "1"}, follow=True)
    assert "1.1" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.total == Decimal("14.5")
    # The centre officer cannot confirm (not MANAGE_CENTRES): the same 404 as a missing one.
    confirm = reverse("centres:evaluation_confirm", args=[evaluation.pk])
    assert client.post(confirm).status_code == 404
    client.post(marks_url, {"points_1.1": "8", "points_1.2": "6.5", "met_2.1": "1", "submit": "1"})
    evaluation.refresh_from_db()
    assert evaluation.state == CentreEvaluation.State.SUBMITTED
    assert evaluation.submitted_by == officer and evaluation.submitted_at is not None
    # Submitted: no more marks.
    with pytest.raises(StepRefused):
        steps.save_marks(user=officer, evaluation=evaluation, marks={})
    commune = client_for(world.commune_officer)
    assert 'data-testid="evaluation-confirm"' in commune.get(url).content.decode()
    commune.post(confirm)
    evaluation.refresh_from_db()
    assert evaluation.state == CentreEvaluation.State.CONFIRMED
    assert evaluation.confirmed_by == world.commune_officer
    trail = set(
        AuditEntry.objects.filter(step__startswith="centre_evaluation.").values_list(
            "step", flat=True
        )
    )
    assert trail == {
        "centre_evaluation.start",
        "centre_evaluation.marks",
        "centre_evaluation.submit",
        "centre_evaluation.confirm",
    }


def test_submit_needs_every_item_and_a_return_needs_a_reason(
    world: World, client_for: ClientFor
) -> None:
    centre = _centre(world)
    completed_set(world)
    officer = factories.centre_officer(world)
    evaluation = steps.start_evaluation(user=officer, centre=centre, year=THIS_YEAR)
    assert steps.start_evaluation(user=officer, centre=centre, year=THIS_YEAR) == evaluation
    evaluation = steps.save_marks(
        user=officer, evaluation=evaluation, marks={"1.1": {"points": "10"}}
    )
    assert evaluation.total == 10 and not evaluation.passed  # below the pass mark of 12
    with pytest.raises(StepRefused, match=r"1\.2, 2\.1"):
        steps.submit_evaluation(user=officer, evaluation=evaluation)
    evaluation = steps.save_marks(
        user=officer,
        evaluation=evaluation,
        marks={"1.1": {"points": "10"}, "1.2": {"points": "7.5"}, "2.1": {"met": "0"}},
    )
    assert evaluation.total == Decimal("17.5") and not evaluation.passed  # 2.1 not met
    evaluation = steps.submit_evaluation(user=officer, evaluation=evaluation)
    with pytest.raises(PermissionDenied):
        steps.confirm_evaluation(user=officer, evaluation=evaluation)
    with pytest.raises(StepRefused, match="lý do"):
        steps.return_evaluation(user=world.commune_officer, evaluation=evaluation, reason=" ")
    evaluation = steps.return_evaluation(
        user=world.commune_officer, evaluation=evaluation, reason="Thiếu minh chứng 2.1"
    )
    assert evaluation.state == CentreEvaluation.State.DRAFT and evaluation.submitted_at is None
    assert AuditEntry.objects.filter(
        step="centre_evaluation.return", reason="Thiếu minh chứng 2.1"
    ).exists()
    url = reverse("centres:centre_evaluation", args=[centre.pk, THIS_YEAR])
    page = client_for(officer).get(url).content.decode()
    assert "Xã đã trả lại bản tự đánh giá: Thiếu minh chứng 2.1" in page
    assert 'data-testid="evaluation-save"' in page  # a draft again: the centre can mark
    steps.submit_evaluation(user=officer, evaluation=evaluation)
    assert "Thiếu minh chứng" not in client_for(officer).get(url).content.decode()


def test_only_a_tthtcd_in_scope_and_a_sane_year(world: World, client_for: ClientFor) -> None:
    centre = _centre(world)
    completed_set(world)
    library = factories.centre(
        world, code="TV-1", kind=Centre.Kind.LIBRARY, name="Thư viện Ninh Kiều"
    )
    far = factories.centre(world, code="TT-FAR", place=world.far_commune, name="TTHTCĐ Hoàn Kiếm")
    client = client_for(world.commune_officer)
    assert (
        client.get(reverse("centres:centre_evaluation", args=[library.pk, THIS_YEAR])).status_code
        == 404
    )
    assert (
        client.get(reverse("centres:centre_evaluation", args=[far.pk, THIS_YEAR])).status_code
        == 404
    )
    assert (
        client.get(reverse("centres:centre_evaluation", args=[centre.pk, 1990])).status_code == 404
    )
    assert (
        client.post(
            reverse("centres:centre_evaluation_start", args=[far.pk, THIS_YEAR])
        ).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        steps.start_evaluation(user=world.commune_officer, centre=library, year=THIS_YEAR)
    with pytest.raises(StepRefused):
        steps.start_evaluation(user=world.commune_officer, centre=centre, year=THIS_YEAR + 1)
    evaluation = steps.start_evaluation(user=world.commune_officer, centre=centre, year=THIS_YEAR)
    outsider = client_for(world.outsider)
    for name in ("evaluation_marks", "evaluation_confirm", "evaluation_return"):
        assert outsider.post(reverse(f"centres:{name}", args=[evaluation.pk])).status_code == 404
    assert CentreEvaluation.objects.visible_to(world.outsider).count() == 0


def test_a_province_set_serves_only_its_own_province(world: World) -> None:
    centre = _centre(world)
    far = factories.centre(world, code="TT-FAR", place=world.far_commune, name="TTHTCĐ Hoàn Kiếm")
    assert steps.usable_set(centre, THIS_YEAR) is None  # the national template is not usable
    criteria_set = completed_set(world)
    assert steps.usable_set(centre, THIS_YEAR) == criteria_set
    assert steps.usable_set(far, THIS_YEAR) is None
