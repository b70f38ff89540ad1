"""A province's own values: the thresholds the national rule sets leave empty, and the share of
communes a province needs at a standard. Keyword-only, atomic, audited, ``RECOGNISE_PCGD`` at
the province; the kept results of the province follow at once."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.core.workflow import StepRefused
from xhht.pcgd import kept
from xhht.pcgd.models import Cohort, ProvinceRule, Standard, StandardRule
from xhht.pcgd.models.years import current_school_year
from xhht.pcgd.rules import standards_for
from xhht.places.models import Level, Place

Thresholds = Mapping[str, tuple[Decimal | None, Decimal | None]]


def _check_percent(value: Decimal | None) -> None:
    if value is not None and not Decimal(0) <= value <= Decimal(100):
        raise StepRefused(_("Tỷ lệ phải từ 0 đến 100%."))


def fill_thresholds(
    *, user: User, province: Place, code: str, thresholds: Thresholds, source: str
) -> Standard:
    """A new version of the province's standard ``code`` with the empty thresholds filled
    (cohort → (threshold, ĐBKK threshold)); a threshold confirmed in a legal source is never
    changed. Refused without a source (the province's document)."""
    require(user, Capability.RECOGNISE_PCGD, province)
    if province.level != Level.PROVINCE:
        raise StepRefused(_("Chỉ cấp tỉnh nhập ngưỡng tỷ lệ."))
    if not source.strip():
        raise StepRefused(_("Cần ghi căn cứ (văn bản của tỉnh) của các ngưỡng nhập."))
    year = current_school_year()
    base = standards_for([province.pk], year)[province.pk].get(code)
    if base is None:
        raise StepRefused(_("Chưa có bộ tiêu chí của chuẩn này."))
    rules = list(base.rules.all())
    cohorts = {rule.cohort for rule in rules if rule.kind == StandardRule.Kind.RATE}
    for cohort, (threshold, hardship) in thresholds.items():
        if cohort not in cohorts:
            raise StepRefused(_("Chuẩn này không có tiêu chí “%(c)s”.") % {"c": cohort})
        _check_percent(threshold)
        _check_percent(hardship)
    with transaction.atomic():
        latest = Standard.objects.filter(code=code, province=province).aggregate(v=Max("version"))
        standard = Standard.objects.create(
            code=code,
            province=province,
            version=(latest["v"] or 0) + 1,
            source=f"{base.source}; {_('tỉnh nhập')}: {source.strip()}",
            since_year=base.since_year,
            requires=list(base.requires),
            note=base.note,
        )
        for rule in rules:
            copy = StandardRule(
                standard=standard,
                kind=rule.kind,
                order=rule.order,
                cohort=rule.cohort,
                threshold=rule.threshold,
                hardship_threshold=rule.hardship_threshold,
                hardship_cohort=rule.hardship_cohort,
                confirmed=rule.confirmed,
                source=rule.source,
                condition=rule.condition,
                text=rule.text,
            )
            entered = thresholds.get(rule.cohort) if rule.kind == StandardRule.Kind.RATE else None
            if entered is not None:
                if rule.confirmed:
                    raise StepRefused(
                        _("Ngưỡng “%(c)s” đã được xác nhận trong văn bản; tỉnh không thay đổi.")
                        % {"c": Cohort(rule.cohort).label}
                    )
                copy.threshold, copy.hardship_threshold = entered
                copy.source = f"{_('Tỉnh nhập')}: {source.strip()} ({rule.source})"
            copy.save()
        record_step(
            actor=user,
            obj=standard,
            step="pcgd_fill_thresholds",
            place=province,
            after={c: [str(t), str(h)] for c, (t, h) in thresholds.items()},
            reason=source,
        )
        kept.refresh_province(province)
    return standard


def set_province_rule(
    *, user: User, province: Place, code: str, share: Decimal | None, basis: str
) -> ProvinceRule:
    """The share of its communes the province needs at ``code`` (None clears it)."""
    require(user, Capability.RECOGNISE_PCGD, province)
    if province.level != Level.PROVINCE:
        raise StepRefused(_("Quy định cấp tỉnh chỉ nhập ở tỉnh."))
    _check_percent(share)
    with transaction.atomic():
        rule = ProvinceRule.objects.select_for_update().filter(province=province, code=code).first()
        if rule is None:
            rule = ProvinceRule(province=province, code=code)
        rule.share, rule.basis, rule.entered_by = share, basis.strip(), user
        rule.save()
    return rule
