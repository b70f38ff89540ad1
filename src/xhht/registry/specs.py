"""What differs between the four registries, so their list, detail and form views stay one set."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.forms import ModelForm
from django.utils.translation import gettext_lazy as _
from django_filters import FilterSet

from xhht.accounts.models import User
from xhht.registry import access, filters, forms
from xhht.registry.models import Clan, Household, Person, Unit


@dataclass(frozen=True)
class Registry:
    key: str  # household, person, clan, unit: URL names are "<key>_list", "<key>_detail"…
    title: Any  # the registry's name in Vietnamese (lazy)
    model: type[Any]
    filterset: type[FilterSet]
    form: type[ModelForm[Any]]
    get_for_user: Callable[..., Any]
    list_related: tuple[str, ...]
    importable: bool

    def list_queryset(self, user: User) -> QuerySet[Any]:
        rows = self.model.objects.visible_to(user).select_related(*self.list_related)
        if self.key == "household":
            rows = rows.annotate(member_count=Count("members"))
        elif self.key == "clan":
            rows = rows.annotate(household_count=Count("households"))
        return rows.order_by("sort_key", "id")  # type: ignore[no-any-return]  # the registry's model is one of several (Any)


REGISTRIES: dict[str, Registry] = {
    r.key: r
    for r in [
        Registry(
            "household",
            _("Hộ gia đình"),
            Household,
            filters.HouseholdFilter,
            forms.HouseholdForm,
            access.get_household_for_user,
            ("place",),
            True,
        ),
        Registry(
            "person",
            _("Công dân"),
            Person,
            filters.PersonFilter,
            forms.PersonForm,
            access.get_person_for_user,
            ("place", "household"),
            True,
        ),
        Registry(
            "clan",
            _("Dòng họ"),
            Clan,
            filters.ClanFilter,
            forms.ClanForm,
            access.get_clan_for_user,
            ("commune",),
            True,
        ),
        Registry(
            "unit",
            _("Đơn vị"),
            Unit,
            filters.UnitFilter,
            forms.UnitForm,
            access.get_unit_for_user,
            ("place",),
            True,
        ),
    ]
}
