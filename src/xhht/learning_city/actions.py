"""The province coordinator's edits of a learning-city profile: keyword-only, atomic, audited
(every save lands in the trail with its before and after through ``AuditedModel``; the actor is
the request's, or the command's ``acting_as``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from xhht.accounts.access import require
from xhht.accounts.models import User
from xhht.core.workflow import StepRefused
from xhht.learning_city.access import EDIT
from xhht.learning_city.features import SECTION_KEYS
from xhht.learning_city.models import CityProfile, ProfileText
from xhht.places.models import Place

PROFILE_FIELDS = (
    "name_en",
    "website",
    "mayor_name",
    "mayor_title",
    "contact_name",
    "contact_title",
    "contact_organisation",
    "contact_email",
    "contact_phone",
    "area_km2",
    "gdp_per_capita_usd",
    "schooling_years_men",
    "schooling_years_women",
)


def _profile(place: Place) -> CityProfile:
    profile, _ = CityProfile.objects.select_for_update().get_or_create(place=place)
    return profile


@transaction.atomic
def save_profile(*, user: User, place: Place, values: dict[str, Any]) -> CityProfile:
    """The application's facts about the city (mayor, contact, area, GDP, schooling)."""
    require(user, EDIT, place)
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    profile = CityProfile.objects.select_for_update().filter(place=place).first()
    profile = profile or CityProfile(place=place)
    for field, value in values.items():
        setattr(profile, field, value)
    profile.save()
    return profile


@transaction.atomic
def save_text(*, user: User, place: Place, key: str, text_vi: str, text_en: str) -> ProfileText:
    """What the province writes for one section, in Vietnamese and English."""
    require(user, EDIT, place)
    if key not in SECTION_KEYS:
        raise StepRefused("Không có mục này trong hồ sơ thành phố học tập.")
    profile = _profile(place)
    text = ProfileText.objects.select_for_update().filter(profile=profile, key=key).first()
    text = text or ProfileText(profile=profile, key=key)  # one trail entry: created with its text
    text.text_vi, text.text_en = text_vi.strip(), text_en.strip()
    text.save()
    return text
