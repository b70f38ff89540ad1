"""The forms of the household screen: one schooling form per child or young person (the current
school year's row) and one literacy form per adult of 15–60, each with its own prefix so a whole
household is sent and checked at once.

The model's own rules (``SchoolingRecord.clean``: grade against level, completion years; the
literacy rules) run through ``ModelForm`` and show on their fields; "not in the future" is added
here. A form left as it was is not written.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xhht.centres.models import Centre
from xhht.pcgd.entry import LiteracyValues, SchoolingValues, future_years
from xhht.pcgd.models import LiteracyRecord, SchoolingRecord

_YEAR = forms.NumberInput(attrs={"inputmode": "numeric", "min": 1950, "max": 2100})
_NOT_RECORDED = ("", gettext_lazy("— chưa ghi —"))


class SchoolingForm(forms.ModelForm[SchoolingRecord]):
    class Meta:
        model = SchoolingRecord
        fields = [
            "status",
            "level",
            "grade",
            "school",
            "school_name",
            "completed_preschool",
            "primary_completed_year",
            "lower_secondary_diploma_year",
            "exempt_disability",
            "disability_note",
        ]
        widgets = {
            "grade": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 12}),
            "primary_completed_year": _YEAR,
            "lower_secondary_diploma_year": _YEAR,
        }
        labels = {
            "primary_completed_year": gettext_lazy("Năm hoàn thành tiểu học"),
            "lower_secondary_diploma_year": gettext_lazy("Năm tốt nghiệp THCS"),
            "exempt_disability": gettext_lazy("Khuyết tật không có khả năng học tập"),
            "school_name": gettext_lazy("Tên trường (nếu không có trong danh sách)"),
        }

    def __init__(self, *args: Any, schools: list[Centre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)  # noqa: S101 - a choices field on the model
        status.required = False
        status.choices = [_NOT_RECORDED, *SchoolingRecord.Status.choices]
        school = self.fields["school"]
        assert isinstance(school, forms.ModelChoiceField)  # noqa: S101 - a foreign key
        kept_school = self.instance.school if self.instance.school_id else None
        if kept_school is not None and all(s.pk != kept_school.pk for s in schools):
            schools = [*schools, kept_school]  # a school elsewhere (an import's)
        school.queryset = Centre.objects.filter(pk__in=[s.pk for s in schools])
        school.choices = [("", "—"), *((s.pk, s.name) for s in schools)]
        self.schools = {s.pk: s for s in schools}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("status") and self.has_changed():
            self.add_error("status", _("Chọn tình trạng học tập của năm học."))
        for name, message in future_years(
            primary_completed_year=data.get("primary_completed_year"),
            lower_secondary_diploma_year=data.get("lower_secondary_diploma_year"),
        ).items():
            self.add_error(name, message)
        return data

    def to_write(self) -> bool:
        """Whether this form changes anything (an untouched or blank form writes nothing)."""
        return self.is_bound and self.has_changed() and bool(self.cleaned_data.get("status"))

    def values(self) -> SchoolingValues:
        data = self.cleaned_data
        return SchoolingValues(
            status=data["status"],
            level=data.get("level") or "",
            grade=data.get("grade"),
            school=data.get("school"),
            school_name=data.get("school_name") or "",
            completed_preschool=bool(data.get("completed_preschool")),
            primary_completed_year=data.get("primary_completed_year"),
            lower_secondary_diploma_year=data.get("lower_secondary_diploma_year"),
            exempt_disability=bool(data.get("exempt_disability")),
            disability_note=data.get("disability_note") or "",
            note=self.instance.note,
        )


class LiteracyForm(forms.ModelForm[LiteracyRecord]):
    class Meta:
        model = LiteracyRecord
        fields = ["level", "method", "reached_year"]
        widgets = {"reached_year": _YEAR}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level = self.fields["level"]
        assert isinstance(level, forms.TypedChoiceField)  # noqa: S101 - an integer choices field
        level.required = False
        level.choices = [_NOT_RECORDED, *LiteracyRecord.Level.choices]
        level.empty_value = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("level") is None and self.has_changed():
            self.add_error("level", _("Chọn mức độ biết chữ."))
        if data.get("method") != LiteracyRecord.Method.LITERACY_CLASS:
            self.instance.learning_class = None  # a class only says how, when it was the way
        for name, message in future_years(reached_year=data.get("reached_year")).items():
            self.add_error(name, message)
        return data

    def to_write(self) -> bool:
        return self.is_bound and self.has_changed() and self.cleaned_data.get("level") is not None

    def values(self) -> LiteracyValues:
        data = self.cleaned_data
        return LiteracyValues(
            level=int(data["level"]),
            reached_year=data.get("reached_year"),
            method=data.get("method") or "",
            learning_class=self.instance.learning_class,
            note=self.instance.note,
        )
