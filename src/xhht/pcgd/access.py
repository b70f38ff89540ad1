"""The one way views fetch PCGD–XMC records: only if the user may act on them, else the same 404
as for a missing one.

Who may do what (``accounts.access.ROLE_CAPABILITIES``): ``VIEW`` reads the records and results
of the places in scope; ``MANAGE_PCGD`` (commune officers and the province coordinator, over
their subtree; the hamlet head over their hamlet) enters schooling and literacy, departures, ĐBKK
status and conditions; held at a commune, it also imports the schools' lists and submits the
commune's file (``communes_for(user, MANAGE_PCGD)``; a hamlet head has none); ``RECOGNISE_PCGD`` (the province coordinator) checks and recognises the files,
enters the province's thresholds and province rules.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from xhht.accounts.access import Capability, visible_places
from xhht.accounts.models import User
from xhht.pcgd.models import (
    CohortFigure,
    ConditionCheck,
    Departure,
    Dossier,
    HardshipCommune,
    LiteracyRecord,
    ProvinceRule,
    SchoolingRecord,
    StandardResult,
)
from xhht.places.models import Level, Place, PlaceQuerySet


def get_schooling_for_user(
    user: User, pk: int, capability: str = Capability.VIEW
) -> SchoolingRecord:
    records = SchoolingRecord.objects.visible_to(user, capability).select_related(
        "person__place", "person__household", "school"
    )
    return get_object_or_404(records, pk=pk)


def get_literacy_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> LiteracyRecord:
    records = LiteracyRecord.objects.visible_to(user, capability).select_related(
        "person__place", "learning_class"
    )
    return get_object_or_404(records, pk=pk)


def get_departure_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Departure:
    departures = Departure.objects.visible_to(user, capability).select_related("person__place")
    return get_object_or_404(departures, pk=pk)


def get_condition_for_user(
    user: User, pk: int, capability: str = Capability.VIEW
) -> ConditionCheck:
    checks = ConditionCheck.objects.visible_to(user, capability).select_related("commune")
    return get_object_or_404(checks, pk=pk)


def get_hardship_for_user(
    user: User, pk: int, capability: str = Capability.VIEW
) -> HardshipCommune:
    rows = HardshipCommune.objects.visible_to(user, capability).select_related("commune")
    return get_object_or_404(rows, pk=pk)


def get_province_rule_for_user(
    user: User, pk: int, capability: str = Capability.RECOGNISE_PCGD
) -> ProvinceRule:
    rules = ProvinceRule.objects.visible_to(user, capability).select_related("province")
    return get_object_or_404(rules, pk=pk)


def get_dossier_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Dossier:
    dossiers = Dossier.objects.visible_to(user, capability).select_related("commune")
    return get_object_or_404(dossiers, pk=pk)


def get_result_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> StandardResult:
    results = StandardResult.objects.visible_to(user, capability).select_related("commune")
    return get_object_or_404(results, pk=pk)


def get_figure_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> CohortFigure:
    figures = CohortFigure.objects.visible_to(user, capability).select_related("commune")
    return get_object_or_404(figures, pk=pk)


def get_commune_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Place:
    """A current commune in the user's scope (the PCGD pages are per commune)."""
    communes = visible_places(user, capability).current().filter(level=Level.COMMUNE)
    return get_object_or_404(communes, pk=pk)


def get_province_for_user(user: User, pk: int, capability: str = Capability.VIEW) -> Place:
    provinces = visible_places(user, capability).current().filter(level=Level.PROVINCE)
    return get_object_or_404(provinces, pk=pk)


def communes_for(user: User, capability: str = Capability.VIEW) -> PlaceQuerySet:
    """Current communes where ``user`` holds ``capability``, tree order."""
    return visible_places(user, capability).current().filter(level=Level.COMMUNE).order_by("path")
