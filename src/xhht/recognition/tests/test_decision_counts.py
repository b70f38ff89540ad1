"""A decision of many subjects keeps the counts a rebuild finds, and the audit entries of each.

``recognise`` changes the kept rows once for the whole decision (``count_recognitions``:
summed per row, locked in a fixed order, one UPDATE) instead of once per subject; these tests
check that the result is the rebuild's and the per-subject path's, with and without rows that
exist beforehand. The PostgreSQL test with two concurrent decisions is in
``test_decision_concurrency``.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xhht.audit.models import AuditEntry
from xhht.criteria.models import CriteriaSet, Title
from xhht.indicators.models import RollupCount
from xhht.indicators.rebuild import rebuild
from xhht.indicators.rollups import apply_deltas
from xhht.places.models import Level, Place
from xhht.recognition import actions
from xhht.recognition.models import Assessment, Certificate, State, Step
from xhht.recognition.rollups import count_recognition, count_recognitions
from xhht.recognition.signing import verify
from xhht.recognition.tests.factories import (
    FAMILY_SET,
    FULL_MARKS,
    YEAR,
    decision_data,
    family_assessment,
    make_household,
    make_person,
    make_set,
)
from xhht.registry.models import Person
from xhht.testing.world import World

Counts = dict[tuple[str, int | None, int], tuple[int, int]]


def kept_counts() -> Counts:
    """Every kept row that holds something (a rebuild leaves no zero rows)."""
    return {
        (r.indicator, r.place_id, r.year): (r.numerator, r.denominator)
        for r in RollupCount.objects.all()
        if r.numerator or r.denominator
    }


def proposed_batch(world: World, hamlets: list[Place], per_hamlet: int, tag: str) -> list[int]:
    """Proposed family assessments, ``per_hamlet`` in each hamlet, through the real actions."""
    criteria_set = CriteriaSet.objects.filter(code=FAMILY_SET["code"]).first() or make_set(world)
    ids = []
    for h, hamlet in enumerate(hamlets):
        for n in range(per_hamlet):
            household = make_household(hamlet, code=f"{tag}-{h}-{n}")
            assessment = actions.register(
                actor=world.commune_officer, title=Title.FAMILY, subject=household, year=YEAR,
                criteria_set=criteria_set,
            )  # fmt: skip
            actions.submit_self_assessment(
                actor=world.commune_officer, assessment=assessment, answers=FULL_MARKS
            )
            actions.review(actor=world.commune_officer, assessment=assessment, marks=FULL_MARKS)
            actions.propose(actor=world.commune_officer, assessment=assessment)
            ids.append(assessment.pk)
    return ids


def decide(world: World, ids: list[int], number: str) -> None:
    chosen = list(
        Assessment.objects.filter(pk__in=ids).select_related("place", "criteria_set", "household")
    )
    actions.recognise(actor=world.commune_officer, assessments=chosen, data=decision_data(number))


def test_a_decision_of_many_keeps_the_rebuilds_counts_and_one_audit_entry_each(
    world: World,
) -> None:
    second = Place.objects.create(
        level=Level.HAMLET, code="31135-002", name="Khu vực 2", kind="khu vực", parent=world.commune
    )
    family_assessment(world, state="recognised", code="EARLIER")  # rows exist for world.hamlet
    ids = proposed_batch(world, [world.hamlet, second], 3, "HO")  # none yet for the second
    decide(world, ids, "20")

    kept = kept_counts()
    assert kept[("family", world.hamlet.pk, YEAR)] == (4, 0)  # 1 earlier + 3 (households: year 0)
    assert kept[("family", second.pk, YEAR)][0] == 3
    assert kept[("family", world.commune.pk, YEAR)][0] == 7
    assert kept[("family", None, YEAR)][0] == 7
    rebuild()
    assert kept_counts() == kept

    entries = AuditEntry.objects.filter(step="recognise", object_id__in=[str(pk) for pk in ids])
    assert sorted(int(e.object_id) for e in entries) == sorted(ids)
    for entry in entries:
        assert entry.actor == world.commune_officer
        assert entry.before == {"state": State.PROPOSED}
        assert entry.after == {"state": State.RECOGNISED, "decision": "20/QĐ-UBND"}
        assert entry.place_id in (world.hamlet.pk, second.pk)


def test_the_batched_counts_equal_the_per_subject_counts(world: World) -> None:
    second = Place.objects.create(
        level=Level.HAMLET, code="31135-002", name="Khu vực 2", kind="khu vực", parent=world.commune
    )
    ids = proposed_batch(world, [world.hamlet, second], 3, "HO")
    chosen = list(Assessment.objects.filter(pk__in=ids).select_related("place"))
    before = kept_counts()
    count_recognitions(chosen, +1)
    batched = kept_counts()
    count_recognitions(chosen, -1)
    assert kept_counts() == before
    for assessment in chosen:
        count_recognition(assessment, +1)
    assert kept_counts() == batched
    assert batched[("family", world.province.pk, YEAR)][0] - before.get(
        ("family", world.province.pk, YEAR), (0, 0)
    )[0] == len(ids)


@pytest.mark.django_db
def test_apply_deltas_creates_missing_rows_and_skips_zero_changes() -> None:
    province = Place.objects.create(level=Level.PROVINCE, code="92", name="Cần Thơ", kind="tp")
    commune = Place.objects.create(
        level=Level.COMMUNE, code="31135", name="Ninh Kiều", kind="phường", parent=province
    )
    RollupCount.objects.create(indicator="family", place=province, year=YEAR, numerator=5)
    apply_deltas(
        {
            ("family", province.pk, YEAR): (2, 1),
            ("family", commune.pk, YEAR): (2, 0),
            ("family", None, YEAR): (-1, 3),
            ("clan", commune.pk, YEAR): (0, 0),
        }
    )
    kept = {key: pair for key, pair in kept_counts().items() if key[2] == YEAR}  # not year 0's
    assert kept == {
        ("family", province.pk, YEAR): (7, 1),
        ("family", commune.pk, YEAR): (2, 0),
        ("family", None, YEAR): (-1, 3),
    }
    assert not RollupCount.objects.filter(indicator="clan").exists()


def test_the_certificates_name_households_as_holder_label_does(world: World) -> None:
    """The decision reads the heads' sexes in one query; the names are ``holder_label``'s."""
    ids = proposed_batch(world, [world.hamlet], 3, "HO")
    chosen = list(Assessment.objects.filter(pk__in=ids).order_by("pk").select_related("household"))
    for assessment, sex in zip(chosen[:2], ("M", "F"), strict=True):
        head = make_person(world.hamlet, "Bùi Hồng Hiền", household=assessment.household)
        Person.objects.filter(pk=head.pk).update(relation=Person.Relation.HEAD, sex=sex)
    expected = {a.pk: a.holder_label() for a in chosen}
    assert {label.split()[1] for label in expected.values()} == {"ông", "bà", "Nguyễn"}
    decide(world, ids, "21")
    certificates = Certificate.objects.filter(assessment_id__in=ids)
    assert {c.assessment_id: c.payload["holder"] for c in certificates} == expected
    for certificate in certificates:
        assert verify(certificate.payload, certificate.signature)


def test_a_decision_runs_a_fixed_number_of_queries_whatever_its_subjects(
    world: World,
) -> None:
    """Before: per subject a step rule and ancestors read, the holder's head read, and 4 kept
    rows updated (SAVEPOINT, UPDATE, RELEASE), and an audit entry inserted; now the audit
    entries go in one insert, one entry per subject."""
    second = Place.objects.create(
        level=Level.HAMLET, code="31135-002", name="Khu vực 2", kind="khu vực", parent=world.commune
    )
    ids = proposed_batch(world, [world.hamlet, second], 6, "HO")
    family_assessment(world, state="recognised", code="EARLIER")  # the kept rows exist
    with CaptureQueriesContext(connection) as queries:
        decide(world, ids, "22")
    statements = [q["sql"] for q in queries.captured_queries]
    audit = [s for s in statements if s.startswith('INSERT INTO "audit_auditentry"')]
    kept = [s for s in statements if "indicators_rollupcount" in s]
    assert len(audit) == 2  # the subjects' entries, and the decision's own (an audited model)
    entries = AuditEntry.objects.filter(step=Step.RECOGNISE, object_id__in=[str(i) for i in ids])
    assert entries.count() == len(ids)
    assert len(kept) == 4  # rows locked; the second hamlet's inserted and locked; one UPDATE
    assert len(statements) - len(audit) <= 20, statements
