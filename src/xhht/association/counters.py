"""The association's indicators, kept current in the saving transaction (issue 18, item 1).

Two indicators of the catalogue are counted from this app's records (live counts, ``LIVE_YEAR``,
frozen at a year's end like every live count):

- ``association_members``: members of the Hội Khuyến học, at their branch's place (so the
  commune, the province and the nation add them up). An active branch counts its current members
  (no leaving date); a branch that keeps only totals (``Branch.keeps_totals``) counts the members
  of its latest entered year instead (``MembershipFigure``), never both;
- ``association_branches``: active branches (no dissolution date), at their place.

As ``resources.counters``: each change names the group it touches (a branch); its contribution is
read before and after the change and the difference goes to ``indicators.rollups.apply_delta``.
Saves and deletions of branches, members and entered figures are followed by signals;
``rebuild_counts`` recounts everything set-based for ``xhht rebuild_rollups`` (registered when the
app is ready).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count, IntegerField, Model, OuterRef, Q, Subquery
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from xhht.association.models import Branch, Member, MembershipFigure
from xhht.indicators.models import LIVE_YEAR
from xhht.indicators.rebuild import CountRow
from xhht.indicators.rollups import apply_delta
from xhht.places.models import Place

MEMBERS = "association_members"
BRANCHES = "association_branches"
CODES = (MEMBERS, BRANCHES)

Contribution = tuple[str, int, int]  # (indicator, place id, numerator)


def _latest_entered() -> Subquery:
    figures = MembershipFigure.objects.filter(branch_id=OuterRef("pk")).order_by("-year")
    return Subquery(figures.values("members")[:1], output_field=IntegerField())


def _counted(branches: Any) -> Any:
    """Active branches with what each counts: current members, or its latest entered total."""
    return branches.filter(dissolved_on__isnull=True).annotate(
        current=Count("members", filter=Q(members__left_on__isnull=True)),
        entered=_latest_entered(),
    )


def _members_of(row: dict[str, Any]) -> int:
    return int(row["entered"] or 0) if row["keeps_totals"] else int(row["current"])


def contributions(branch_ids: Iterable[int]) -> dict[int, list[Contribution]]:
    """What each branch contributes now: one query whatever the number of branches."""
    wanted = set(branch_ids)
    result: dict[int, list[Contribution]] = {pk: [] for pk in wanted}
    if not wanted:
        return result
    rows = _counted(Branch.objects.filter(pk__in=wanted)).values(
        "pk", "place_id", "keeps_totals", "current", "entered"
    )
    for row in rows:
        result[row["pk"]] = [
            (BRANCHES, row["place_id"], 1),
            (MEMBERS, row["place_id"], _members_of(row)),
        ]
    return result


def _apply(before: dict[int, list[Contribution]], after: dict[int, list[Contribution]]) -> None:
    totals: Counter[tuple[str, int]] = Counter()
    for sign, side in ((-1, before), (1, after)):
        for items in side.values():
            for code, place_id, numerator in items:
                totals[(code, place_id)] += sign * numerator
    changes = {key: value for key, value in totals.items() if value}
    if not changes:
        return
    paths = dict(
        Place.objects.filter(pk__in={pk for _code, pk in changes}).values_list("pk", "path")
    )
    for (code, place_id), numerator in changes.items():
        apply_delta(
            indicator=code,
            ids=Place.ids_in_path(paths[place_id]),
            year=LIVE_YEAR,
            numerator=numerator,
        )


# Signals: saves and deletions of branches, members and entered figures -----------------------

BEFORE = "_xhht_association_counted"


def _stored_branch(sender: type[Model], instance: Any) -> int | None:
    if instance.pk is None:
        return None
    if sender is Branch:
        return int(instance.pk)
    stored = sender._default_manager.filter(pk=instance.pk).values_list("branch_id", flat=True)
    return next(iter(stored), None)


def _own_groups(sender: type[Model], instance: Any) -> set[int]:
    """The branches a save or deletion touches: the stored one and the new one (a move)."""
    groups = {_stored_branch(sender, instance)}
    groups.add(instance.pk if sender is Branch else instance.branch_id)
    return {pk for pk in groups if pk is not None}


def before_save(sender: type[Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        setattr(instance, BEFORE, None)
        return
    groups = _own_groups(sender, instance)
    setattr(instance, BEFORE, (groups, contributions(groups)))


def saved(sender: type[Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    if raw or pending is None:
        return
    groups, before = pending
    groups = groups | _own_groups(sender, instance)
    _apply(before, contributions(groups))


def _cascaded(sender: type[Model], instance: Any, origin: object) -> bool:
    """An entered figure deleted with its branch: the branch's own deletion counts it."""
    return sender is not Branch and isinstance(origin, Branch)


def before_delete(sender: type[Model], instance: Any, origin: object = None, **kwargs: Any) -> None:
    if _cascaded(sender, instance, origin):
        setattr(instance, BEFORE, None)
        return
    groups = _own_groups(sender, instance)
    setattr(instance, BEFORE, (groups, contributions(groups)))


def deleted(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    pending = getattr(instance, BEFORE, None)
    setattr(instance, BEFORE, None)
    if pending is None:
        return
    groups, before = pending
    _apply(before, contributions(groups))


def connect() -> None:
    """Follow branches, members and entered figures (called from ``AssociationConfig.ready``)."""
    for model in (Branch, Member, MembershipFigure):
        uid = f"xhht-association-counters-{model.__name__}"
        pre_save.connect(before_save, sender=model, dispatch_uid=uid)
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(before_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)


# The rebuild -----------------------------------------------------------------------------------


def rebuild_counts(province: Place | None) -> Iterator[CountRow]:
    """Every count of this app under ``province`` (everything when None), set-based, for
    ``xhht rebuild_rollups`` (registered with ``indicators.rebuild.register_counter``)."""
    scope = Q(place__path__startswith=province.path) if province is not None else Q()
    branches: dict[int, int] = defaultdict(int)
    members: dict[int, int] = defaultdict(int)
    rows = _counted(Branch.objects.filter(scope)).values(
        "place_id", "keeps_totals", "current", "entered"
    )
    for row in rows:
        branches[row["place_id"]] += 1
        members[row["place_id"]] += _members_of(row)
    for place_id, n in branches.items():
        yield BRANCHES, LIVE_YEAR, place_id, n, 0
    for place_id, n in members.items():
        if n:
            yield MEMBERS, LIVE_YEAR, place_id, n, 0
