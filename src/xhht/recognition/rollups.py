"""Keeping the indicators' counts in step with recognitions (ARCHITECTURE principle 4)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from django.db.models import Count, Q

from xhht.indicators.rebuild import CountRow
from xhht.indicators.rollups import TITLE_INDICATOR, Key, adjust, apply_deltas, place_path
from xhht.places.models import Place
from xhht.recognition.models import Assessment, State

#: Counters of the apps above that follow recognitions (citizens' digital-skills indicators):
#: each is called with the assessment and +1/−1 inside the step's transaction.
_followers: list[Callable[[Assessment, int], None]] = []


def register_recognition_follower(follower: Callable[[Assessment, int], None]) -> None:
    """Call ``follower`` on every recognition (+1) and revocation (−1) from now on."""
    if follower not in _followers:
        _followers.append(follower)


def count_recognition(assessment: Assessment, delta: int) -> None:
    """+1 when recognised, −1 when revoked; call inside the step's transaction."""
    adjust(
        indicator=TITLE_INDICATOR[assessment.title],
        place=assessment.place,
        year=assessment.year,
        numerator=delta,
    )
    for follower in _followers:
        follower(assessment, delta)


def count_recognitions(assessments: Sequence[Assessment], delta: int) -> None:
    """``count_recognition`` of each, with the kept rows changed once for them all.

    A decision of 50 households in one commune changes each of its hamlets', the commune's, the
    province's and the nation's row by the sum of its subjects (``apply_deltas``: locked in a
    fixed order, one UPDATE) instead of 4 UPDATEs per subject; the followers are still called
    once per assessment, in the order given. Call inside the step's transaction.
    """
    sums: Counter[Key] = Counter()
    for assessment in assessments:
        code = TITLE_INDICATOR[assessment.title]
        for pk in (*Place.ids_in_path(place_path(assessment.place)), None):
            sums[(code, pk, assessment.year)] += delta
    apply_deltas({key: (n, 0) for key, n in sums.items()})
    for assessment in assessments:
        for follower in _followers:
            follower(assessment, delta)


def recognised_counts(province: Place | None) -> Iterator[CountRow]:
    """Recognised assessments per title, year and place, for ``xhht rebuild_rollups``
    (registered with ``indicators.rebuild.register_counter`` when the app is ready)."""
    scope = Q(place__path__startswith=province.path) if province is not None else Q()
    rows = Assessment.objects.filter(scope, state=State.RECOGNISED).values(
        "title", "year", "place_id"
    )
    for row in rows.annotate(n=Count("id")):
        code = TITLE_INDICATOR.get(row["title"], row["title"])
        yield code, row["year"], row["place_id"], row["n"], 0
