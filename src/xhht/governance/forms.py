"""Governance forms: an inspection, a visit, a recommendation, a follow-up, a budget line, a
communication activity. Each offers only what the user may choose; the actions check again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability, visible_places
from xhht.accounts.models import Body, User
from xhht.governance.models import CommunicationActivity, InspectionPlan, Source
from xhht.governance.models.inspection import own_places
from xhht.places.models import Level, Place
from xhht.plans.models import Plan
from xhht.registry.filters import PlaceChoiceField
from xhht.reporting.models import Task

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})
#: The most tasks offered when choosing those an inspection covers.
MAX_TASKS = 300


class InspectionForm(forms.Form):
    place = PlaceChoiceField(queryset=Place.objects.none(), label=_("Cấp kiểm tra"))
    inspector_body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label=_("Cơ quan kiểm tra (Ban Chỉ đạo)"),
    )
    title = forms.CharField(label=_("Nội dung kiểm tra"), max_length=300)
    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), required=False, label=_("Kế hoạch"))
    tasks = forms.ModelMultipleChoiceField(
        queryset=Task.objects.none(), required=False, label=_("Nhiệm vụ được kiểm tra")
    )
    inspected_places = forms.ModelMultipleChoiceField(
        queryset=Place.objects.none(),
        required=False,
        label=_("Xã, thôn được kiểm tra"),
        widget=forms.CheckboxSelectMultiple,
    )
    inspected_bodies = forms.ModelMultipleChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label=_("Cơ quan được kiểm tra"),
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = forms.DateField(label=_("Từ ngày"), widget=DATE)
    end_date = forms.DateField(label=_("Đến ngày"), widget=DATE)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inspecting = visible_places(user, Capability.INSPECT).current()
        levels = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
        self.fields["place"].queryset = inspecting.filter(level__in=levels).order_by("path")  # type: ignore[attr-defined]  # a ModelChoiceField
        own = own_places(user, Capability.INSPECT)
        self.fields["inspected_places"].queryset = (  # type: ignore[attr-defined]  # a ModelMultipleChoiceField
            Place.objects.current().filter(parent_id__in=own).order_by("sort_key")
        )
        bodies = Body.objects.visible_to(user, Capability.INSPECT).order_by("name")
        self.fields["inspector_body"].queryset = bodies  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["inspected_bodies"].queryset = bodies  # type: ignore[attr-defined]  # a ModelMultipleChoiceField
        plans = Plan.objects.visible_to(user).order_by("-period_start", "pk")
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]  # a ModelChoiceField
        tasks = Task.objects.filter(plan__in=plans.filter(place__in=inspecting)).order_by("pk")
        self.fields["tasks"].queryset = Task.objects.filter(  # type: ignore[attr-defined]  # a ModelMultipleChoiceField
            pk__in=list(tasks.values_list("pk", flat=True)[:MAX_TASKS])
        )


def _inspected_fields(form: forms.Form, inspection: InspectionPlan) -> None:
    form.fields["place"].queryset = inspection.inspected_places.order_by("sort_key")  # type: ignore[attr-defined]  # a ModelChoiceField
    form.fields["body"].queryset = inspection.inspected_bodies.order_by("name")  # type: ignore[attr-defined]  # a ModelChoiceField


class VisitForm(forms.Form):
    date = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE)
    place = forms.ModelChoiceField(
        queryset=Place.objects.none(), required=False, label=_("Xã, thôn được kiểm tra")
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label=_("hoặc cơ quan được kiểm tra")
    )
    members = forms.CharField(label=_("Thành phần đoàn kiểm tra"), widget=TEXT, max_length=3000)
    findings = forms.CharField(label=_("Kết quả kiểm tra"), widget=TEXT, max_length=20000)
    evidence = forms.FileField(label=_("Biên bản, ảnh (tùy chọn)"), required=False)

    def __init__(self, *args: Any, inspection: InspectionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _inspected_fields(self, inspection)


class RecommendationForm(forms.Form):
    place = forms.ModelChoiceField(
        queryset=Place.objects.none(), required=False, label=_("Kiến nghị với xã, thôn")
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label=_("hoặc với cơ quan")
    )
    text = forms.CharField(label=_("Nội dung kiến nghị"), widget=TEXT, max_length=5000)
    deadline = forms.DateField(label=_("Thời hạn thực hiện"), widget=DATE)

    def __init__(self, *args: Any, inspection: InspectionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _inspected_fields(self, inspection)


class AnswerForm(forms.Form):
    note = forms.CharField(label=_("Kết quả thực hiện"), widget=TEXT, max_length=5000)
    evidence = forms.FileField(label=_("Minh chứng (tùy chọn)"), required=False)


class ConclusionForm(forms.Form):
    note = forms.CharField(label=_("Kết luận"), widget=TEXT, max_length=5000)


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("Nguồn kinh phí"), choices=Source.choices)
    planned = forms.IntegerField(
        label=_("Dự toán (đồng)"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
    )
    spent = forms.IntegerField(
        label=_("Đã chi (đồng)"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=CommunicationActivity.Kind.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    date = forms.DateField(label=_("Ngày"), widget=DATE)
    place = PlaceChoiceField(queryset=Place.objects.none(), required=False, label=_("Địa bàn"))
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label=_("hoặc cơ quan thực hiện")
    )
    audience = forms.IntegerField(
        label=_("Số người được tiếp cận"),
        min_value=0,
        max_value=100_000_000,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
    )
    link = forms.URLField(
        label=_("Đường dẫn bài viết, minh chứng"), required=False, assume_scheme="https"
    )
    note = forms.CharField(label=_("Ghi chú"), widget=TEXT, required=False, max_length=3000)

    def __init__(self, *args: Any, places: list[Place], bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(  # type: ignore[attr-defined]  # a ModelChoiceField
            pk__in=[p.pk for p in places]
        ).order_by("path")
        self.fields["body"].queryset = Body.objects.filter(  # type: ignore[attr-defined]  # a ModelChoiceField
            pk__in=[b.pk for b in bodies]
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("place") is None) == (data.get("body") is None):
            raise forms.ValidationError(_("Hãy chọn một địa bàn hoặc một cơ quan thực hiện."))
        return data
