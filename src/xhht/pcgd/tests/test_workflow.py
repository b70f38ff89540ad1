"""The commune's file through the province (P3): submitted with its figures frozen → checked →
recognised, or returned with reasons; refused when the engine says the level is not reached,
when the wrong person acts, or when someone acted first."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.pcgd import recognition, reports, rules_actions
from xhht.pcgd.models import Dossier
from xhht.pcgd.tests.pages_world import YEAR, ShortCommune, graduate, short_commune
from xhht.testing.world import World

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 20)


def _submitted(world: World, made: ShortCommune) -> Dossier:
    graduate(made.last)
    return recognition.submit_dossier(
        actor=world.commune_officer, commune=world.commune, school_year=YEAR, codes=["pcgd_thcs_2"]
    )


def _steps(dossier: Dossier) -> list[str]:
    entries = AuditEntry.objects.filter(
        content_type__model="dossier", object_id=str(dossier.pk), action=AuditEntry.Action.STEP
    ).order_by("pk")
    return [entry.step for entry in entries]


def test_submission_is_refused_while_the_engine_says_the_level_is_not_reached(
    world: World,
) -> None:
    short_commune(world)
    with pytest.raises(StepRefused) as refused:
        recognition.submit_dossier(
            actor=world.commune_officer,
            commune=world.commune,
            school_year=YEAR,
            codes=["pcgd_thcs_2"],
        )
    assert any("Thiếu 1 em 15–18 tuổi" in problem for problem in refused.value.problems)
    assert not Dossier.objects.filter(state=Dossier.State.SUBMITTED).exists()


def test_submitted_checked_recognised_with_the_figures_frozen_and_every_step_audited(
    world: World,
) -> None:
    made = short_commune(world)
    dossier = _submitted(world, made)
    assert (
        dossier.state == Dossier.State.SUBMITTED and dossier.submitted_by == world.commune_officer
    )
    frozen = next(s for s in reports.thaw(dossier.snapshot) if s.code == "pcgd_thcs_2")
    assert (frozen.lines[0].numerator, frozen.lines[0].denominator) == (9, 10)
    dossier = recognition.check_dossier(
        actor=world.coordinator, dossier=dossier, expected_version=dossier.version, note="Đủ"
    )
    dossier = recognition.recognise_dossier(
        actor=world.coordinator,
        dossier=dossier,
        expected_version=dossier.version,
        decision_number="15/QĐ-UBND",
        decision_date=DAY,
    )
    assert dossier.state == Dossier.State.RECOGNISED and dossier.decision_date == DAY
    assert _steps(dossier) == [
        "submit_pcgd_dossier",
        "check_pcgd_dossier",
        "recognise_pcgd_dossier",
    ]
    figures = reports.commune_figures(world.commune, YEAR)
    thcs = next(f for f in figures.families() if f.family == "pcgd_thcs")
    assert thcs.recognised_level == 2


def test_a_returned_file_carries_its_reason_and_is_submitted_again(world: World) -> None:
    made = short_commune(world)
    dossier = _submitted(world, made)
    with pytest.raises(StepRefused):
        recognition.return_dossier(
            actor=world.coordinator, dossier=dossier, expected_version=dossier.version, reason=" "
        )
    dossier = recognition.return_dossier(
        actor=world.coordinator,
        dossier=dossier,
        expected_version=dossier.version,
        reason="Thiếu danh sách học sinh tốt nghiệp THCS",
    )
    assert dossier.state == Dossier.State.RETURNED
    assert dossier.message == "Thiếu danh sách học sinh tốt nghiệp THCS"
    again = recognition.submit_dossier(
        actor=world.commune_officer,
        commune=world.commune,
        school_year=YEAR,
        codes=["pcgd_thcs_2"],
        expected_version=dossier.version,
    )
    assert again.pk == dossier.pk and again.state == Dossier.State.SUBMITTED
    assert again.message == ""


def test_the_commune_cannot_check_or_recognise_its_own_file(world: World) -> None:
    made = short_commune(world)
    dossier = _submitted(world, made)
    for step in (recognition.check_dossier, recognition.return_dossier):
        with pytest.raises(StepRefused):
            step(
                actor=world.commune_officer,
                dossier=dossier,
                expected_version=dossier.version,
                **({"reason": "x"} if step is recognition.return_dossier else {}),
            )
    with pytest.raises(StepRefused):
        recognition.recognise_dossier(
            actor=world.coordinator,  # not checked yet
            dossier=dossier,
            expected_version=dossier.version,
            decision_number="1/QĐ",
            decision_date=DAY,
        )
    assert Dossier.objects.get(pk=dossier.pk).state == Dossier.State.SUBMITTED


def test_whoever_comes_second_is_told_the_file_changed(world: World) -> None:
    made = short_commune(world)
    dossier = _submitted(world, made)
    seen = dossier.version
    recognition.check_dossier(actor=world.coordinator, dossier=dossier, expected_version=seen)
    stale = Dossier.objects.get(pk=dossier.pk)
    with pytest.raises(ChangedMeanwhile):
        recognition.return_dossier(
            actor=world.admin, dossier=stale, expected_version=seen, reason="Sai số liệu"
        )
    assert Dossier.objects.get(pk=dossier.pk).state == Dossier.State.CHECKED


def test_the_pages_take_the_file_from_submission_to_decision(world: World) -> None:
    made = short_commune(world)
    graduate(made.last)
    officer, coordinator = Client(), Client()
    officer.force_login(world.commune_officer)
    coordinator.force_login(world.coordinator)
    submit = reverse("pcgd:dossier_submit", args=[world.commune.pk]) + f"?year={YEAR}"
    response = officer.post(submit, {"codes": ["pcgd_thcs_2"], "version": 0})
    dossier = Dossier.objects.get(commune=world.commune, school_year=YEAR)
    assert response["Location"] == reverse("pcgd:dossier", args=[dossier.pk])
    page: Any = coordinator.get(reverse("pcgd:dossier", args=[dossier.pk])).content.decode()
    assert 'data-testid="check-form"' in page and "9/10" in page
    coordinator.post(reverse("pcgd:dossier_check", args=[dossier.pk]), {"version": 1})
    coordinator.post(
        reverse("pcgd:dossier_recognise", args=[dossier.pk]),
        {"version": 2, "decision_number": "15/QĐ-UBND", "decision_date": "2026-11-20"},
    )
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RECOGNISED
    decision = officer.get(reverse("pcgd:dossier_docx", args=[dossier.pk, "quyet-dinh"]))
    assert decision.status_code == 200 and decision.content[:2] == b"PK"
    commune_page = officer.get(
        reverse("pcgd:commune", args=[world.commune.pk]) + f"?year={YEAR}"
    ).content.decode()
    assert "Đã được công nhận mức độ 2" in commune_page


def test_the_province_reaches_a_standard_by_decisions_once_enough_communes_are_recognised(
    world: World,
) -> None:
    made = short_commune(world)
    rules_actions.set_province_rule(
        user=world.coordinator,
        province=world.province,
        code="pcgd_thcs_2",
        share=Decimal("50"),
        basis="Quy định của tỉnh (thử)",
    )

    def line() -> reports.ProvinceLine:
        communes = reports.province_communes(world.province)
        rows = reports.province_rows(world.province, YEAR, communes)
        lines = reports.province_lines(world.province, YEAR, rows)
        return next(item for item in lines if item.code == "pcgd_thcs_2")

    assert (line().communes, line().recognised_communes, line().recognised_reached) == (2, 0, False)
    dossier = _submitted(world, made)
    assert line().reached is True  # one of two communes reaches it by the figures
    assert line().recognised_reached is False  # but none is recognised yet
    dossier = recognition.check_dossier(
        actor=world.coordinator, dossier=dossier, expected_version=dossier.version
    )
    recognition.recognise_dossier(
        actor=world.coordinator,
        dossier=dossier,
        expected_version=dossier.version,
        decision_number="15/QĐ-UBND",
        decision_date=DAY,
    )
    assert (line().recognised_communes, line().recognised_reached) == (1, True)


def test_a_commune_without_a_survey_reaches_nothing_and_cannot_submit(world: World) -> None:
    figures = reports.commune_figures(world.commune, YEAR)
    assert not figures.has_data
    assert not any(s.reached for s in figures.standards)
    assert all(f.level == 0 for f in figures.families())
    with pytest.raises(StepRefused) as refused:
        recognition.submit_dossier(
            actor=world.commune_officer, commune=world.commune, school_year=YEAR, codes=["xmc_1"]
        )
    assert any("Chưa có phiếu điều tra" in problem for problem in refused.value.problems)
