"""Việc cần làm: a nomination for commendation waits on the home page of whoever takes its next
step: returned → the hamlet head who proposed it (not the council); submitted → the commune's
council (not the hamlet head); agreed by the council → the commune officer who decides; nobody
elsewhere."""

from __future__ import annotations

from typing import Any

from django.test import Client

from xhht.commendation import actions
from xhht.commendation.tests import factories
from xhht.site.work import work_for
from xhht.testing.world import World


def _lists(user: Any) -> dict[str, Any]:
    return {w.key: w for w in work_for(user)}


def test_each_nomination_waits_on_the_home_page_of_its_next_step(world: World) -> None:
    submitted = factories.submitted(world)
    name = submitted.subject_name()
    assert "nominations_council" not in _lists(world.hamlet_head)
    council = _lists(world.commune_officer)["nominations_council"]
    assert council.count == 1 and council.entries[0].text == name
    assert council.entries[0].url.endswith(f"/nominations/{submitted.pk}/")
    assert "nominations_council" not in _lists(world.other_officer)

    actions.return_nomination(actor=world.commune_officer, nomination=submitted, reason="Bổ sung.")
    assert "nominations_council" not in _lists(world.commune_officer)
    returned = _lists(world.hamlet_head)["nominations_returned"]
    assert returned.count == 1 and returned.more_url.endswith("?state=returned")
    assert "nominations_returned" not in _lists(world.other_officer)
    assert "nominations_returned" not in _lists(world.commune_officer)  # who returned it

    actions.submit(actor=world.hamlet_head, nomination=submitted)
    actions.agree(actor=world.commune_officer, nomination=submitted, votes_for=5, votes_against=0)
    assert _lists(world.commune_officer)["nominations_decide"].count == 1
    assert "nominations_decide" not in _lists(world.hamlet_head)
    page = Client()
    page.force_login(world.commune_officer)
    text = page.get("/").content.decode()
    assert 'data-testid="todo-nominations_decide"' in text and name in text
