"""REST API for the registries: read-only, the same scope (``visible_to``) and filters as the pages.

CCCD numbers never leave through the API: only the masked form.
"""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from xhht.registry.filters import ClanFilter, HouseholdFilter, PersonFilter, UnitFilter
from xhht.registry.models import Clan, Household, Person, Unit


class HouseholdSerializer(serializers.ModelSerializer[Household]):
    class Meta:
        model = Household
        fields = ["id", "code", "place", "head_name", "address"]


class PersonSerializer(serializers.ModelSerializer[Person]):
    cccd = serializers.CharField(source="masked_cccd", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "sex",
            "birth_year",
            "ethnicity",
            "education",
            "occupation",
            "place",
            "household",
            "relation",
            "unit",
            "cccd",
        ]


class ClanSerializer(serializers.ModelSerializer[Clan]):
    class Meta:
        model = Clan
        fields = ["id", "code", "name", "commune", "representative", "households"]


class UnitSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "school_level", "level", "place", "staff_count"]


class HouseholdViewSet(viewsets.ReadOnlyModelViewSet[Household]):
    serializer_class = HouseholdSerializer
    filterset_class = HouseholdFilter

    def get_queryset(self) -> QuerySet[Household]:
        return Household.objects.visible_to(self.request.user).order_by("sort_key", "id")  # type: ignore[arg-type]  # DRF's user may be anonymous; the API requires a login


class PersonViewSet(viewsets.ReadOnlyModelViewSet[Person]):
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self) -> QuerySet[Person]:
        return Person.objects.visible_to(self.request.user).order_by("sort_key", "id")  # type: ignore[arg-type]  # DRF's user may be anonymous; the API requires a login


class ClanViewSet(viewsets.ReadOnlyModelViewSet[Clan]):
    serializer_class = ClanSerializer
    filterset_class = ClanFilter

    def get_queryset(self) -> QuerySet[Clan]:
        clans = Clan.objects.visible_to(self.request.user)  # type: ignore[arg-type]  # DRF's user may be anonymous; the API requires a login
        return clans.prefetch_related("households").order_by("sort_key", "id")


class UnitViewSet(viewsets.ReadOnlyModelViewSet[Unit]):
    serializer_class = UnitSerializer
    filterset_class = UnitFilter

    def get_queryset(self) -> QuerySet[Unit]:
        return Unit.objects.visible_to(self.request.user).order_by("sort_key", "id")  # type: ignore[arg-type]  # DRF's user may be anonymous; the API requires a login
