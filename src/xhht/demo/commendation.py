"""The demo's emulation and commendation: the province's movement (QĐ 1315/QĐ-TTg, 09/11/2023:
“Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời” 2023–2030) and, from the
hamlet head's hamlet, nominations in every state, made through the app's steps
(``commendation.actions``): one decided (a Giấy khen of the commune chairman, shown on the
person's page), one the council agreed (for the commune officer to decide), one waiting for the
council (the reviewer), one returned with its reasons, one still a draft. The movement's criteria
are left for the province to enter (the seed invents none). A second run finds the movement by
its name and adds nothing.
"""

from __future__ import annotations

import datetime

from xhht.accounts.models import User
from xhht.commendation import actions
from xhht.commendation.models import Award, Movement
from xhht.places.models import Place
from xhht.registry.models import Household, Person

MOVEMENT_NAME = "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời 2023–2030"
BASIS = "Quyết định số 1315/QĐ-TTg ngày 09/11/2023 của Thủ tướng Chính phủ"
CRITERIA = (
    "Các tiêu chí thi đua theo Quyết định số 1315/QĐ-TTg (tỉnh nhập nội dung chi tiết theo văn "
    "bản phát động của tỉnh)."
)
ACHIEVEMENTS = [
    "Mở tủ sách tại nhà cho trẻ em trong khu vực đến đọc miễn phí; vận động các hộ cùng góp sách.",
    "Tự học tin học và hướng dẫn người cao tuổi trong khu vực dùng dịch vụ công trực tuyến.",
    "Tham gia đầy đủ các lớp của trung tâm học tập cộng đồng, vận động con cháu cùng học.",
    "Hộ gia đình có các thành viên đều tham gia học tập thường xuyên, con cháu học giỏi.",
    "Hướng dẫn bà con trồng rau an toàn theo kiến thức học được tại lớp khuyến nông.",
]


def seed_commendation(
    *,
    coordinator: User,
    province: Place,
    hamlet: Place,
    hamlet_head: User,
    reviewer: User,
    commune_officer: User,
    today: datetime.date,
) -> int:
    """The movement and its nominations; returns how many nominations were written."""
    if Movement.objects.filter(place=province, name=MOVEMENT_NAME).exists():
        return 0
    movement = actions.open_movement(
        actor=coordinator,
        name=MOVEMENT_NAME,
        place=province,
        start_date=datetime.date(2023, 11, 9),
        end_date=datetime.date(2030, 12, 31),
        criteria=CRITERIA,
        basis=BASIS,
    )
    people = list(
        Person.objects.filter(place=hamlet, birth_year__lte=today.year - 18).order_by("pk")[:4]
    )
    household = Household.objects.filter(place=hamlet).order_by("pk").first()
    subjects: list[Person | Household] = [*people, *([household] if household else [])]
    made = []
    for subject, achievements in zip(subjects, ACHIEVEMENTS, strict=False):
        made.append(
            actions.nominate(
                actor=hamlet_head, movement=movement, subject=subject, achievements=achievements
            )
        )
    for nomination in made[:4]:
        actions.submit(actor=hamlet_head, nomination=nomination)
    if len(made) > 0:
        actions.agree(actor=reviewer, nomination=made[0], votes_for=7, votes_against=0)
        actions.decide(
            actor=commune_officer,
            nomination=made[0],
            award=Award.COMMUNE_CERTIFICATE,
            issuer=actions.default_issuer(made[0], Award.COMMUNE_CERTIFICATE),
            decision_number="01/QĐ-UBND",
            decision_date=today,
            signer_title="Chủ tịch",
            signer_name="Trần Văn Xã",
        )
    if len(made) > 1:
        actions.agree(
            actor=reviewer,
            nomination=made[1],
            note="Hội đồng nhất trí đề nghị Chủ tịch Ủy ban nhân dân tặng Giấy khen.",
        )
    if len(made) > 3:
        actions.return_nomination(
            actor=reviewer,
            nomination=made[3],
            reason="Bổ sung ảnh chụp hoặc xác nhận của trung tâm học tập cộng đồng về các lớp đã học.",
        )
    return len(made)
