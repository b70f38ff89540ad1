"""Criteria sets as versioned data.

A ``CriteriaSet`` row keeps one version of a set: its definition as JSON (``definition_json``,
read through ``definition()`` into ``criteria.definition.SetDefinition``) and, copied from it for
queries, its code, title, legal basis, validity and province (empty = national). A set that has
been used by an assessment (``used_at``) is never changed: ``actions.revise_set`` makes a new
version instead. A set with values still unknown is a template and recognises no one.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from xhht.accounts.access import EVERYWHERE, Capability, scope_filter, scope_paths
from xhht.core.audited import AuditedModel
from xhht.criteria.definition import SetDefinition, parse_definition
from xhht.places.models import Place

if TYPE_CHECKING:
    from xhht.accounts.models import User


#: What every page and document shows for a set whose values are illustrative (``illustrative``).
ILLUSTRATIVE_NOTICE = _("giá trị minh họa cho bản demo — không phải giá trị chính thức")


def illustrative_notice(criteria_set: CriteriaSet | None) -> str:
    """The notice for a set with illustrative values, for documents and pages; "" otherwise."""
    if criteria_set is None or not criteria_set.illustrative:
        return ""
    return str(ILLUSTRATIVE_NOTICE)


class Title(models.TextChoices):
    """The learning titles (danh hiệu) and what each is given to."""

    FAMILY = "family", _("Gia đình học tập")  # a Household
    CLAN = "clan", _("Dòng họ học tập")  # a Clan
    COMMUNITY = "community", _("Cộng đồng học tập")  # a hamlet (Place, level hamlet)
    UNIT = "unit", _("Đơn vị học tập")  # a Unit
    CITIZEN = "citizen", _("Công dân học tập")  # a Person
    COMMUNE = "commune", _("Cộng đồng học tập cấp xã")  # a commune (Place), ranked
    #: Not a title anyone is recognised for: a community learning centre's (TTHTCĐ) yearly
    #: self-evaluation (``centres.CentreEvaluation``) is scored with a set of this kind.
    CENTRE = "centre", _("Trung tâm học tập cộng đồng")


#: The titles recognition registers, assesses and decides on (every title but ``CENTRE``): its
#: forms, filters, subject look-ups and step rules offer only these.
RECOGNITION_TITLES: tuple[str, ...] = tuple(t.value for t in Title if t != Title.CENTRE)
RECOGNITION_TITLE_CHOICES: list[tuple[str, StrOrPromise]] = [
    (t.value, t.label) for t in Title if t != Title.CENTRE
]


class CriteriaSetQuerySet(models.QuerySet["CriteriaSet"]):
    def visible_to(self, user: User, capability: str = "view") -> CriteriaSetQuerySet:
        """National sets and the variants of the provinces where the user holds ``capability``.

        To manage (``manage_criteria``) a user needs the capability at the province itself;
        national sets are managed only with a national scope.
        """
        prefixes = scope_paths(user, capability)
        if not prefixes:
            return self.none()
        if EVERYWHERE in prefixes:
            return self.all()
        if capability == Capability.MANAGE_CRITERIA:
            return self.filter(scope_filter(user, capability, "province__path"))
        provinces = {Place.ids_in_path(prefix)[0] for prefix in prefixes}
        return self.filter(Q(province__isnull=True) | Q(province_id__in=provinces))

    def valid_on(self, on_date: datetime.date) -> CriteriaSetQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on_date),
            Q(valid_to__isnull=True) | Q(valid_to__gte=on_date),
        )

    def usable_for(self, title: str, place: Place, on_date: datetime.date) -> CriteriaSetQuerySet:
        """Complete, active sets for ``title`` at ``place`` on the date, best first.

        National sets and the variants of the place's province; a province variant comes
        before a national set, then the latest validity start and version.
        """
        province = place.root_id
        return (
            self.filter(title=title, status=CriteriaSet.Status.ACTIVE, complete=True)
            .filter(Q(province__isnull=True) | Q(province_id=province))
            .valid_on(on_date)
            .annotate(
                _national=Case(
                    When(province__isnull=True, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("_national", models.F("valid_from").desc(nulls_last=True), "-version")
        )

    def best_for(self, title: str, place: Place, on_date: datetime.date) -> CriteriaSet | None:
        return self.usable_for(title, place, on_date).first()


class CriteriaSet(AuditedModel):
    class Status(models.TextChoices):
        TEMPLATE = "template", _("Mẫu — tỉnh cần bổ sung")
        ACTIVE = "active", _("Đang áp dụng")
        RETIRED = "retired", _("Đã thay thế")

    code = models.CharField(_("mã"), max_length=80)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    title = models.CharField(_("danh hiệu"), max_length=20, choices=Title.choices)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    legal_document = models.CharField(_("số hiệu văn bản"), max_length=200, blank=True)
    legal_issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    legal_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    legal_url = models.CharField(_("nguồn"), max_length=500, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    province = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria_sets",
        verbose_name=_("tỉnh (trống = toàn quốc)"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.TEMPLATE
    )
    complete = models.BooleanField(_("đủ giá trị"), default=False, editable=False)
    definition_json = models.JSONField(_("định nghĩa"))
    shipped = models.BooleanField(_("kèm theo hệ thống"), default=False)
    #: The values were made up for the demo: every page and document that shows the set says so
    #: (``ILLUSTRATIVE_NOTICE``, ``criteria/illustrative_banner.html``).
    illustrative = models.BooleanField(_("giá trị minh họa"), default=False)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("phiên bản trước"),
    )
    used_at = models.DateTimeField(_("bắt đầu được dùng"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["title", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="criteria_set_code_version")
        ]
        indexes = [models.Index(fields=["title", "status", "complete"], name="criteria_set_usable")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def audit_place(self) -> Place | None:
        return self.province

    def definition(self) -> SetDefinition:
        cached: tuple[Any, SetDefinition] | None = getattr(self, "_definition_cache", None)
        if cached is not None and cached[0] is self.definition_json:
            return cached[1]
        definition = parse_definition(
            {**self.definition_json, "version": self.version}, stored=True
        )
        self._definition_cache = (self.definition_json, definition)
        return definition

    def is_complete(self) -> bool:
        return self.definition().is_complete()

    def missing_values(self) -> list[str]:
        return self.definition().missing_values()

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_template(self) -> bool:
        return not self.complete

    def copy_from_definition(self, definition: SetDefinition) -> None:
        """Keep the query columns in step with the definition (called before every save)."""
        self.code, self.name, self.title = definition.code, definition.name, definition.title
        self.legal_document = definition.legal_document[:200]
        self.legal_issuer = definition.legal_issuer[:300]
        self.legal_date, self.legal_url = definition.legal_date, definition.legal_url[:500]
        self.valid_from, self.valid_to = definition.valid_from, definition.valid_to
        self.complete = definition.is_complete()
        if self.status != self.Status.RETIRED:
            self.status = self.Status.ACTIVE if self.complete else self.Status.TEMPLATE
