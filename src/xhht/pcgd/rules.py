"""Which rule set applies to a commune in a school year.

A province's own version of a standard (``Standard.province``, made by
``rules_actions.fill_thresholds``) wins over the national one; among versions, the highest whose
``since_year`` is not after the school year. Reading is one query with the rules prefetched,
whatever the number of provinces.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q

from xhht.pcgd.models import Standard, StandardRule

#: The order standards are evaluated in: a standard's requirements come before it (PCGD THCS
#: mức 1 needs PCGD tiểu học mức 1 and XMC mức 1).
EVALUATION_ORDER = (
    "pcgd_mn",
    "pcgd_th_1",
    "pcgd_th_2",
    "pcgd_th_3",
    "xmc_1",
    "xmc_2",
    "pcgd_thcs_1",
    "pcgd_thcs_2",
    "pcgd_thcs_3",
)

StandardsByProvince = dict[int | None, dict[str, Standard]]


def standards_for(province_ids: Iterable[int | None], school_year: int) -> StandardsByProvince:
    """For each province (None: the national sets), the standard that applies per code."""
    wanted = {pk for pk in province_ids if pk is not None}
    rows = (
        Standard.objects.filter(Q(province__isnull=True) | Q(province_id__in=wanted))
        .filter(since_year__lte=school_year)
        .prefetch_related(Prefetch("rules", queryset=StandardRule.objects.order_by("order", "pk")))
        .order_by("code", "version")
    )
    national: dict[str, Standard] = {}
    own: dict[int, dict[str, Standard]] = {pk: {} for pk in wanted}
    for standard in rows:  # ascending versions: the last one seen is the highest
        if standard.province_id is None:
            national[standard.code] = standard
        else:
            own[standard.province_id][standard.code] = standard
    result: StandardsByProvince = {None: national}
    for pk in wanted:
        result[pk] = {**national, **own[pk]}
    return result
