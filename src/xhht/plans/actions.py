"""Creating a plan with its targets, from a confirmed proposal: one transaction, audited."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.indicators.models import Indicator
from xhht.places.models import Place
from xhht.plans.models import Plan, Target


class PlanError(Exception):
    pass


@dataclass
class TargetData:
    indicator: str
    year: int
    value: Decimal | None
    kind: str
    text: str = ""
    parent: str | None = None


@dataclass
class PlanData:
    place: Place
    number: str
    date: datetime.date | None
    issuer: str
    title: str
    period_start: int
    period_end: int
    targets: list[TargetData] = field(default_factory=list)
    source_text: str = ""
    source_name: str = ""
    source_path: str = ""


def check_target(data: TargetData) -> None:
    if (
        data.kind == Target.Kind.PERCENT
        and data.value is not None
        and not (Decimal(0) <= data.value <= Decimal(100))
    ):
        raise PlanError(
            _("Chỉ tiêu %(code)s năm %(year)s: tỉ lệ phải từ 0 đến 100.")
            % {"code": data.indicator, "year": data.year}
        )
    if data.kind in {Target.Kind.PERCENT, Target.Kind.COUNT} and data.value is None:
        raise PlanError(
            _("Chỉ tiêu %(code)s năm %(year)s: cần nhập giá trị.")
            % {"code": data.indicator, "year": data.year}
        )


def create_plan(*, user: User | None, data: PlanData) -> Plan:
    """Save the plan and its targets; refuses the whole plan if one target is wrong."""
    if user is not None:
        require(user, Capability.MANAGE_PLANS, data.place)
    if data.period_end < data.period_start:
        raise PlanError(_("Năm kết thúc phải sau hoặc bằng năm bắt đầu."))
    indicators = Indicator.objects.in_bulk([t.indicator for t in data.targets], field_name="code")
    seen: set[tuple[str, int]] = set()
    for target in data.targets:
        if target.indicator not in indicators:
            raise PlanError(_("Không có chỉ tiêu mã %(code)s.") % {"code": target.indicator})
        if (target.indicator, target.year) in seen:
            raise PlanError(
                _("Chỉ tiêu %(code)s năm %(year)s bị lặp.")
                % {"code": target.indicator, "year": target.year}
            )
        seen.add((target.indicator, target.year))
        check_target(target)
    with transaction.atomic():
        duplicate = Plan.objects.filter(place=data.place, number=data.number, date=data.date)
        if data.number and duplicate.exists():
            raise PlanError(_("Kế hoạch số %(n)s đã có.") % {"n": data.number})
        plan = Plan.objects.create(
            place=data.place,
            number=data.number,
            date=data.date,
            issuer=data.issuer,
            title=data.title,
            period_start=data.period_start,
            period_end=data.period_end,
            source_text=data.source_text,
            source_name=data.source_name,
            created_by=user,
        )
        if data.source_path:
            plan.source_document.name = data.source_path
            plan.save(update_fields=["source_document"])
        saved: dict[tuple[str, int], Target] = {}
        for order, item in enumerate(data.targets, start=1):
            saved[(item.indicator, item.year)] = Target.objects.create(
                plan=plan,
                indicator=indicators[item.indicator],
                year=item.year,
                value=item.value,
                kind=item.kind,
                text=item.text,
                order=order,
            )
        for item in data.targets:
            parent = saved.get((item.parent, item.year)) if item.parent else None
            if parent is not None:
                child = saved[(item.indicator, item.year)]
                child.parent = parent
                child.save(update_fields=["parent"])
        if user is not None:
            record_step(
                actor=user,
                obj=plan,
                step="plan_confirmed",
                place=plan.place,
                after={"targets": len(data.targets)},
            )
    return plan
