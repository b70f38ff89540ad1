"""The structure of a learning-city profile: the three areas of UNESCO's Key Features of Learning
Cities (the wider benefits, the major building blocks, the fundamental conditions) with their
features, and the two narrative questions of the GNLC membership application form (motivation,
implementation). Each section lists the live figures XHHT computes for it (``figures``) and takes
a text the province writes in Vietnamese and English. Titles are the published area and feature
names as far as they were found (docs/LEARNING_CITY.md cites where); the guidance lines are ours,
not UNESCO's questions. Bilingual data, not gettext: the English document is English whatever
the reader's interface language."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Area(StrEnum):
    APPLICATION = "application"
    BENEFITS = "benefits"
    BUILDING_BLOCKS = "building_blocks"
    CONDITIONS = "conditions"


AREA_TITLES: dict[Area, dict[str, str]] = {
    Area.APPLICATION: {"vi": "Thông tin đăng ký", "en": "Application"},
    Area.BENEFITS: {
        "vi": "Lợi ích rộng lớn của việc xây dựng thành phố học tập",
        "en": "Wider benefits of building a learning city",
    },
    Area.BUILDING_BLOCKS: {
        "vi": "Các nội dung chính của thành phố học tập",
        "en": "Major building blocks of a learning city",
    },
    Area.CONDITIONS: {
        "vi": "Các điều kiện nền tảng",
        "en": "Fundamental conditions for building a learning city",
    },
}


@dataclass(frozen=True)
class Section:
    key: str
    area: Area
    title: dict[str, str]
    guidance: dict[str, str]
    figures: tuple[str, ...] = ()


def _s(
    key: str, area: Area, vi: str, en: str, hint_vi: str, hint_en: str, *figures: str
) -> Section:
    return Section(key, area, {"vi": vi, "en": en}, {"vi": hint_vi, "en": hint_en}, figures)


A, B, K, C = Area.APPLICATION, Area.BENEFITS, Area.BUILDING_BLOCKS, Area.CONDITIONS

SECTIONS: tuple[Section, ...] = (
    _s("motivation", A, "Lý do tham gia Mạng lưới", "Motivation for adopting the learning city concept",
       "Bối cảnh xã hội và lý do thành phố muốn trở thành thành phố học tập (tối đa 200 từ).",
       "The city's social context and motivation for becoming a learning city (max. 200 words)."),
    _s("implementation", A, "Cách thành phố triển khai", "How the city implements the learning city concept",
       "Giới thiệu các hoạt động của thành phố, kèm đường dẫn báo cáo (tối đa 200 từ).",
       "An introduction to the city's actions, with links to reports (max. 200 words).",
       "population"),
    _s("empowerment", B, "Trao quyền cho cá nhân và gắn kết xã hội",
       "Individual empowerment and social cohesion",
       "Kết quả đối với người dân, nhóm yếu thế, sự gắn kết cộng đồng.",
       "Results for citizens, vulnerable groups and community cohesion.",
       "citizens_recognised", "communities_recognised"),
    _s("prosperity", B, "Phát triển kinh tế và thịnh vượng văn hóa",
       "Economic development and cultural prosperity",
       "Học tập gắn với việc làm, thu nhập, văn hóa địa phương.",
       "Learning linked to jobs, income and local culture."),
    _s("sustainability", B, "Phát triển bền vững", "Sustainable development",
       "Học tập vì môi trường, khí hậu, đô thị bền vững.",
       "Learning for the environment, the climate and a sustainable city."),
    _s("education_system", K, "Học tập hòa nhập trong hệ thống giáo dục",
       "Inclusive learning in the education system",
       "Từ giáo dục cơ bản đến đại học: phổ cập, xóa mù chữ, tiếp cận cho mọi người.",
       "From basic to higher education: universal education, literacy, access for all.",
       "literacy_15_60"),
    _s("families", K, "Học tập trong gia đình và cộng đồng",
       "Learning in families and communities",
       "Gia đình học tập, dòng họ học tập, cộng đồng học tập, trung tâm học tập cộng đồng.",
       "Learning families, clans and communities; community learning centres.",
       "families_recognised", "clans_recognised", "centres_active", "classes", "learners"),
    _s("workplace", K, "Học tập cho công việc và tại nơi làm việc",
       "Learning for and in the workplace",
       "Đơn vị học tập, bồi dưỡng cán bộ, đào tạo nghề.",
       "Learning units, staff training, vocational training.",
       "units_recognised"),
    _s("technologies", K, "Mở rộng ứng dụng công nghệ học tập hiện đại",
       "Extending the use of modern learning technologies",
       "Học liệu mở, học trực tuyến, kỹ năng số.",
       "Open learning resources, online learning, digital skills.",
       "open_resources"),
    _s("quality", K, "Nâng cao chất lượng học tập", "Enhancing quality in learning",
       "Người học hoàn thành khóa học, kết quả học tập được ghi nhận.",
       "Learners completing courses, learning recorded and recognised.",
       "learners_completed", "record_lines"),
    _s("culture", K, "Xây dựng văn hóa học tập suốt đời",
       "Fostering a culture of learning throughout life",
       "Tuần lễ hưởng ứng học tập suốt đời, ngày sách, các sự kiện tôn vinh người học.",
       "The lifelong-learning week, the book day, events that celebrate learners.",
       "campaign_participants"),
    _s("political_will", C, "Quyết tâm và cam kết chính trị", "Political will and commitment",
       "Nghị quyết, kế hoạch, ban chỉ đạo xây dựng xã hội học tập.",
       "Resolutions, plans and the steering committee for the learning society."),
    _s("governance", C, "Quản trị và sự tham gia của các bên",
       "Governance and participation of all stakeholders",
       "Phối hợp giữa các sở, ngành, đoàn thể, Hội Khuyến học, doanh nghiệp.",
       "Coordination of departments, mass organisations, the Study Promotion Association, business."),
    _s("resources", C, "Huy động và sử dụng nguồn lực",
       "Mobilisation and use of resources",
       "Ngân sách, xã hội hóa, quỹ khuyến học.",
       "State budget, socialisation, study-promotion funds."),
)  # fmt: skip  # a table of bilingual texts reads better one section to a block

SECTION_KEYS = frozenset(s.key for s in SECTIONS)


def section(key: str) -> Section | None:
    return next((s for s in SECTIONS if s.key == key), None)


def sections_of(area: Area) -> list[Section]:
    return [s for s in SECTIONS if s.area == area]
