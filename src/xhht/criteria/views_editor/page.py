"""The editor page: the set with what is still missing and a form for everything.

A form that came back with a problem is shown as typed (``bound``/``bound_form``); every other
form is built fresh from the set's definition.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.forms import BoundField, Form

from xhht.criteria.definition import CriterionDef, ItemDef
from xhht.criteria.editor_forms import (
    BandForm,
    BasisForm,
    CriterionForm,
    GroupForm,
    ItemForm,
    PointsForm,
    RulesForm,
)
from xhht.criteria.models import CriteriaSet

#: Which form came back with a problem: (kind, target), e.g. ("item", "1a"), ("item-add", "NL1").
Bound = tuple[str, str]


@dataclass
class ItemRow:
    item: ItemDef
    form: ItemForm
    first: bool
    last: bool
    open: bool = False


@dataclass
class CriterionRow:
    criterion: CriterionDef
    form: CriterionForm
    items: list[ItemRow]
    add_item: ItemForm
    points: list[BoundField]
    max_points: Decimal | None
    first: bool
    last: bool
    open: bool = False


@dataclass
class EditorPage:
    criteria_set: CriteriaSet
    bound: Bound | None = None
    bound_form: Form | None = None
    problems: list[str] = field(default_factory=list)
    #: The criterion or item just changed: its part of the page is shown open.
    opened: str = ""

    def _focus(self) -> set[str]:
        """The codes whose part of the page is shown open: the one just changed or refused."""
        return {code for code in (self.opened, self.bound[1] if self.bound else "") if code}

    def form(self, kind: str, target: str, build: Callable[[], Form]) -> Any:
        if self.bound == (kind, target) and self.bound_form is not None:
            return self.bound_form
        return build()

    def context(self) -> dict[str, Any]:
        s = self.criteria_set
        d = s.definition()
        groups = [(g.code, g.name) for g in d.groups]
        points = self.form("points", "", lambda: PointsForm(definition=d))
        rows = []
        for ci, c in enumerate(d.criteria):
            items = [
                ItemRow(
                    item=i,
                    form=self.form(
                        "item",
                        i.code,
                        lambda i=i: ItemForm(  # type: ignore[misc]  # bound per loop step
                            initial=ItemForm.initial_for(i),
                            groups=groups,
                            auto_id=f"id_item_{i.code}_%s",
                        ),
                    ),
                    first=ii == 0,
                    last=ii == len(c.items) - 1,
                    open=i.code == self.opened,
                )
                for ii, i in enumerate(c.items)
            ]
            criterion_initial = {
                "code": c.code,
                "name": c.name,
                "max_points": c.max_points,
                "min_points": c.min_points,
                "items_incomplete": c.items_incomplete,
            }
            rows.append(
                CriterionRow(
                    criterion=c,
                    form=self.form(
                        "criterion",
                        c.code,
                        lambda c=c, ini=criterion_initial: CriterionForm(  # type: ignore[misc]  # bound per loop step
                            initial=ini, auto_id=f"id_criterion_{c.code}_%s"
                        ),
                    ),
                    items=items,
                    add_item=self.form(
                        "item-add",
                        c.code,
                        lambda c=c: ItemForm(  # type: ignore[misc]  # bound per loop step
                            groups=groups, auto_id=f"id_new_item_{c.code}_%s"
                        ),
                    ),
                    points=[points[f"points-{i.code}"] for i in c.items if i.kind == "points"],
                    max_points=(
                        c.max_points if any(i.applies_to for i in c.items) else c.max_for(None)
                    ),
                    first=ci == 0,
                    last=ci == len(d.criteria) - 1,
                    open=bool(self._focus() & {c.code, *(i.code for i in c.items)}),
                )
            )
        rules_initial = {
            "pass_mark": d.pass_mark,
            "min_item_points": d.min_item_points,
            "max_total": d.rules.max_total,
        }
        basis_initial = {
            "name": d.name,
            "legal_document": d.legal_document,
            "legal_issuer": d.legal_issuer,
            "legal_date": d.legal_date,
            "valid_from": d.valid_from,
            "valid_to": d.valid_to,
        }
        return {
            "set": s,
            "definition": d,
            "missing": s.missing_values(),
            "problems": self.problems,
            "rows": rows,
            "points_form": points,
            "has_points": bool(points.codes),
            "rules_form": self.form("rules", "", lambda: RulesForm(initial=rules_initial)),
            "basis_form": self.form("basis", "", lambda: BasisForm(initial=basis_initial)),
            "groups": [
                (
                    g,
                    self.form(
                        "group",
                        g.code,
                        lambda g=g: GroupForm(  # type: ignore[misc]  # bound per loop step
                            initial={"code": g.code, "name": g.name},
                            auto_id=f"id_group_{g.code}_%s",
                        ),
                    ),
                )
                for g in d.groups
            ],
            "add_group": self.form("group-add", "", lambda: GroupForm(auto_id="id_new_group_%s")),
            "bands": [
                (
                    b,
                    self.form(
                        "band",
                        b.name,
                        lambda b=b, n=n: BandForm(  # type: ignore[misc]  # bound per loop step
                            initial={"name": b.name, "min_total": b.min_total},
                            auto_id=f"id_band_{n}_%s",
                        ),
                    ),
                )
                for n, b in enumerate(d.bands)
            ],
            "add_band": self.form("band-add", "", lambda: BandForm(auto_id="id_new_band_%s")),
            "add_criterion": self.form(
                "criterion-add", "", lambda: CriterionForm(auto_id="id_new_criterion_%s")
            ),
            "used_versions": s.is_used,
        }
