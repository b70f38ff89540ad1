"""The learning-centre and skills indicators, kept current in the saving transaction.

Seven indicators of the catalogue are counted from the records of this app (live counts,
``LIVE_YEAR``, frozen at a year's end like the registry's):

- ``clc_networked``: active TTHTCĐ with computers connected to the network / active TTHTCĐ;
- ``clc_it``: active TTHTCĐ using IT in management / active TTHTCĐ;
- ``clc_active``: current communes with an active TTHTCĐ / current communes;
- ``clc_pilot_per_district``: current districts with at least one active TTHTCĐ that is a pilot
  for IT (``pilot_it``) / current districts;
- ``info_literacy``: people of working age (15–60 by birth year) who completed a class of the
  topics "digital skills" or "information literacy" / people of working age;
- ``life_skills``: the same for "life skills";
- ``literacy_learners``: the same for "literacy" or "post-literacy" (xóa mù chữ, giáo dục tiếp
  tục sau khi biết chữ; no official target is attached).

Some counts are per record (a centre), others per group (a person is counted once however many
classes they completed; a commune or a district once however many centres it has). Each change
names the groups it touches (``groups_of``); their contributions are read from the database
before the change (``pre_save``, ``pre_delete``) and after it (``post_save``, ``post_delete``)
and the difference goes to ``indicators.rollups.apply_delta``. A cascade (deleting a person
deletes their participations) shares one memo per deletion (the signal's ``origin``), so a
person is never taken away twice. ``rebuild_counts`` recounts everything set-based for
``xhht rebuild_rollups`` (registered when the app is ready).

Not followed: ``QuerySet.update`` and ``bulk_create`` (importers call ``rebuild`` of the
province), a topic whose code is changed, and a commune moved to another district (the
district's pilot count waits for a rebuild).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import Count, Model, Q
from django.db.models.signals import post_delete, post_init, post_save, pre_delete, pre_save
from django.utils import timezone

from xhht.centres.models import Centre, LearningClass, Participation, Topic
from xhht.indicators.models import LIVE_YEAR
from xhht.indicators.rebuild import CountRow
from xhht.indicators.rollups import apply_delta, place_path
from xhht.places.models import Level, Place
from xhht.registry.models import Person

Contribution = tuple[str, int, int, int]  # (indicator, place id, numerator, denominator)
Group = tuple[str, int]  # ("person" | "centre" | "place", primary key)

#: "Trong độ tuổi từ 15 đến 60": the ages NĐ 20/2014/NĐ-CP, Điều 21 counts for literacy and the
#: plans' "người trong độ tuổi lao động" (../shared/design/INDICATORS.md: people 15–60).
WORKING_AGE = (15, 60)
#: The skills indicators and the national topics whose completed classes count towards them.
SKILL_TOPICS: dict[str, frozenset[str]] = {
    "info_literacy": frozenset({Topic.DIGITAL_SKILLS, Topic.INFO_LITERACY}),
    "life_skills": frozenset({Topic.LIFE_SKILLS}),
    "literacy_learners": frozenset({Topic.LITERACY, Topic.POST_LITERACY}),
}
ALL_SKILL_TOPICS = frozenset().union(*SKILL_TOPICS.values())
CODES = (
    "clc_networked",
    "clc_it",
    "clc_active",
    "clc_pilot_per_district",
    *SKILL_TOPICS,
)
PERSON, CENTRE, PLACE = "person", "centre", "place"


def working_age_birth_years(year: int | None = None) -> tuple[int, int]:
    """(earliest, latest) birth year of people of working age in ``year`` (this year)."""
    year = year or timezone.localdate().year
    return year - WORKING_AGE[1], year - WORKING_AGE[0]


def _community_centres() -> Any:
    return Centre.objects.filter(kind=Centre.Kind.TTHTCD, status=Centre.Status.ACTIVE)


# Contributions of groups, read from the database ------------------------------------------------


def contributions(groups: Iterable[Group]) -> dict[Group, list[Contribution]]:
    """What each group contributes now: at most five queries whatever the number of groups."""
    wanted = set(groups)
    result: dict[Group, list[Contribution]] = {group: [] for group in wanted}
    ids: dict[str, list[int]] = defaultdict(list)
    for kind, pk in wanted:
        ids[kind].append(pk)
    if ids[PERSON]:
        result.update(((PERSON, pk), items) for pk, items in _people(ids[PERSON]).items())
    if ids[CENTRE]:
        result.update(((CENTRE, pk), items) for pk, items in _centres(ids[CENTRE]).items())
    if ids[PLACE]:
        result.update(((PLACE, pk), items) for pk, items in _places(ids[PLACE]).items())
    return result


def _people(ids: list[int]) -> dict[int, list[Contribution]]:
    earliest, latest = working_age_birth_years()
    people = dict(
        Person.objects.filter(
            pk__in=ids, place__isnull=False, birth_year__gte=earliest, birth_year__lte=latest
        ).values_list("pk", "place_id")
    )
    learned: dict[int, set[str]] = defaultdict(set)
    completed = Participation.objects.filter(
        person_id__in=list(people),
        completed=True,
        learning_class__topic__code__in=ALL_SKILL_TOPICS,
    ).values_list("person_id", "learning_class__topic__code")
    for person_id, topic in completed.order_by().distinct():
        learned[person_id].add(topic)
    return {
        pk: [
            (code, place_id, int(bool(learned[pk] & topics)), 1)
            for code, topics in SKILL_TOPICS.items()
        ]
        for pk, place_id in people.items()
    }


def _centre_items(place_id: int, networked: bool, it_management: bool) -> list[Contribution]:
    return [
        ("clc_networked", place_id, int(networked), 1),
        ("clc_it", place_id, int(it_management), 1),
    ]


def _centres(ids: list[int]) -> dict[int, list[Contribution]]:
    rows = _community_centres().filter(pk__in=ids)
    return {
        pk: _centre_items(place_id, computers > 0 and internet, it_management)
        for pk, place_id, computers, internet, it_management in rows.values_list(
            "pk", "place_id", "computers", "internet", "it_management"
        )
    }


def _places(ids: list[int]) -> dict[int, list[Contribution]]:
    places = list(
        Place.objects.current()
        .filter(pk__in=ids, level__in=[Level.COMMUNE, Level.DISTRICT])
        .values_list("pk", "level", "path")
    )
    communes = [pk for pk, level, _path in places if level == Level.COMMUNE]
    districts = [(pk, path) for pk, level, path in places if level == Level.DISTRICT]
    active = set(
        _community_centres().filter(place_id__in=communes).values_list("place_id", flat=True)
    )
    pilots: set[int] = set()
    if districts:
        under = Q()
        for _pk, path in districts:
            under |= Q(place__path__startswith=path)
        paths = (
            _community_centres().filter(under, pilot_it=True).values_list("place__path", flat=True)
        )
        pilots = {pk for pk, path in districts if any(p.startswith(path) for p in paths)}
    result = {pk: [("clc_active", pk, int(pk in active), 1)] for pk in communes}
    result.update(
        {pk: [("clc_pilot_per_district", pk, int(pk in pilots), 1)] for pk, _path in districts}
    )
    return result


# The groups a change touches ---------------------------------------------------------------------

#: Per tracked model: the fields that matter (remembered as loaded) and the groups of a state.
Fields = tuple[Any, ...]


def _place_groups(place_id: int | None) -> set[Group]:
    """The place and every place above it (a commune's and a district's counts)."""
    if place_id is None:
        return set()
    path = Place.objects.filter(pk=place_id).values_list("path", flat=True).first() or ""
    return {(PLACE, pk) for pk in Place.ids_in_path(path)} or {(PLACE, place_id)}


def _person_groups(pk: int | None, fields: Fields) -> set[Group]:
    return {(PERSON, pk)} if pk is not None else set()


def _participation_groups(pk: int | None, fields: Fields) -> set[Group]:
    return {(PERSON, fields[0])} if fields[0] is not None else set()


def _class_groups(pk: int | None, fields: Fields) -> set[Group]:
    if pk is None:
        return set()
    people = Participation.objects.filter(learning_class_id=pk, completed=True)
    return {(PERSON, person_id) for person_id in people.values_list("person_id", flat=True)}


def _centre_groups(pk: int | None, fields: Fields) -> set[Group]:
    own = {(CENTRE, pk)} if pk is not None else set()
    return own | _place_groups(fields[0])


def _place_own_groups(pk: int | None, fields: Fields) -> set[Group]:
    return {(PLACE, pk)} if pk is not None else set()


TRACKED: dict[type[Model], tuple[tuple[str, ...], Callable[[int | None, Fields], set[Group]]]] = {
    Person: (("place_id", "birth_year"), _person_groups),
    Participation: (("person_id", "learning_class_id", "completed"), _participation_groups),
    LearningClass: (("topic_id",), _class_groups),
    Centre: (
        ("place_id", "kind", "status", "computers", "internet", "it_management", "pilot_it"),
        _centre_groups,
    ),
    Place: (("level", "valid_to"), _place_own_groups),
}
FIELDS = "_xhht_centres_fields"
BEFORE = "_xhht_centres_before"


def _fields(instance: Model) -> Fields:
    names, _groups = TRACKED[type(instance)]
    return tuple(getattr(instance, name) for name in names)


# Applying a difference ---------------------------------------------------------------------------


def _apply(
    before: dict[Group, list[Contribution]],
    after: dict[Group, list[Contribution]],
    paths: dict[int, str] | None = None,
) -> None:
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
    known = dict(paths or {})
    missing = {place_id for _code, place_id in changes if place_id not in known}
    known.update(Place.objects.filter(pk__in=missing).values_list("pk", "path"))
    for (code, place_id), (numerator, denominator) in changes.items():
        apply_delta(
            indicator=code,
            ids=Place.ids_in_path(known[place_id]),
            year=LIVE_YEAR,
            numerator=numerator,
            denominator=denominator,
        )


# Signal receivers ---------------------------------------------------------------------------------


def remember(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    names, _groups = TRACKED[sender]
    if instance.pk is not None and not (set(names) & instance.get_deferred_fields()):
        setattr(instance, FIELDS, _fields(instance))


def _stored_fields(sender: type[Model], instance: Model) -> Fields | None:
    if instance._state.adding or instance.pk is None:
        return None
    remembered: Fields | None = getattr(instance, FIELDS, None)
    if remembered is not None:
        return remembered
    names, _groups = TRACKED[sender]
    stored = sender._default_manager.filter(pk=instance.pk).values_list(*names).first()
    return tuple(stored) if stored is not None else None


def before_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    setattr(instance, BEFORE, None)
    if raw:
        return
    old, new = _stored_fields(sender, instance), _fields(instance)
    if old == new or (old is None and sender is Participation and not new[2]):
        return  # nothing counted changed (a new participant has completed nothing yet)
    if sender is Participation and (old is None or old[1] == new[1]) and not _skill_class(new[1]):
        return  # completing a class of another topic counts towards none of these
    _names, groups_of = TRACKED[sender]
    groups = groups_of(instance.pk, new) | (groups_of(instance.pk, old) if old else set())
    setattr(instance, BEFORE, (groups, contributions(groups)))


def _skill_class(class_id: int) -> bool:
    classes = LearningClass.objects.filter(pk=class_id, topic__code__in=ALL_SKILL_TOPICS)
    return classes.exists()


def saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    setattr(instance, FIELDS, _fields(instance))
    if raw or pending is None:
        return
    groups, before = pending
    _names, groups_of = TRACKED[sender]
    groups = groups | groups_of(instance.pk, _fields(instance))  # a new record's own group
    paths = {instance.pk: place_path(instance)} if isinstance(instance, Place) else None
    if isinstance(instance, Place) and kwargs.get("created"):
        # A new place: no centre under it yet, and its path is written after this signal.
        after = {(PLACE, instance.pk): _new_place(instance)}
    else:
        after = contributions(groups)
    _apply(before, after, paths)


def _new_place(place: Place) -> list[Contribution]:
    if place.valid_to is not None:
        return []
    codes: dict[str, str] = {Level.COMMUNE: "clc_active", Level.DISTRICT: "clc_pilot_per_district"}
    code = codes.get(place.level)
    return [(code, place.pk, 0, 1)] if code else []


#: One memo per deletion (the signal's ``origin``, held so its id is not reused): the groups'
#: contributions as last applied, and how many deleted records have not yet been applied.
_deletions: dict[int, tuple[object, dict[Group, list[Contribution]], list[int]]] = {}


def before_delete(
    sender: type[Model], instance: Model, origin: object = None, **kwargs: Any
) -> None:
    _names, groups_of = TRACKED[sender]
    groups = groups_of(instance.pk, _fields(instance))
    _origin, memo, pending = _deletions.setdefault(id(origin), (origin, {}, [0]))
    unseen = groups - set(memo)
    memo.update(contributions(unseen))
    pending[0] += 1
    setattr(instance, BEFORE, groups)


def deleted(sender: type[Model], instance: Model, origin: object = None, **kwargs: Any) -> None:
    entry = _deletions.get(id(origin))
    if entry is None:
        return
    _origin, memo, pending = entry
    groups: set[Group] = getattr(instance, BEFORE, set())
    before = {group: memo[group] for group in groups}
    after = contributions(groups)
    # A deleted place's own kept rows are gone with it (CASCADE): only the places above change.
    paths = {instance.pk: instance.parent_path} if isinstance(instance, Place) else None
    _apply(before, after, paths)
    memo.update(after)
    pending[0] -= 1
    if pending[0] <= 0:
        del _deletions[id(origin)]


def connect() -> None:
    """Follow the tracked models (called from ``CentresConfig.ready``)."""
    for model in TRACKED:
        uid = f"xhht-centres-counters-{model.__name__}"
        post_init.connect(remember, sender=model, dispatch_uid=uid)
        pre_save.connect(before_save, sender=model, dispatch_uid=uid)
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(before_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)


# The rebuild --------------------------------------------------------------------------------------


def rebuild_counts(province: Place | None) -> Iterator[CountRow]:
    """Every count of this app under ``province`` (everything when None), set-based, for
    ``xhht rebuild_rollups`` (registered with ``indicators.rebuild.register_counter``)."""

    def scope(field: str) -> Q:
        return Q(**{f"{field}__startswith": province.path}) if province is not None else Q()

    centres = _community_centres().filter(scope("place__path"))
    for row in (
        centres.order_by()
        .values("place_id", "it_management")
        .annotate(n=Count("*"), networked=Count("pk", filter=Q(computers__gt=0, internet=True)))
    ):
        yield "clc_networked", LIVE_YEAR, row["place_id"], row["networked"], row["n"]
        yield "clc_it", LIVE_YEAR, row["place_id"], row["n"] * row["it_management"], row["n"]
    places = Place.objects.current().filter(scope("path"))
    active = set(centres.values_list("place_id", flat=True))
    for pk in places.filter(level=Level.COMMUNE).values_list("pk", flat=True):
        yield "clc_active", LIVE_YEAR, pk, int(pk in active), 1
    pilot_paths = list(centres.filter(pilot_it=True).values_list("place__path", flat=True))
    for pk, path in places.filter(level=Level.DISTRICT).values_list("pk", "path"):
        has = any(p.startswith(path) for p in pilot_paths)
        yield "clc_pilot_per_district", LIVE_YEAR, pk, int(has), 1
    earliest, latest = working_age_birth_years()
    people = Person.objects.filter(
        scope("place__path"), place__isnull=False, birth_year__gte=earliest, birth_year__lte=latest
    )
    for row in people.order_by().values("place_id").annotate(n=Count("*")):
        for code in SKILL_TOPICS:
            yield code, LIVE_YEAR, row["place_id"], 0, row["n"]
    # The same people as above, filtered on the joined person (not "person IN (subquery)": on
    # PostgreSQL with fresh, unanalysed tables that semi-join was planned as nested loops and
    # ran for minutes).
    completed = Participation.objects.filter(
        scope("person__place__path"),
        completed=True,
        learning_class__topic__code__in=ALL_SKILL_TOPICS,
        person__place__isnull=False,
        person__birth_year__gte=earliest,
        person__birth_year__lte=latest,
    ).values_list("person_id", "person__place_id", "learning_class__topic__code")
    learned: dict[tuple[int, int], set[str]] = defaultdict(set)
    for person_id, place_id, topic in completed.order_by().distinct():
        learned[(person_id, place_id)].add(topic)
    for (_person_id, place_id), topics in learned.items():
        for code, counted in SKILL_TOPICS.items():
            if topics & counted:
                yield code, LIVE_YEAR, place_id, 1, 0
