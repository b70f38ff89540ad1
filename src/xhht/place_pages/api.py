"""REST API for places: the same scope as the pages (``visible_to``)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from xhht.accounts.access import visible_places
from xhht.core.numbers import IdFilter
from xhht.core.text import fold
from xhht.places.models import Level, Place


class PlaceSerializer(serializers.ModelSerializer[Place]):
    class Meta:
        model = Place
        fields = ["id", "level", "code", "name", "kind", "parent", "valid_from", "valid_to"]


class PlaceFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Level.choices)
    parent = IdFilter(field_name="parent_id")
    q = django_filters.CharFilter(method="filter_q", label="Tìm theo tên (có hoặc không dấu)")
    current = django_filters.BooleanFilter(field_name="valid_to", lookup_expr="isnull")

    class Meta:
        model = Place
        fields = ["level", "parent", "q", "current"]

    def filter_q(self, queryset: QuerySet[Place], name: str, value: str) -> QuerySet[Place]:
        return queryset.filter(search_text__contains=fold(value))


class PlaceViewSet(viewsets.ReadOnlyModelViewSet[Place]):
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter

    def get_queryset(self) -> QuerySet[Place]:
        return visible_places(self.request.user).order_by("sort_key", "id")
