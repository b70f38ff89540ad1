"""On a phone: the centre's officer opens the year's self-evaluation from the centre's page,
marks the items, sees the scores, and sends it to the commune."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from xhht.centres.models import CentreEvaluation
from xhht.centres.tests import factories
from xhht.centres.tests.test_evaluation import completed_set
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_centre_officer_evaluates_the_centre_on_a_phone(
    world: World, live_server: Any, new_page: Any
) -> None:
    centre = factories.centre(world)
    completed_set(world)
    factories.centre_officer(world)
    year = timezone.localdate().year
    phone = new_page(width=360, height=740)
    log_in(phone, live_server.url, "centre_officer", PASSWORD)
    phone.goto(f"{live_server.url}/centres/{centre.pk}/")
    phone.get_by_test_id("evaluation-link").click()
    phone.get_by_test_id("evaluation-start").click()
    phone.wait_for_selector('[data-testid="evaluation-form"]')
    phone.locator('input[name="points_1.1"]').fill("9")
    phone.locator('input[name="points_1.2"]').fill("7,5")
    phone.locator('select[name="met_2.1"]').select_option("1")
    phone.get_by_test_id("evaluation-save").click()
    phone.wait_for_selector("text=Đã lưu điểm tự đánh giá.")
    assert phone.get_by_test_id("evaluation-total").inner_text().startswith("16,5")
    assert "Đạt" in phone.get_by_test_id("evaluation-passed").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_test_id("evaluation-submit").click()
    phone.wait_for_selector("text=Đã gửi bản tự đánh giá cho xã xác nhận.")
    evaluation = CentreEvaluation.objects.get(centre=centre, year=year)
    assert evaluation.state == CentreEvaluation.State.SUBMITTED
    assert phone.locator('input[name="points_1.1"]').count() == 0  # no longer editable
