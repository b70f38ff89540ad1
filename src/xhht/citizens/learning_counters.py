"""The Hà Nội plan's digital-skills indicators, kept current in the saving transaction.

Among the citizens recognised "Công dân học tập" this year (a recognised assessment of the title
``citizen`` and of the current year, counted at the assessment's place):

- ``citizen_digital``: those with digital skills this year: they declared at least one of the
  three skills (``DigitalSkills``), completed a class of the national topic "Kỹ năng số", or have
  a confirmed self-declared line of that topic (``learning.digital_learning``), or updated their
  record themselves (below: the second indicator is "trong đó", part of the first);
- ``citizen_digital_self``: those who updated their record themselves on the platform this year
  (``citizens.SelfUpdate``: a correction accepted, or learning declared).

Both have the denominator "recognised this year" and are live counts (``LIVE_YEAR``, frozen at
the year's end, like the registry's and centres'); the year moving on needs
``xhht rebuild_rollups``, as the adults' birth-year cut-off does.

Recognitions change by a conditional UPDATE (no model signal): recognition calls
``follow_recognition`` (registered with ``recognition.rollups.register_recognition_follower``)
with +1/−1 inside the step's transaction. The other sources are followed with model signals:
each change names the people it touches, their contributions are read before and after it and
the difference goes to ``indicators.rollups.apply_delta``; a cascade shares one memo per deletion
(the signal's ``origin``) as ``centres.counters`` does. A person with an assessment cannot be
deleted (``PROTECT``), so a counted person never disappears under the counts.

Not followed: ``QuerySet.update`` and ``bulk_create`` (importers rebuild the province).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Model, Q
from django.db.models.signals import post_delete, post_init, post_save, pre_delete, pre_save
from django.utils import timezone

from xhht.centres.models import LearningEntry, Participation
from xhht.citizens.learning import digital_learning
from xhht.citizens.learning_models import DigitalSkills
from xhht.citizens.models import SelfUpdate
from xhht.citizens.selfupdates import note_self_update
from xhht.criteria.models import Title
from xhht.indicators.models import LIVE_YEAR
from xhht.indicators.rebuild import CountRow
from xhht.indicators.rollups import apply_delta
from xhht.places.models import Place
from xhht.recognition.models import Assessment, State

DIGITAL, SELF = "citizen_digital", "citizen_digital_self"
CODES = (DIGITAL, SELF)
Contribution = tuple[str, int, int, int]  # (indicator, place id, numerator, denominator)


def _year() -> int:
    return timezone.localdate().year


def _recognised(year: int) -> Any:
    return Assessment.objects.filter(
        title=Title.CITIZEN, state=State.RECOGNISED, year=year, person__isnull=False
    )


def _standing(ids: Any, year: int) -> tuple[set[int], set[int]]:
    """(the people with digital skills, those who updated their record themselves) in ``year``,
    among ``ids`` (a list of people, or a query of their ids)."""
    declared = DigitalSkills.objects.filter(person_id__in=ids, year=year).filter(
        Q(self_update=True) | Q(online_learning=True) | Q(online_services=True)
    )
    learned = LearningEntry.objects.filter(digital_learning(), person_id__in=ids, year=year)
    skilled = set(declared.values_list("person_id", flat=True))
    skilled |= set(learned.values_list("person_id", flat=True))
    updated = set(
        SelfUpdate.objects.filter(person_id__in=ids, year=year).values_list("person_id", flat=True)
    )
    return skilled | updated, updated  # updating one's record on the platform is a digital skill


def _items(place_id: int, skilled: bool, updated: bool) -> list[Contribution]:
    return [(DIGITAL, place_id, int(skilled), 1), (SELF, place_id, int(updated), 1)]


def contributions(person_ids: Iterable[int]) -> dict[int, list[Contribution]]:
    """What each person contributes now: one query, four when some are recognised this year."""
    wanted = set(person_ids)
    result: dict[int, list[Contribution]] = {pk: [] for pk in wanted}
    year = _year()
    places = dict(
        _recognised(year)
        .filter(person_id__in=wanted)
        .order_by("pk")
        .values_list("person_id", "place_id")
    )
    if places:
        skilled, updated = _standing(list(places), year)
        for pk, place_id in places.items():
            result[pk] = _items(place_id, pk in skilled, pk in updated)
    return result


def _apply(before: dict[int, list[Contribution]], after: dict[int, list[Contribution]]) -> None:
    totals: Counter[tuple[str, int, int]] = Counter()
    for sign, side in ((-1, before), (1, after)):
        for items in side.values():
            for code, place_id, numerator, denominator in items:
                totals[(code, place_id, 0)] += sign * numerator
                totals[(code, place_id, 1)] += sign * denominator
    changes: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for (code, place_id, part), value in totals.items():
        if value:
            changes[(code, place_id)][part] += value
    if not changes:
        return
    paths = dict(Place.objects.filter(pk__in={p for _c, p in changes}).values_list("pk", "path"))
    for (code, place_id), (numerator, denominator) in changes.items():
        apply_delta(
            indicator=code,
            ids=Place.ids_in_path(paths[place_id]),
            year=LIVE_YEAR,
            numerator=numerator,
            denominator=denominator,
        )


# Recognitions ------------------------------------------------------------------------------------


def follow_recognition(assessment: Assessment, delta: int) -> None:
    """A citizen's assessment of this year recognised (+1) or revoked (−1): its row has already
    changed, so the other side is the person's standing with or without it."""
    if assessment.title != Title.CITIZEN or assessment.person_id is None:
        return
    if assessment.year != _year():
        return
    person_id = assessment.person_id
    skilled, updated = _standing([person_id], assessment.year)
    counted = {person_id: _items(assessment.place_id, person_id in skilled, person_id in updated)}
    if delta > 0:
        _apply({}, counted)
    else:
        _apply(counted, {})


