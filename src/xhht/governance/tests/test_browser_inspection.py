"""In a browser: an inspection with two recommendations to a commune; the commune's officer sees
both on the home page with the overdue one flagged, closes the other itself as carried out (with
its evidence), and the inspector, keeping control, opens it again with a reason."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from xhht.governance.models import Recommendation
from xhht.governance.tests import factories
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_commune_closes_one_itself_the_overdue_one_is_flagged_the_inspector_reopens(
    live_server: Any, new_page: Any
) -> None:
    world: World = build_world()
    today = datetime.date.today()
    late = factories.recommendation(world, deadline=today - datetime.timedelta(days=5))
    due = factories.recommendation(world, deadline=today + datetime.timedelta(days=20))
    due.text = "Tổ chức đánh giá Công dân học tập ở các khu vực"
    due.save()
    page = new_page(width=360, height=740)  # the commune's officer on a phone
    log_in(page, live_server.url, "commune_officer", PASSWORD)
    page.goto(f"{live_server.url}/")
    card = page.locator('[data-testid="todo-recommendations"]')
    assert due.text in card.inner_text() and late.text in card.inner_text()
    assert "1 quá hạn" in card.inner_text()
    assert card.locator(".badge.bad", has_text="quá hạn 5 ngày").count() == 1
    card.get_by_role("link", name=due.text).click()
    page.fill("textarea[name=note]", "Đã đánh giá ở 6/6 khu vực.")
    page.set_input_files(
        "input[name=evidence]",
        files=[{"name": "bien-ban.png", "mimeType": "image/png", "buffer": factories.png()}],
    )
    page.click('[data-testid="done"]')
    assert page.locator('[data-testid="state"]').inner_text() == "Đã hoàn thành"
    assert page.locator('[data-testid="done"]').count() == 0
    assert "Đã thực hiện xong" in page.locator('[data-testid="follow-ups"]').inner_text()
    page.goto(f"{live_server.url}/")
    card = page.locator('[data-testid="todo-recommendations"]')
    assert due.text not in card.inner_text() and late.text in card.inner_text()
    assert card.locator(".badge.bad", has_text="quá hạn 5 ngày").count() == 1
    page = new_page()
    log_in(page, live_server.url, "coordinator", PASSWORD)
    page.goto(live_server.url + reverse("governance:recommendation_detail", args=[due.pk]))
    assert page.locator('[data-testid="close"]').count() == 0
    page.fill('form[action$="/conclude/"] textarea[name=note]', "Thiếu biên bản khu vực 3.")
    page.click('[data-testid="reopen"]')
    assert page.locator('[data-testid="state"]').inner_text() == "Chưa thực hiện xong"
    page.goto(live_server.url + reverse("governance:inspection_detail", args=[late.inspection_id]))
    overdue = page.locator('[data-testid="recommendations"] [data-testid="overdue"]')
    assert overdue.count() == 1
    assert Recommendation.objects.get(pk=due.pk).state == Recommendation.State.OPEN
