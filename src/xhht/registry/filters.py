"""Filters shared by the registry pages, their XLSX exports and the API (NetBox's habit).

``q`` matches with or without diacritics on the record's own text and on its place's name, so
"nguyen van an" finds "Nguyễn Văn An" and "khu vuc 1" finds the households of "Khu vực 1".
``place`` keeps the rows of a place's whole subtree and offers only places the user may see.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import Capability
from xhht.accounts.scoped import ScopedQuerySet
from xhht.core.http import user_of
from xhht.core.numbers import IdFilter
from xhht.core.text import fold
from xhht.places.models import Place
from xhht.registry.access import places_for
from xhht.registry.models import Clan, Household, Person, Unit


class PlaceChoiceField(forms.ModelChoiceField[Place]):
    """A place select indented by depth: a commune, then its hamlets."""

    def label_from_instance(self, obj: Place) -> str:
        return "\u2003" * max(0, obj.depth - 1) + obj.name


class PlaceFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]  # django-filter is untyped
    field_class = PlaceChoiceField


def _visible_places(request: HttpRequest | None) -> QuerySet[Place]:
    if request is None or not request.user.is_authenticated:
        return Place.objects.none()
    return places_for(user_of(request), Capability.VIEW)


class RegistryFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm (có hoặc không dấu)"))
    place = PlaceFilter(queryset=_visible_places, method="filter_place", label=_("Địa bàn"))

    #: The place whose name a search also matches.
    place_field = "place"

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        folded = fold(value)
        if not folded:
            return queryset
        own = Q(search_text__contains=folded)
        return queryset.filter(own | Q(**{f"{self.place_field}__search_text__contains": folded}))

    def filter_place(self, queryset: QuerySet[Any], name: str, value: Place) -> QuerySet[Any]:
        path_field = queryset.place_path_field if isinstance(queryset, ScopedQuerySet) else ""
        return queryset.filter(**{f"{path_field or 'place__path'}__startswith": value.path})


class HouseholdFilter(RegistryFilter):
    class Meta:
        model = Household
        fields = ["q", "place"]


class PersonFilter(RegistryFilter):
    sex = django_filters.ChoiceFilter(choices=Person.Sex.choices, label=_("Giới tính"))
    education = django_filters.ChoiceFilter(
        choices=Person.Education.choices, label=_("Trình độ học vấn")
    )
    occupation = django_filters.ChoiceFilter(
        choices=Person.Occupation.choices, label=_("Nhóm nghề nghiệp")
    )
    household = IdFilter(field_name="household_id", widget=forms.HiddenInput)
    unit = IdFilter(field_name="unit_id", widget=forms.HiddenInput)

    class Meta:
        model = Person
        fields = ["q", "place", "sex", "education", "occupation", "household", "unit"]


class ClanFilter(RegistryFilter):
    place_field = "commune"

    class Meta:
        model = Clan
        fields = ["q", "place"]


class UnitFilter(RegistryFilter):
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices, label=_("Loại"))
    level = django_filters.ChoiceFilter(choices=Unit.Level.choices, label=_("Cấp quản lý"))

    class Meta:
        model = Unit
        fields = ["q", "place", "kind", "level"]
