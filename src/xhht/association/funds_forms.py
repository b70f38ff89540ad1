"""The fund pages' forms: opening a fund, a receipt, a disbursement, a correction. Amounts are
typed as Vietnamese readers write them ("1.500.000", "1 500 000 đ") and kept as whole đồng."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from xhht.accounts.models import User
from xhht.association.funds_access import FUNDS
from xhht.association.models import Branch, FundEntry
from xhht.registry.models import Clan, Person, Unit

_GROUPING = re.compile(r"[\s.,_]|đ|đồng|vnđ|vnd", re.IGNORECASE)
#: Search results offered as donors or recipients (type more to narrow).
SEARCH_LIMIT = 20


class MoneyField(forms.CharField):
    """Whole đồng: "1.500.000" → 1500000; decimals, letters or a negative are refused."""

    def __init__(self, *, minimum: int = 1, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.minimum = minimum
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value: Any) -> int:
        text = super().clean(value)
        digits = _GROUPING.sub("", text)
        if not digits.isdigit():
            raise forms.ValidationError(
                _("Số tiền là số đồng nguyên, chỉ gồm chữ số, ví dụ 1.500.000.")
            )
        amount = int(digits)
        if amount < self.minimum:
            raise forms.ValidationError(
                _("Số tiền phải lớn hơn 0 đồng.")
                if self.minimum > 0
                else _("Số tiền không được âm.")
            )
        return amount


def _date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class FundForm(forms.Form):
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.none(), label=gettext_lazy("Chi hội, hội")
    )
    name = forms.CharField(label=gettext_lazy("Tên quỹ"), max_length=250)
    opened_on = _date_field(gettext_lazy("Ngày lập quỹ"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        branches = Branch.objects.active().visible_to(user, FUNDS).select_related("place")
        field = self.fields["branch"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = branches.order_by("place__path", "sort_key")


class ReceiptForm(forms.Form):
    donor = forms.CharField(required=False, widget=forms.HiddenInput)
    donor_name = forms.CharField(
        label=gettext_lazy("Hoặc ghi tên nhà hảo tâm (khi không có trong sổ)"),
        max_length=250,
        required=False,
    )
    amount = MoneyField(label=gettext_lazy("Số tiền (đồng)"))
    date = _date_field(gettext_lazy("Ngày thu"))
    description = forms.CharField(label=gettext_lazy("Nội dung"), max_length=500, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice, name = data.get("donor") or "", (data.get("donor_name") or "").strip()
        if choice and name:
            raise forms.ValidationError(
                _("Chọn một nhà tài trợ trong sổ hoặc ghi tên, không làm cả hai.")
            )
        if not choice and not name:
            raise forms.ValidationError(
                _("Hãy chọn nhà tài trợ trong sổ (tìm theo tên) hoặc ghi tên nhà hảo tâm.")
            )
        data["donor_record"] = donor_from_choice(self.user, choice) if choice else name
        return data


def donor_from_choice(user: User, choice: str) -> Person | Unit | Clan:
    kind, _sep, pk = choice.partition(":")
    models: dict[str, Any] = {"person": Person, "unit": Unit, "clan": Clan}
    if kind not in models or not pk.isdigit():
        raise forms.ValidationError(_("Nhà tài trợ đã chọn không hợp lệ; hãy tìm lại."))
    found = models[kind].objects.visible_to(user).filter(pk=int(pk)).first()
    if found is None:
        raise forms.ValidationError(_("Nhà tài trợ không thuộc địa bàn của bạn."))
    return found  # type: ignore[no-any-return]  # one of the three registry models


def donor_choices(user: User, query: str) -> list[tuple[str, str]]:
    """People, units and clans matching ``query`` in the user's scope, as (value, label)."""
    if not query.strip():
        return []
    people = Person.objects.visible_to(user).search(query).select_related("place")
    units = Unit.objects.visible_to(user).search(query).select_related("place")
    clans = Clan.objects.visible_to(user).search(query).select_related("commune")
    found = [
        (f"person:{p.pk}", f"{p.full_name} ({p.birth_year}, {p.place.name})")
        for p in people.order_by("sort_key")[:SEARCH_LIMIT]
    ]
    found += [
        (f"unit:{u.pk}", f"{u.name} ({u.get_kind_display()})")
        for u in units.order_by("sort_key")[:SEARCH_LIMIT]
    ]
    found += [
        (f"clan:{c.pk}", f"{c.name} ({c.commune.name})")
        for c in clans.order_by("sort_key")[:SEARCH_LIMIT]
    ]
    return found


def recipient_choices(user: User, query: str) -> list[tuple[str, str]]:
    if not query.strip():
        return []
    people = Person.objects.visible_to(user).search(query).select_related("place")
    return [
        (str(p.pk), f"{p.full_name} ({p.birth_year}, {p.place.name})")
        for p in people.order_by("sort_key")[:SEARCH_LIMIT]
    ]


class DisbursementForm(forms.Form):
    recipient = forms.CharField(widget=forms.HiddenInput, required=False)
    purpose = forms.ChoiceField(
        label=gettext_lazy("Mục đích chi"),
        choices=[c for c in FundEntry.Purpose.choices if c[0]],
    )
    amount = MoneyField(label=gettext_lazy("Số tiền (đồng)"))
    date = _date_field(gettext_lazy("Ngày chi"))
    description = forms.CharField(
        label=gettext_lazy("Nội dung (ví dụ: học sinh giỏi năm học 2025-2026)"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_recipient(self) -> Person:
        value = self.cleaned_data.get("recipient") or ""
        if not value.isdigit():
            raise forms.ValidationError(
                _("Hãy tìm và chọn người nhận (học sinh, người học) trong sổ.")
            )
        found = Person.objects.visible_to(self.user).filter(pk=int(value)).first()
        if found is None:
            raise forms.ValidationError(_("Người nhận không thuộc địa bàn của bạn."))
        return found


class CorrectionForm(forms.Form):
    new_amount = MoneyField(minimum=0, label=gettext_lazy("Số tiền đúng (đồng; 0 để hủy bút toán)"))
    reason = forms.CharField(label=gettext_lazy("Lý do điều chỉnh"), max_length=500)
    date = _date_field(gettext_lazy("Ngày điều chỉnh"))
