"""Forms of the reporting pages; every message says what to fix, in Vietnamese."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability
from xhht.accounts.models import Body, User
from xhht.core.numbers import BoundedModelMultipleChoiceField
from xhht.core.text import vi_number
from xhht.indicators.models import Indicator
from xhht.places.models import Level, Place
from xhht.plans.models import Plan
from xhht.reporting.actions import FigureInput
from xhht.reporting.models import Consolidation, ReportSection, ReportType, Submission, Task
from xhht.reporting.scope import place_only

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def managed_places(user: User) -> Any:
    """Provinces, districts and communes where the user manages plans (through a place role)."""
    return (
        Place.objects.current()
        .filter(place_only(user, Capability.MANAGE_PLANS, "path"))
        .exclude(level=Level.HAMLET)
        .by_name()
    )


def bodies_for(user: User) -> Any:
    """Bodies at or under the places where the user manages plans."""
    return Body.objects.filter(place_only(user, Capability.MANAGE_PLANS, "place__path")).order_by(
        "name"
    )


class TaskForm(forms.ModelForm[Task]):
    class Meta:
        model = Task
        fields = [
            "place",
            "plan",
            "group",
            "text",
            "lead_body",
            "supporting_bodies",
            "deadline_kind",
            "deadline_date",
            "deadline_quarter",
            "deadline_year",
            "yearly_day",
            "yearly_month",
        ]
        widgets = {"deadline_date": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"supporting_bodies": BoundedModelMultipleChoiceField}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = managed_places(user)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        self.fields["plan"].queryset = Plan.objects.visible_to(user)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        self.fields["lead_body"].queryset = bodies_for(user)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        self.fields["supporting_bodies"].queryset = bodies_for(user)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        self.fields["supporting_bodies"].widget.attrs["size"] = 6

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("deadline_kind")
        if kind == Task.Deadline.DATE and not data.get("deadline_date"):
            self.add_error("deadline_date", _("Hãy nhập ngày hết hạn."))
        if kind == Task.Deadline.QUARTER:
            if data.get("deadline_quarter") not in {1, 2, 3, 4}:
                self.add_error("deadline_quarter", _("Quý là một số từ 1 đến 4."))
            if not data.get("deadline_year"):
                self.add_error("deadline_year", _("Hãy nhập năm của quý."))
        if kind == Task.Deadline.YEARLY:
            try:
                datetime.date(2024, data.get("yearly_month") or 0, data.get("yearly_day") or 0)
            except (ValueError, OverflowError):
                self.add_error("yearly_day", _("Hãy nhập ngày và tháng hợp lệ (ví dụ 01 và 12)."))
        lead = data.get("lead_body")
        if lead is not None and lead in (data.get("supporting_bodies") or []):
            self.add_error(
                "supporting_bodies", _("Cơ quan chủ trì không được đồng thời là cơ quan phối hợp.")
            )
        return data


class TaskUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=Task.Status.choices)
    note = forms.CharField(label=_("Tiến độ, kết quả"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("Minh chứng (tùy chọn)"), required=False)


class ReportTypeForm(forms.ModelForm[ReportType]):
    class Meta:
        model = ReportType
        fields = [
            "name",
            "place",
            "legal_basis",
            "receiver_body",
            "receiver_text",
            "reporter_bodies",
            "reporter_level",
            "frequency",
            "cutoff_day",
            "cutoff_month",
            "due_day",
            "due_month",
            "due_days_after",
            "remind_days_before",
        ]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"reporter_bodies": BoundedModelMultipleChoiceField}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = managed_places(user)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        self.fields["receiver_body"].queryset = bodies_for(user)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
        self.fields["reporter_bodies"].queryset = bodies_for(user)  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("reporter_bodies") and not data.get("reporter_level"):
            self.add_error(
                "reporter_bodies",
                _("Hãy chọn cơ quan phải báo cáo, hoặc cấp địa phương phải báo cáo, hoặc cả hai."),
            )
        for day, month in [("cutoff_day", "cutoff_month"), ("due_day", "due_month")]:
            try:
                datetime.date(2024, data.get(month) or 0, data.get(day) or 0)
            except (ValueError, OverflowError):
                self.add_error(day, _("Ngày và tháng không hợp lệ."))
        return data


class SectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại mục"), choices=ReportSection.Kind.choices)
    title = forms.CharField(label=_("Tiêu đề mục"), max_length=300)
    guidance = forms.CharField(
        label=_("Câu hỏi, hướng dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rows = forms.CharField(
        label=_("Các dòng của bảng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng: chỉ tiêu | đơn vị tính | mã chỉ tiêu trong hệ thống (tùy chọn)."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parsed: list[tuple[str, str, Indicator | None]] = []
        for number, line in enumerate(str(data.get("rows", "")).splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            indicator = None
            if parts[2]:
                indicator = Indicator.objects.filter(code=parts[2]).first()
                if indicator is None:
                    self.add_error(
                        "rows",
                        _("Dòng %(n)s: không có chỉ tiêu mã “%(code)s”.")
                        % {"n": number, "code": parts[2]},
                    )
            parsed.append((parts[0][:300], parts[1][:40], indicator))
        if data.get("kind") == ReportSection.Kind.TABLE and not parsed:
            self.add_error("rows", _("Bảng số liệu cần ít nhất một dòng."))
        data["parsed_rows"] = parsed
        return data


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2020, max_value=2035)
    index = forms.IntegerField(label=_("Kỳ trong năm"), min_value=1, max_value=4, initial=1)
    cutoff = forms.DateField(label=_("Ngày chốt số liệu"), required=False, widget=DATE_INPUT)
    due = forms.DateField(
        label=_("Hạn gửi"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Để trống để dùng hạn theo chế độ báo cáo."),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Lý do, nội dung cần sửa"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportForm(forms.Form):
    """The reporter's answers (one per narrative section) and figures (one per table row)."""

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submission = submission
        answers = {a.section_id: a.text for a in submission.answers.all()}
        figures = {f.row_id: f for f in submission.figures.all()}
        self.layout: list[tuple[ReportSection, list[str]]] = []
        for section in submission.period.report_type.sections.prefetch_related("rows"):
            names = []
            if section.kind == ReportSection.Kind.NARRATIVE:
                name = f"answer_{section.pk}"
                self.fields[name] = forms.CharField(
                    label=section.guidance or section.title,
                    required=False,
                    initial=answers.get(section.pk, ""),
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
                names.append(name)
            for row in section.rows.all():
                figure = figures.get(row.pk)
                system = figure.system_value if figure else None
                label = f"{row.label} ({row.unit})" if row.unit else row.label
                self.fields[f"value_{row.pk}"] = forms.DecimalField(
                    label=label,
                    required=False,
                    max_digits=16,
                    decimal_places=2,
                    initial=figure.value if figure else None,
                    help_text=_("Số liệu hệ thống: %(v)s") % {"v": vi_number(system)}
                    if system is not None
                    else "",
                )
                self.fields[f"reason_{row.pk}"] = forms.CharField(
                    label=_("Lý do điều chỉnh"),
                    required=False,
                    initial=figure.reason if figure else "",
                )
                names += [f"value_{row.pk}", f"reason_{row.pk}"]
            self.layout.append((section, names))

    def answers(self) -> dict[int, str]:
        return {
            int(name.split("_")[1]): str(value).strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("answer_")
        }

    def figures(self) -> dict[int, FigureInput]:
        result = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("value_"):
                row_id = int(name.split("_")[1])
                reason = str(self.cleaned_data.get(f"reason_{row_id}", ""))
                result[row_id] = FigureInput(
                    value=value if value is None else Decimal(value), reason=reason
                )
        return result


class ConsolidationForm(forms.ModelForm[Consolidation]):
    class Meta:
        model = Consolidation
        fields = [
            "issuing_body",
            "parent_body_name",
            "number",
            "place_name",
            "issued_on",
            "title",
            "recipients",
            "signer_title",
            "signer_name",
        ]
        widgets = {"issued_on": DATE_INPUT, "recipients": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuing_body"].queryset = bodies_for(  # type: ignore[attr-defined]  # fields are typed Field; this one is a ModelChoiceField
            user
        ) | Body.objects.filter(place_only(user, Capability.RECEIVE_REPORTS, "place__path"))
