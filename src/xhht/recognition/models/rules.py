"""Who may take each step of the workflow, per title and place: data, with defaults in code.

A rule says: to take ``step`` for a subject with ``title``, the actor must hold ``capability``
over the subject's ancestor of ``level`` (or over the subject's own place when it sits higher
than that level). A province or commune overrides the defaults by adding rows for its subtree;
the row of the deepest place above the subject wins, then the row for every place, then the
built-in default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability
from xhht.core.audited import AuditedModel
from xhht.criteria.models import RECOGNITION_TITLE_CHOICES, Title
from xhht.places.models import Level, Place

if TYPE_CHECKING:
    from xhht.recognition.models.assessment import Step


@dataclass(frozen=True)
class Requirement:
    capability: str
    level: str


C = Capability
#: The defaults: the hamlet registers, collects the self-assessment, reviews and proposes; the
#: commune recognises, refuses and revokes. A commune's own title goes to the province.
_HAMLET_PROPOSES = {
    "register": Requirement(C.ASSESS, Level.HAMLET),
    "self_assess": Requirement(C.ASSESS, Level.HAMLET),
    "return": Requirement(C.REVIEW, Level.HAMLET),
    "review": Requirement(C.REVIEW, Level.HAMLET),
    "propose": Requirement(C.REVIEW, Level.HAMLET),
    "recognise": Requirement(C.RECOGNISE, Level.COMMUNE),
    "refuse": Requirement(C.RECOGNISE, Level.COMMUNE),
    "withdraw": Requirement(C.ASSESS, Level.HAMLET),
    "revoke": Requirement(C.RECOGNISE, Level.COMMUNE),
}
_COMMUNE_PROPOSES = {
    **_HAMLET_PROPOSES,
    "return": Requirement(C.REVIEW, Level.COMMUNE),
    "review": Requirement(C.REVIEW, Level.COMMUNE),
    "propose": Requirement(C.REVIEW, Level.COMMUNE),
}
_PROVINCE_RECOGNISES = {
    "register": Requirement(C.REVIEW, Level.COMMUNE),
    "self_assess": Requirement(C.REVIEW, Level.COMMUNE),
    "return": Requirement(C.REVIEW, Level.PROVINCE),
    "review": Requirement(C.REVIEW, Level.PROVINCE),
    "propose": Requirement(C.REVIEW, Level.PROVINCE),
    "recognise": Requirement(C.RECOGNISE, Level.PROVINCE),
    "refuse": Requirement(C.RECOGNISE, Level.PROVINCE),
    "withdraw": Requirement(C.REVIEW, Level.COMMUNE),
    "revoke": Requirement(C.RECOGNISE, Level.PROVINCE),
}
DEFAULT_RULES: dict[str, dict[str, Requirement]] = {
    Title.FAMILY: _HAMLET_PROPOSES,
    Title.CITIZEN: _HAMLET_PROPOSES,
    Title.CLAN: _COMMUNE_PROPOSES,
    Title.UNIT: _COMMUNE_PROPOSES,
    Title.COMMUNITY: _COMMUNE_PROPOSES,
    Title.COMMUNE: _PROVINCE_RECOGNISES,
}

_LEVEL_RANK: dict[str, int] = {
    Level.PROVINCE: 0,
    Level.DISTRICT: 1,
    Level.COMMUNE: 2,
    Level.HAMLET: 3,
}


class StepRule(AuditedModel):
    """An override of who may take a step, for one title, in one place's subtree (or everywhere)."""

    title = models.CharField(_("danh hiệu"), max_length=20, choices=RECOGNITION_TITLE_CHOICES)
    step = models.CharField(_("bước"), max_length=20)
    place = models.ForeignKey(
        Place,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("áp dụng cho địa bàn"),
        help_text=_("Để trống: áp dụng cho mọi địa bàn."),
    )
    capability = models.CharField(
        _("quyền cần có"), max_length=30, choices=[(c.value, c.value) for c in Capability]
    )
    level = models.CharField(_("ở cấp"), max_length=10, choices=Level.choices)

    class Meta:
        verbose_name = _("quy định bước xét công nhận")
        verbose_name_plural = _("quy định bước xét công nhận")
        constraints = [
            models.UniqueConstraint(
                fields=["title", "step", "place"],
                condition=Q(place__isnull=False),
                name="step_rule_unique_per_place",
            ),
            models.UniqueConstraint(
                fields=["title", "step"],
                condition=Q(place__isnull=True),
                name="step_rule_unique_everywhere",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.step} · {self.capability}@{self.level}"

    def audit_place(self) -> Place | None:
        return self.place


def requirements_for(title: str, place: Place) -> dict[str, Requirement]:
    """The rule of every step of ``title`` for a subject at ``place``, read in one query."""
    rules = StepRule.objects.filter(title=title).filter(
        Q(place__isnull=True) | Q(place_id__in=place.path_ids())
    )
    chosen = dict(DEFAULT_RULES[title])
    depths: dict[str, int] = {}
    for rule in rules.select_related("place"):
        depth = rule.place.depth if rule.place is not None else -1
        if depth > depths.get(rule.step, -2):
            depths[rule.step] = depth
            chosen[rule.step] = Requirement(rule.capability, rule.level)
    return chosen


def requirement_for(title: str, step: Step | str, place: Place) -> Requirement:
    """The rule that applies to ``step`` of ``title`` for a subject at ``place``."""
    return requirements_for(title, place)[str(step)]


def place_at_level(place: Place, level: str, ancestors: Sequence[Place] | None = None) -> Place:
    """The subject's ancestor at ``level``, or the subject's own place when it sits higher.

    ``ancestors`` (``place.ancestors()``), when the caller already has them, saves the query.
    """
    if _LEVEL_RANK.get(place.level, 9) <= _LEVEL_RANK.get(level, 9):
        return place
    if ancestors is None:
        return place.ancestor_of_level(level) or place
    return next((p for p in ancestors if p.level == level), place)
