"""What the engine keeps per commune and school year (``pcgd.kept`` keeps it current).

- ``CohortFigure``: a cohort's numerator and denominator (people of the commune, its hamlets
  included), kept by deltas on every change of a person, schooling or literacy row.
- ``StandardResult``: whether the commune reaches a standard that year, and why not as
  structured reasons (``engine.Reason`` as dicts: kind, cohort, figures, shortfall, text).
  ``fed`` says whether the result is counted in the catalogue's indicator (the commune has person
  data that year and no value was entered for it by hand).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.scoped import ScopedQuerySet
from xhht.pcgd.models.cohorts import Cohort
from xhht.pcgd.models.standards import StandardCode
from xhht.places.models import Place


class CohortFigureQuerySet(ScopedQuerySet["CohortFigure"]):
    place_path_field = "commune__path"


class CohortFigure(models.Model):
    commune = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("năm học"))
    cohort = models.CharField(_("đối tượng"), max_length=24, choices=Cohort.choices)
    numerator = models.IntegerField(_("số đạt"), default=0)
    denominator = models.IntegerField(_("tổng số"), default=0)
    #: Counted in the catalogue's indicator of this cohort (``literate2_15_60`` → ``literate_15_60``).
    fed = models.BooleanField(default=False)

    objects = CohortFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu theo độ tuổi")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "school_year", "cohort"], name="cohort_figure_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.school_year} {self.cohort}: {self.numerator}/{self.denominator}"


class StandardResultQuerySet(ScopedQuerySet["StandardResult"]):
    place_path_field = "commune__path"


class StandardResult(models.Model):
    commune = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("năm học"))
    code = models.CharField(_("chuẩn"), max_length=16, choices=StandardCode.choices)
    reached = models.BooleanField(_("đạt chuẩn"), default=False)
    #: The reasons it is not reached (empty when reached), ``engine.Reason.as_dict`` each.
    reasons = models.JSONField(default=list)
    #: Counted in the catalogue's indicator of this standard (``kept.INDICATORS``).
    fed = models.BooleanField(default=False)
    computed_at = models.DateTimeField(auto_now=True)

    objects = StandardResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả đạt chuẩn của xã")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "school_year", "code"], name="standard_result_unique"
            ),
        ]
        indexes = [models.Index(fields=["school_year", "code"], name="standard_result_year_code")]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.school_year} {self.code}: {self.reached}"
