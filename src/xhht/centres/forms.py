"""The institution form (one column on a phone) and the centre filters shared by the list and
its XLSX export."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability
from xhht.accounts.models import Body, User
from xhht.centres.access import centre_places_for
from xhht.centres.models import Centre
from xhht.registry.filters import PlaceChoiceField, RegistryFilter

NUMBER = {"inputmode": "numeric", "min": "0"}


class CentreForm(forms.ModelForm[Centre]):
    class Meta:
        model = Centre
        fields = [
            "code",
            "name",
            "kind",
            "place",
            "status",
            "managing_body",
            "address",
            "opening_hours",
            "staff_count",
            "computers",
            "internet",
            "it_management",
            "pilot_it",
            "digital_teaching",
        ]
        help_texts = {
            "code": _("Mã riêng của cơ sở, không trùng (ví dụ: TTHTCD-31135). Dùng khi nhập tệp."),
            "name": _("Tên ghi trong quyết định thành lập."),
            "pilot_it": _("Chỉ với trung tâm học tập cộng đồng được chọn làm điểm."),
            "digital_teaching": _("Với trường học, trung tâm GDTX, đại học, cao đẳng."),
        }
        widgets = {
            "staff_count": forms.NumberInput(attrs=NUMBER),
            "computers": forms.NumberInput(attrs=NUMBER),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = PlaceChoiceField(
            queryset=centre_places_for(user, Capability.MANAGE_CENTRES), label=_("Địa bàn")
        )
        self.fields["managing_body"] = forms.ModelChoiceField(
            queryset=Body.objects.visible_to(user).order_by("name"),
            required=False,
            label=_("Cơ quan quản lý"),
        )


class CentreFilter(RegistryFilter):
    kind = django_filters.ChoiceFilter(choices=Centre.Kind.choices, label=_("Loại cơ sở"))
    status = django_filters.ChoiceFilter(choices=Centre.Status.choices, label=_("Tình trạng"))

    class Meta:
        model = Centre
        fields = ["q", "place", "kind", "status"]
