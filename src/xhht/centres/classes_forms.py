"""The forms of the class pages: short, one screen on a phone each."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xhht.accounts.access import (
    EVERYWHERE,
    Capability,
    scope_paths,
    under_paths,
    visible_places,
)
from xhht.accounts.models import Body, User
from xhht.centres.models import Centre, HeadCount, LearningClass, Topic
from xhht.places.models import Level, Place
from xhht.registry.filters import PlaceChoiceField
from xhht.registry.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def class_places(user: User) -> Any:
    """Communes and hamlets (and a province's own) where the user may run classes."""
    places = visible_places(user, Capability.MANAGE_CLASSES).current()
    return places.filter(level__in=[Level.PROVINCE, Level.COMMUNE, Level.HAMLET]).order_by("path")


def class_centres(user: User) -> Any:
    return (
        Centre.objects.visible_to(user, Capability.MANAGE_CLASSES)
        .filter(status=Centre.Status.ACTIVE)
        .select_related("place")
        .order_by("sort_key", "pk")
    )


def usable_topics(user: User) -> Any:
    """The national catalogue and the topics of the provinces the user works in."""
    prefixes = scope_paths(user, Capability.VIEW)
    if EVERYWHERE in prefixes:
        return Topic.objects.filter(active=True)
    roots = {Place.ids_in_path(prefix)[0] for prefix in prefixes}
    return Topic.objects.filter(Q(province__isnull=True) | Q(province_id__in=roots), active=True)


def class_bodies(user: User) -> Any:
    """Bodies that may organise or join a class of the user: those of the places in the user's
    scope and of the places above it (a province's department runs classes in communes)."""
    prefixes = scope_paths(user, Capability.MANAGE_CLASSES)
    if EVERYWHERE in prefixes:
        return Body.objects.order_by("name")
    above = {pk for prefix in prefixes for pk in Place.ids_in_path(prefix)}
    inside = under_paths(prefixes, "place__path")
    return Body.objects.filter(inside | Q(place_id__in=above)).order_by("name")


class ClassForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.none(), label=gettext_lazy("Chủ đề"))
    title = forms.CharField(label=gettext_lazy("Tên lớp, hoạt động"), max_length=250)
    centre = forms.ModelChoiceField(
        queryset=Centre.objects.none(),
        required=False,
        label=gettext_lazy("Cơ sở tổ chức"),
        help_text=gettext_lazy("Để trống nếu lớp học tại thôn, nhà văn hóa… rồi chọn địa bàn."),
    )
    place = PlaceChoiceField(
        queryset=Place.objects.none(), required=False, label=gettext_lazy("Địa bàn")
    )
    start_date = forms.DateField(label=gettext_lazy("Ngày bắt đầu"), widget=DATE)
    end_date = forms.DateField(label=gettext_lazy("Ngày kết thúc"), required=False, widget=DATE)
    organiser = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label=gettext_lazy("Cơ quan chủ trì")
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label=gettext_lazy("Cơ quan phối hợp"),
        widget=forms.CheckboxSelectMultiple,
    )
    teachers = forms.CharField(
        label=gettext_lazy("Giáo viên, báo cáo viên"), max_length=500, required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["topic"].queryset = usable_topics(user)
        centres = class_centres(user)
        fields["centre"].queryset = centres
        places = class_places(user)
        fields["place"].queryset = places
        bodies = class_bodies(user)
        fields["organiser"].queryset = bodies
        fields["partners"].queryset = bodies
        if centres.count() == 1:
            self.initial.setdefault("centre", centres.first())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("centre") and not data.get("place"):
            self.add_error("place", _("Hãy chọn cơ sở tổ chức hoặc địa bàn."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không được trước ngày bắt đầu."))
        return data


class SessionForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Ngày học"), widget=DATE)
    hours = forms.DecimalField(
        label=gettext_lazy("Số giờ"),
        min_value=Decimal("0.5"),
        max_value=Decimal("24"),
        decimal_places=1,
        initial=Decimal("2"),
    )
    subject = forms.CharField(
        label=gettext_lazy("Nội dung buổi học"), max_length=300, required=False
    )


class HeadCountForm(forms.Form):
    """One number per (sex, age group): a field named ``<sex>_<group>``."""

    def __init__(self, *args: Any, learning_class: LearningClass, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = {(h.sex, h.age_group): h.count for h in learning_class.head_counts.all()}
        for sex, sex_label in Person.Sex.choices:
            for group, group_label in HeadCount.AgeGroup.choices:
                self.fields[f"{sex}_{group}"] = forms.IntegerField(
                    label=f"{sex_label} – {group_label}",
                    min_value=0,
                    max_value=100_000,
                    initial=stored.get((sex, group), 0),
                )

    def counts(self) -> dict[tuple[str, str], int]:
        return {
            (sex, group): self.cleaned_data[f"{sex}_{group}"] or 0
            for sex in Person.Sex.values
            for group in HeadCount.AgeGroup.values
        }
