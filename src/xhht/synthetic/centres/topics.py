"""The catalogue the generator draws classes and talks from: topics of the national catalogue
with their weights, titles, sizes, sessions and ages; who teaches them; age groups and grades."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xhht.centres.models import HeadCount, Topic


@dataclass(frozen=True)
class TopicPlan:
    weight: float
    titles: tuple[str, ...]
    participants: tuple[int, int]
    sessions: tuple[int, int]
    hours: Decimal  # per session
    ages: tuple[int, int]
    graded: bool = False  # results "Đạt", "Khá", "Giỏi" rather than "Hoàn thành"
    certified: bool = False  # a certificate for those who complete it


#: Classes with named participants, by topic code of the national catalogue.
CLASS_TOPICS: dict[str, TopicPlan] = {
    Topic.LITERACY: TopicPlan(
        1, ("Lớp xóa mù chữ mức độ 1", "Lớp xóa mù chữ mức độ 2"), (6, 18), (16, 30),
        Decimal("3"), (15, 60), graded=True, certified=True,
    ),
    Topic.POST_LITERACY: TopicPlan(
        0.5, ("Lớp giáo dục tiếp tục sau khi biết chữ",), (6, 15), (12, 20), Decimal("3"),
        (15, 60), graded=True,
    ),
    Topic.DIGITAL_SKILLS: TopicPlan(
        4, ("Kỹ năng số cơ bản cho người dân", "Dùng điện thoại thông minh và dịch vụ công trực "
            "tuyến", "Thanh toán không dùng tiền mặt an toàn", "Kỹ năng số cho người cao tuổi"),
        (12, 30), (4, 8), Decimal("2"), (15, 75), graded=True, certified=True,
    ),
    Topic.INFO_LITERACY: TopicPlan(
        1.5, ("Tìm kiếm và đánh giá thông tin trên mạng", "Nhận diện tin giả, lừa đảo trực "
              "tuyến"), (12, 30), (2, 4), Decimal("2"), (15, 70),
    ),
    Topic.LIFE_SKILLS: TopicPlan(
        3, ("Kỹ năng sống cho thanh thiếu niên", "Phòng, chống đuối nước", "Kỹ năng làm cha mẹ",
            "Sơ cứu, cấp cứu ban đầu"), (15, 35), (3, 6), Decimal("2"), (15, 45),
    ),
    Topic.AGRICULTURE: TopicPlan(
        3, ("Kỹ thuật trồng lúa chất lượng cao", "Chăn nuôi gà an toàn sinh học",
            "Trồng rau theo tiêu chuẩn VietGAP", "Nuôi trồng thủy sản"),
        (15, 40), (3, 6), Decimal("3"), (18, 70), certified=True,
    ),
    Topic.VOCATIONAL: TopicPlan(
        1.5, ("Sơ cấp nghề may công nghiệp", "Sửa chữa máy nông nghiệp", "Nghề nấu ăn",
              "Đan lát thủ công mỹ nghệ"), (10, 25), (15, 30), Decimal("4"), (18, 55),
        graded=True, certified=True,
    ),
    Topic.FOREIGN_LANGUAGES: TopicPlan(
        1, ("Tiếng Anh giao tiếp cơ bản",), (10, 25), (12, 24), Decimal("2"), (10, 45),
        graded=True, certified=True,
    ),
    Topic.HEALTH: TopicPlan(
        1.5, ("Chăm sóc sức khỏe người cao tuổi", "Dinh dưỡng cho trẻ dưới 5 tuổi"), (15, 35),
        (2, 4), Decimal("2"), (18, 85),
    ),
    Topic.CULTURE: TopicPlan(
        1, ("Câu lạc bộ đọc sách", "Câu lạc bộ hát dân ca", "Câu lạc bộ văn nghệ"), (10, 30),
        (6, 12), Decimal("2"), (10, 80),
    ),
}  # fmt: skip
#: Talks and events counted by sex and age group, by topic code.
TALK_TOPICS: dict[str, tuple[str, ...]] = {
    Topic.LAW: (
        "Tuyên truyền Luật Đất đai năm 2024",
        "Phổ biến pháp luật về trật tự, an toàn giao thông",
        "Phòng, chống bạo lực gia đình",
    ),
    Topic.HEALTH: ("Phòng, chống sốt xuất huyết", "Khám và tư vấn sức khỏe cộng đồng"),
    Topic.CULTURE: ("Ngày hội đọc sách", "Giao lưu văn nghệ mừng Xuân"),
    Topic.AGRICULTURE: ("Hội thảo đầu bờ: chuyển đổi cây trồng",),
}
#: Who teaches, by topic (roles, not names: the generator makes no teacher up).
TEACHERS: dict[str, str] = {
    Topic.LITERACY: "Giáo viên Trường Tiểu học {short}",
    Topic.POST_LITERACY: "Giáo viên Trường Trung học cơ sở {short}",
    Topic.DIGITAL_SKILLS: "Tổ công nghệ số cộng đồng {where}",
    Topic.INFO_LITERACY: "Đoàn Thanh niên {where}",
    Topic.LIFE_SKILLS: "Hội Liên hiệp Phụ nữ {where}",
    Topic.AGRICULTURE: "Hội Nông dân {where}, cán bộ khuyến nông",
    Topic.VOCATIONAL: "Trung tâm giáo dục nghề nghiệp, giáo dục thường xuyên",
    Topic.FOREIGN_LANGUAGES: "Giáo viên Trường Trung học cơ sở {short}",
    Topic.HEALTH: "Trạm Y tế {where}",
    Topic.CULTURE: "Cán bộ văn hóa {where}",
    Topic.LAW: "Báo cáo viên pháp luật {where}",
}
AGE_GROUPS = (
    (HeadCount.AgeGroup.UNDER_15, 0.15),
    (HeadCount.AgeGroup.FROM_15_TO_35, 0.3),
    (HeadCount.AgeGroup.FROM_36_TO_60, 0.35),
    (HeadCount.AgeGroup.OVER_60, 0.2),
)
GRADES = (("Giỏi", 0.2), ("Khá", 0.45), ("Đạt", 0.35))
