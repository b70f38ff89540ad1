"""Cần Thơ's learning-city profile (``learning_city``): the city's facts the application asks
for, left empty where no official figure was found (area, GDP, years of schooling), and a few
sections written in Vietnamese and English so the documents show both; the figures are the
demo's own data. A second run changes nothing."""

from __future__ import annotations

from xhht.accounts.models import User
from xhht.learning_city import actions
from xhht.learning_city.models import CityProfile
from xhht.places.models import Place

TEXTS: dict[str, tuple[str, str]] = {
    "motivation": (
        "Cần Thơ là trung tâm vùng Đồng bằng sông Cửu Long. Thành phố xây dựng xã hội học tập "
        "để mọi người dân, ở mọi lứa tuổi, có cơ hội học tập suốt đời.",
        "Can Tho is the centre of the Mekong Delta. The city builds a learning society so that "
        "every resident, at every age, has the chance to learn throughout life.",
    ),
    "families": (
        "Các phường, xã công nhận Gia đình học tập, Dòng họ học tập và Cộng đồng học tập hằng "
        "năm; trung tâm học tập cộng đồng mở lớp theo nhu cầu của người dân.",
        "Wards and communes recognise learning families, clans and communities every year; the "
        "community learning centres open classes on what residents ask for.",
    ),
    "culture": (
        "Tuần lễ hưởng ứng học tập suốt đời được tổ chức hằng năm vào tháng 10 ở mọi phường, xã.",
        "The lifelong-learning week is held every October in every ward and commune.",
    ),
    "political_will": (
        "Ban Chỉ đạo xây dựng xã hội học tập của thành phố do Phó Chủ tịch UBND làm Trưởng ban.",
        "The city's steering committee for the learning society is chaired by a Vice-Chairman "
        "of the People's Committee.",
    ),
}


def seed_learning_city(*, province: Place, coordinator: User) -> CityProfile:
    profile = CityProfile.objects.filter(place=province).first()
    if profile is not None:
        return profile
    profile = actions.save_profile(
        user=coordinator,
        place=province,
        values={
            "name_en": "Can Tho City",
            "contact_organisation": "Sở Giáo dục và Đào tạo thành phố Cần Thơ",
        },
    )
    for key, (vi, en) in TEXTS.items():
        actions.save_text(user=coordinator, place=province, key=key, text_vi=vi, text_en=en)
    return profile
