"""Recording an entered value: validated, audited, and added to the kept counts at once."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import User
from xhht.core.numbers import MAX_COUNT
from xhht.indicators.models import EnteredValue, Indicator, Measure
from xhht.indicators.rollups import apply_delta
from xhht.places.models import Place


class EntryError(Exception):
    """A refused entered value; the message says what to fix."""

    pass


def check_value(
    indicator: Indicator, numerator: int | None, denominator: int | None, percent: Decimal | None
) -> None:
    if percent is not None and not Decimal(0) <= percent <= Decimal(100):
        raise EntryError(_("Tỉ lệ phải từ 0 đến 100%."))
    if (numerator is None) != (denominator is None):
        raise EntryError(_("Cần nhập cả số đạt và tổng số (hoặc chỉ nhập tỉ lệ)."))
    if numerator is None and percent is None:
        raise EntryError(_("Cần nhập số đạt và tổng số, hoặc tỉ lệ."))
    if numerator is not None and denominator is not None:
        if numerator < 0 or denominator < 0:
            raise EntryError(_("Số liệu không được âm."))
        if max(numerator, denominator) > MAX_COUNT:
            raise EntryError(
                _("Số quá lớn: tối đa %(limit)s.") % {"limit": f"{MAX_COUNT:,}".replace(",", ".")}
            )
        if numerator > denominator:
            raise EntryError(
                _("Số đạt (%(n)s) không được lớn hơn tổng số (%(d)s).")
                % {"n": numerator, "d": denominator}
            )
        if indicator.measure == Measure.YES_NO and denominator != 1:
            raise EntryError(_("Chỉ tiêu đạt/không đạt: nhập số đạt 1 hoặc 0 trên tổng số 1."))


def record_value(
    *,
    user: User,
    indicator: Indicator,
    place: Place,
    year: int,
    numerator: int | None = None,
    denominator: int | None = None,
    percent: Decimal | None = None,
    source_note: str = "",
) -> EnteredValue:
    """Create or replace the entered value of (indicator, place, year)."""
    require(user, Capability.MANAGE_PLANS, place)
    if indicator.is_computed:
        raise EntryError(_("Chỉ tiêu này được tính tự động từ dữ liệu của hệ thống."))
    if not 2000 <= year <= 2100:
        raise EntryError(_("Năm không hợp lệ."))
    check_value(indicator, numerator, denominator, percent)
    with transaction.atomic():
        if numerator is not None:
            # Counts add up the tree: the same figure entered above and below would count twice.
            clash = (
                EnteredValue.objects.filter(
                    Q(place__path__startswith=place.path) | Q(place_id__in=place.path_ids()),
                    indicator=indicator,
                    year=year,
                    numerator__isnull=False,
                )
                .exclude(place=place)
                .select_related("place")
                .first()
            )
            if clash is not None:
                raise EntryError(
                    _(
                        "Chỉ tiêu này năm %(year)s đã được nhập ở %(place)s; số liệu cộng dồn theo "
                        "địa bàn nên chỉ nhập ở một cấp."
                    )
                    % {"year": year, "place": clash.place}
                )
        value = (
            EnteredValue.objects.select_for_update()
            .filter(indicator=indicator, place=place, year=year)
            .first()
        )
        old_n, old_d = (value.numerator or 0, value.denominator or 0) if value else (0, 0)
        if value is None:
            value = EnteredValue(indicator=indicator, place=place, year=year)
        value.numerator, value.denominator, value.percent = numerator, denominator, percent
        value.source_note, value.recorded_by = source_note, user
        value.save()
        apply_delta(
            indicator=indicator.code,
            ids=place.path_ids(),
            year=year,
            numerator=(numerator or 0) - old_n,
            denominator=(denominator or 0) - old_d,
        )
    return value
