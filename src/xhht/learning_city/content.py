"""What the profile's page and documents read: the profile (an unsaved one while the province
has written nothing), its texts by section and the figures of the years asked for."""

from __future__ import annotations

import datetime

from xhht.learning_city.documents import Content
from xhht.learning_city.figures import compute
from xhht.learning_city.models import CityProfile, ProfileText
from xhht.places.models import Place


def load(place: Place, *, years: list[int], today: datetime.date) -> Content:
    profile = CityProfile.objects.filter(place=place).select_related("place").first()
    if profile is None:
        profile = CityProfile(place=place)
        texts: dict[str, tuple[str, str]] = {}
    else:
        texts = {
            key: (vi, en)
            for key, vi, en in ProfileText.objects.filter(profile=profile).values_list(
                "key", "text_vi", "text_en"
            )
        }
    return Content(
        profile=profile,
        texts=texts,
        figures={year: compute(place, year) for year in years},
        today=today,
    )
