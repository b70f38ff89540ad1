"""Editing a criteria set in forms: one typed action per change, the way a province completes
its variant (derived from a national template with ``actions.derive_variant``).

Every action takes keyword arguments only, checks that the user may manage the set's criteria,
changes a copy of the stored definition, re-reads the whole set with ``parse_definition`` (a
``DefinitionError`` lists every problem in Vietnamese and nothing is saved), and saves through
``actions.revise_set``: in place while no assessment used the set, otherwise as a new version
(later edits then go to that version). It runs in one transaction and leaves an audit step.

Each returns the row that now holds the definition. ``complete`` (and so whether the set can
recognise anyone) follows from the values: the set is usable the moment nothing is missing.
Criteria, items, groups and bands are named by their code (or a band by its name), not by
position, so two people editing at once never change the wrong row.

The actions live by what they change: ``basis`` (name, legal basis, rules, points,
illustrative), ``groups`` (subject groups and grade bands), ``structure`` (criteria and items);
``_base`` holds what they share.
"""

from xhht.criteria.edits._base import Direction
from xhht.criteria.edits.basis import set_illustrative, set_points, set_rules, update_basis
from xhht.criteria.edits.groups import (
    add_band,
    add_group,
    remove_band,
    remove_group,
    update_band,
    update_group,
)
from xhht.criteria.edits.structure import (
    add_criterion,
    add_item,
    move_criterion,
    move_item,
    remove_criterion,
    remove_item,
    update_criterion,
    update_item,
)

__all__ = [
    "Direction",
    "add_band",
    "add_criterion",
    "add_group",
    "add_item",
    "move_criterion",
    "move_item",
    "remove_band",
    "remove_criterion",
    "remove_group",
    "remove_item",
    "set_illustrative",
    "set_points",
    "set_rules",
    "update_band",
    "update_basis",
    "update_criterion",
    "update_group",
    "update_item",
]