# Model signals -----------------------------------------------------------------------------------

#: Per followed model: the fields that matter, and whether a change of them may count.
FOLLOWED: dict[type[Model], tuple[str, ...]] = {
    DigitalSkills: ("person_id", "year", "self_update", "online_learning", "online_services"),
    SelfUpdate: ("person_id", "year"),
    LearningEntry: ("person_id", "year", "topic_id", "confirmed_at"),
    Participation: ("person_id", "completed"),
}
FIELDS = "_xhht_citizens_fields"
BEFORE = "_xhht_citizens_before"


def _fields(instance: Model) -> tuple[Any, ...]:
    return tuple(getattr(instance, name) for name in FOLLOWED[type(instance)])


def _matters(sender: type[Model], old: tuple[Any, ...] | None, new: tuple[Any, ...]) -> bool:
    """Whether a save may change a count: cheap tests first, so a class's many line and
    participant saves cost no query here."""
    if old == new:
        return False
    if sender is LearningEntry and old is None:
        return new[3] is not None  # a new line counts only confirmed (class lines: completion)
    if sender is Participation:
        return bool(new[1]) if old is None else old[1] != new[1]
    return True


def remember(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    names = FOLLOWED[sender]
    if instance.pk is not None and not (set(names) & instance.get_deferred_fields()):
        setattr(instance, FIELDS, _fields(instance))


def _people(old: tuple[Any, ...] | None, new: tuple[Any, ...]) -> set[int]:
    return {fields[0] for fields in (old, new) if fields is not None and fields[0] is not None}


def before_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    setattr(instance, BEFORE, None)
    if raw:
        return
    old: tuple[Any, ...] | None = None
    if not instance._state.adding and instance.pk is not None:
        old = getattr(instance, FIELDS, None)
        if old is None:
            stored = sender._default_manager.filter(pk=instance.pk)
            row = stored.values_list(*FOLLOWED[sender]).first()
            old = tuple(row) if row is not None else None
    new = _fields(instance)
    if not _matters(sender, old, new):
        return
    people = _people(old, new)
    setattr(instance, BEFORE, (people, contributions(people)))


def saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    setattr(instance, FIELDS, _fields(instance))
    if raw or pending is None:
        return
    people, before = pending
    _apply(before, contributions(people))


#: One memo per deletion (the signal's ``origin``, held so its id is not reused): the people's
#: contributions as last applied, and how many deleted records are not applied yet.
_deletions: dict[int, tuple[object, dict[int, list[Contribution]], list[int]]] = {}


def before_delete(
    sender: type[Model], instance: Model, origin: object = None, **kwargs: Any
) -> None:
    people = _people(None, _fields(instance))
    _origin, memo, pending = _deletions.setdefault(id(origin), (origin, {}, [0]))
    memo.update(contributions(people - set(memo)))
    pending[0] += 1
    setattr(instance, BEFORE, people)


def deleted(sender: type[Model], instance: Model, origin: object = None, **kwargs: Any) -> None:
    entry = _deletions.get(id(origin))
    if entry is None:
        return
    _origin, memo, pending = entry
    people: set[int] = getattr(instance, BEFORE, set())
    after = contributions(people)
    _apply({pk: memo[pk] for pk in people}, after)
    memo.update(after)
    pending[0] -= 1
    if pending[0] <= 0:
        del _deletions[id(origin)]


def note_declared_learning(
    sender: type[Model],
    instance: LearningEntry,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """A line the citizen declared (on this app's page or centres' own form: only the citizen
    may declare one, ``centres.record.declare_learning``) is an update of their own record on
    the platform: C1's ``note_self_update`` keeps one per person and year."""
    if created and not raw and instance.self_declared:
        note_self_update(
            person=instance.person, how=SelfUpdate.How.LEARNING, at=instance.created_at
        )


def connect() -> None:
    """Follow the models (called from ``CitizensConfig.ready``); a declared line's self-update
    is noted after the line's own count (connected last), so neither is counted twice."""
    for model in FOLLOWED:
        uid = f"xhht-citizens-learning-{model.__name__}"
        post_init.connect(remember, sender=model, dispatch_uid=uid)
        pre_save.connect(before_save, sender=model, dispatch_uid=uid)
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(before_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)
    post_save.connect(
        note_declared_learning, sender=LearningEntry, dispatch_uid="xhht-citizens-declared"
    )


# The rebuild -------------------------------------------------------------------------------------


def rebuild_counts(province: Place | None) -> Iterator[CountRow]:
    """Both counts under ``province`` (everything when None), set-based, for
    ``xhht rebuild_rollups`` (registered with ``indicators.rebuild.register_counter``)."""
    year = _year()
    recognised = _recognised(year)
    if province is not None:
        recognised = recognised.filter(place__path__startswith=province.path)
    places = dict(recognised.order_by("pk").values_list("person_id", "place_id"))
    skilled, updated = _standing(recognised.values("person_id"), year)
    for pk, place_id in places.items():
        for code, place, numerator, denominator in _items(place_id, pk in skilled, pk in updated):
            yield code, LIVE_YEAR, place, numerator, denominator
