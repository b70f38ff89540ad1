"""Forms for creating and editing registry records; every place choice is limited to the user's scope."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from xhht.accounts.access import Capability
from xhht.accounts.models import User
from xhht.places.models import Level
from xhht.registry import pii, pii_guard
from xhht.registry.access import places_for
from xhht.registry.filters import PlaceChoiceField
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.registry.validators import validate_cccd


def _place_field(user: User, *levels: str, label: StrOrPromise) -> PlaceChoiceField:
    return PlaceChoiceField(
        queryset=places_for(user, Capability.MANAGE_REGISTRY, *levels), label=label
    )


class HouseholdForm(forms.ModelForm[Household]):
    class Meta:
        model = Household
        fields = ["code", "place", "head_name", "address"]
        help_texts = {
            "code": _(
                "Mã riêng của hộ trong sổ hộ gia đình của xã, không trùng với hộ nào khác "
                "(ví dụ: HO-0001). Dùng để tìm hộ và để nhập phiếu đánh giá."
            )
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(user, Level.HAMLET, label=_("Thôn/tổ dân phố"))


class PersonForm(forms.ModelForm[Person]):
    cccd = forms.CharField(
        label=_("Số CCCD"),
        required=False,
        max_length=20,
        help_text=_("12 chữ số. Để trống khi sửa thì giữ nguyên số đã lưu."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    household_code = forms.CharField(
        label=_("Mã hộ"),
        required=False,
        max_length=40,
        help_text=_(
            "Mã của hộ người này thuộc về (ghi trên trang hộ gia đình); để trống nếu chưa có."
        ),
    )
    unit_code = forms.CharField(label=_("Mã đơn vị nơi làm việc"), required=False, max_length=40)

    class Meta:
        model = Person
        fields = [
            "full_name",
            "sex",
            "birth_date",
            "birth_year",
            "ethnicity",
            "education",
            "occupation",
            "phone",
            "place",
            "relation",
        ]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["place"] = _place_field(user, Level.HAMLET, label=_("Nơi cư trú"))
        self.fields["birth_year"].required = False
        if self.instance.pk:
            if self.instance.household_id:
                self.initial["household_code"] = self.instance.household.code  # type: ignore[union-attr]  # household_id is checked above
            if self.instance.unit_id:
                self.initial["unit_code"] = self.instance.unit.code  # type: ignore[union-attr]  # unit_id is checked above
            if self.instance.national_id_last3:
                self.fields["cccd"].help_text = _(
                    "Đã lưu: %(masked)s. Để trống thì giữ nguyên; nhập số mới để thay."
                ) % {"masked": self.instance.masked_cccd()}

    def clean_cccd(self) -> str:
        number = pii.normalise_cccd(self.cleaned_data.get("cccd", ""))
        if not number:
            return ""
        validate_cccd(number)
        # Only among the numbers the user may see: a number kept elsewhere reads as unknown here
        # and stops the write with a neutral message (views._save), so the form is no oracle.
        others = pii_guard.people_with_cccd(self.user, number).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Số CCCD này đã có trong sổ đăng ký."))
        return number

    def clean_household_code(self) -> Household | None:
        code = self.cleaned_data.get("household_code", "").strip()
        if not code:
            return None
        household = (
            Household.objects.visible_to(self.user, Capability.MANAGE_REGISTRY)
            .filter(code=code)
            .first()
        )
        if household is None:
            raise forms.ValidationError(
                _("Không có hộ mã “%(code)s” trong địa bàn bạn quản lý.") % {"code": code}
            )
        return household

    def clean_unit_code(self) -> Unit | None:
        code = self.cleaned_data.get("unit_code", "").strip()
        if not code:
            return None
        unit = Unit.objects.visible_to(self.user).filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(_("Không có đơn vị mã “%(code)s”.") % {"code": code})
        return unit

    def clean(self) -> dict[str, Any]:
        """The year follows the date; both are then checked by the model's validators
        (``registry.validators``) when the form checks the instance."""
        data = super().clean() or {}
        birth_date: datetime.date | None = data.get("birth_date")
        if birth_date is not None:
            data["birth_year"] = birth_date.year
        if data.get("birth_year") is None:
            self.add_error("birth_year", _("Hãy nhập năm sinh hoặc ngày sinh."))
        household: Household | None = data.get("household_code")
        if household is not None:
            data["place"] = household.place  # members live where their household lives
        return data

    def save(self, commit: bool = True) -> Person:
        person = super().save(commit=False)
        person.household = self.cleaned_data.get("household_code")
        person.unit = self.cleaned_data.get("unit_code")
        if self.cleaned_data.get("cccd"):
            person.set_cccd(self.cleaned_data["cccd"])
        if commit:
            person.save()
        return person


class ClanForm(forms.ModelForm[Clan]):
    representative_cccd = forms.CharField(
        label=_("Số CCCD người đại diện"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    household_codes = forms.CharField(
        label=_("Mã các hộ thành viên"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một mã hộ (hoặc cách nhau bởi dấu phẩy)."),
    )

    class Meta:
        model = Clan
        fields = ["code", "name", "commune"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["commune"] = _place_field(user, Level.COMMUNE, label=_("Xã đăng ký"))
        if self.instance.pk:
            codes = self.instance.households.order_by("code").values_list("code", flat=True)
            self.initial["household_codes"] = "\n".join(codes)
            if self.instance.representative is not None:
                self.fields["representative_cccd"].help_text = _("Hiện tại: %(name)s.") % {
                    "name": self.instance.representative.full_name
                }

    def clean_representative_cccd(self) -> Person | None:
        number = pii.normalise_cccd(self.cleaned_data.get("representative_cccd", ""))
        if not number:
            return self.instance.representative if self.instance.pk else None
        person = pii_guard.people_with_cccd(self.user, number).first()
        if person is None:
            raise forms.ValidationError(_("Không tìm thấy công dân có số CCCD này trong địa bàn."))
        return person

    def clean_household_codes(self) -> list[Household]:
        raw = self.cleaned_data.get("household_codes", "")
        codes = {c.strip() for c in raw.replace(",", "\n").splitlines() if c.strip()}
        found = Household.objects.visible_to(self.user).filter(code__in=codes)
        missing = codes - {h.code for h in found}
        if missing:
            raise forms.ValidationError(
                _("Không có các hộ mã: %(codes)s.") % {"codes": ", ".join(sorted(missing))}
            )
        return list(found)

    def save(self, commit: bool = True) -> Clan:
        clan = super().save(commit=False)
        clan.representative = self.cleaned_data.get("representative_cccd")
        if commit:
            clan.save()
            # Member households outside the user's sight stay members: the user cannot see them.
            hidden = clan.households.exclude(pk__in=Household.objects.visible_to(self.user))
            clan.households.set([*self.cleaned_data.get("household_codes", []), *hidden])
        return clan


class UnitForm(forms.ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "kind",
            "school_level",
            "level",
            "place",
            "staff_count",
            "digital_learning",
        ]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(user, label=_("Địa bàn"))
