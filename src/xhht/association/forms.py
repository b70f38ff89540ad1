"""The forms of the association's pages: short, one column on a phone each. The pages hand the
cleaned values to ``actions`` (which check scope and rules again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability, scope_filter, scope_paths
from xhht.accounts.models import Body, User
from xhht.association.access import MANAGE, branch_places_for
from xhht.association.models import Branch, Member
from xhht.core.workflow import StepRefused
from xhht.places.models import Place
from xhht.registry.filters import PlaceChoiceField
from xhht.registry.models import Unit
from xhht.registry.validators import validate_birth_year

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = {"inputmode": "numeric", "min": "0"}


def refused_on(form: forms.BaseForm, refusal: StepRefused) -> None:
    """A refused step shown on its form: the message, then each problem."""
    if refusal.message:
        form.add_error(None, refusal.message)
    for problem in refusal.problems:
        form.add_error(None, problem)


class BranchForm(forms.ModelForm[Branch]):
    class Meta:
        model = Branch
        fields = ["name", "kind", "place", "parent", "unit", "body", "founded_on", "keeps_totals"]
        widgets = {"founded_on": DATE}
        help_texts = {
            "name": _("Ví dụ: Hội Khuyến học phường Ninh Kiều, Chi hội khuyến học khu vực 1."),
            "unit": _("Với chi hội, ban khuyến học trong trường học, doanh nghiệp, cơ quan."),
            "keeps_totals": _(
                "Chọn khi chi hội chỉ báo cáo số hội viên hằng năm; số liệu nhập tay, ghi là "
                "“số đã nhập”."
            ),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = PlaceChoiceField(
            queryset=branch_places_for(user, MANAGE).order_by("path"), label=_("Địa bàn")
        )
        # The branches the user sees and those at the places above the user's scope.
        above = {pk for prefix in scope_paths(user, MANAGE) for pk in Place.ids_in_path(prefix)}
        parents = (
            Branch.objects.active()
            .filter(scope_filter(user, Capability.VIEW, "place__path") | Q(place_id__in=above))
            .select_related("place")
        )
        if self.instance.pk is not None:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"] = forms.ModelChoiceField(
            queryset=parents.order_by("place__path", "sort_key"),
            required=False,
            label=_("Trực thuộc hội, chi hội"),
        )
        self.fields["unit"] = forms.ModelChoiceField(
            queryset=Unit.objects.visible_to(user).order_by("sort_key", "pk"),
            required=False,
            label=_("Đơn vị (trường học, doanh nghiệp…)"),
        )
        self.fields["body"] = forms.ModelChoiceField(
            queryset=Body.objects.visible_to(user, Capability.VIEW).order_by("name"),
            required=False,
            label=_("Cơ quan, đoàn thể"),
        )


class MemberForm(forms.Form):
    """A member: the person chosen from the search (``person`` in the POST), or a name and a
    birth year for someone not in the registry."""

    full_name = forms.CharField(
        label=_("Họ và tên (khi không có trong sổ)"), max_length=150, required=False
    )
    birth_year = forms.IntegerField(
        label=_("Năm sinh"),
        required=False,
        validators=[validate_birth_year],
        widget=forms.NumberInput(attrs=NUMBER),
    )
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Member.Sex.choices, required=False)
    role = forms.ChoiceField(label=_("Chức danh"), choices=Member.Role.choices)
    joined_on = forms.DateField(label=_("Ngày vào hội"), widget=DATE)

    def __init__(self, *args: Any, linked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["joined_on"].initial = timezone.localdate()
        if linked:
            # A person of the registry: name, year and sex are the record's.
            for name in ("full_name", "birth_year", "sex"):
                del self.fields[name]


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Ngày ra khỏi hội"), widget=DATE)
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=300,
        help_text=_("Ví dụ: chuyển nơi cư trú, xin ra khỏi hội, đã mất."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["left_on"].initial = timezone.localdate()


class DissolveForm(forms.Form):
    dissolved_on = forms.DateField(label=_("Ngày giải thể, sáp nhập"), widget=DATE)
    reason = forms.CharField(label=_("Lý do"), max_length=300)


class FigureForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"), min_value=1990, widget=forms.NumberInput(attrs=NUMBER)
    )
    members = forms.IntegerField(
        label=_("Số hội viên cuối năm"), min_value=0, widget=forms.NumberInput(attrs=NUMBER)
    )
    joined = forms.IntegerField(
        label=_("Số hội viên mới trong năm"),
        min_value=0,
        initial=0,
        widget=forms.NumberInput(attrs=NUMBER),
    )
    left = forms.IntegerField(
        label=_("Số hội viên ra khỏi hội trong năm"),
        min_value=0,
        initial=0,
        widget=forms.NumberInput(attrs=NUMBER),
    )
    source = forms.CharField(
        label=_("Nguồn số liệu"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Báo cáo tổng kết năm của chi hội."),
    )
