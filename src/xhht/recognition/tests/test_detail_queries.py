"""The assessment page reads every step rule it needs in one query: its query count is fixed and
does not grow with the number of step rules (issue 14: it ran 21 queries, 9 of them rule lookups)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from xhht.accounts.access import Capability
from xhht.places.models import Level
from xhht.recognition.models import Step, StepRule
from xhht.recognition.tests.factories import family_assessment
from xhht.testing.world import World

#: 11, and one for the members' learning of the year beside the items that ask about learning
#: (issue 15: centres.record_evidence, at most two whatever the number of members); the user's
#: roles and scopes are one query since issue 19 (were two).
PAGE_QUERIES = 12


def _open(client: Client, pk: int) -> None:
    response = client.get(reverse("recognition:detail", args=[pk]))
    assert response.status_code == 200


def test_the_assessment_page_runs_a_fixed_number_of_queries(
    client: Client, world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    assessment = family_assessment(world, state="self_assessed")
    client.force_login(world.hamlet_head)
    _open(client, assessment.pk)  # warm the caches a first visit fills
    with django_assert_num_queries(PAGE_QUERIES) as captured:
        _open(client, assessment.pk)
    rule_reads = [q for q in captured.captured_queries if "recognition_steprule" in q["sql"]]
    assert len(rule_reads) == 1


def test_more_step_rules_do_not_add_queries(
    client: Client, world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    assessment = family_assessment(world, state="self_assessed")
    client.force_login(world.hamlet_head)
    for place in (None, world.province, world.commune, world.hamlet):
        for step in Step:
            StepRule.objects.create(
                title=assessment.title,
                step=step,
                place=place,
                capability=Capability.REVIEW,
                level=Level.HAMLET,
            )
    _open(client, assessment.pk)
    with django_assert_num_queries(PAGE_QUERIES):
        _open(client, assessment.pk)
