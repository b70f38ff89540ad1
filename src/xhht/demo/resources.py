"""The demo's open learning resources (``resources``), made through the workflow's steps.

In the demo province (Cần Thơ): twenty published resources from three kinds of contributor,
the first commune's community learning centre (offered by its commune officer ``xa1``), the
body officer's department (``coquan``) and a university at the province (``tinh``, published by
the administrator, since nobody approves their own), among them several "Kỹ năng số …"; three
more submitted and waiting in the curator's queue (``tinh``); the centre's collection "Tủ học
liệu kỹ năng số". The links are placeholders (example.org): the demo names no real address it
cannot vouch for. A second run finds the resources of the province and adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from xhht.accounts.models import Body, User
from xhht.audit.context import acting_as
from xhht.centres.models import Centre, Topic
from xhht.demo.centres import demo_centre
from xhht.places.models import Place
from xhht.resources.actions import (
    ResourceFields,
    create_resource,
    publish_resource,
    submit_resource,
)
from xhht.resources.models import Collection, CollectionItem, Resource

K, L, A = Resource.Kind, Resource.Licence, Resource.Audience
UNIVERSITY_CODE = "DEMO-DH"
#: (title, kind, licence, audience, topic code, author): the centre's published resources.
CENTRE_RESOURCES = [
    (
        "Kỹ năng số cơ bản: dùng điện thoại thông minh an toàn",
        K.VIDEO,
        L.CC_BY,
        A.ELDERLY,
        "digital_skills",
        "Tổ công nghệ số cộng đồng",
    ),
    (
        "Kỹ năng số: cài đặt và dùng VNeID",
        K.VIDEO,
        L.CC_BY,
        A.ADULTS,
        "digital_skills",
        "Tổ công nghệ số cộng đồng",
    ),
    (
        "Kỹ năng số: nhận biết tin nhắn, cuộc gọi lừa đảo",
        K.DOCUMENT,
        L.CC_BY_SA,
        A.EVERYONE,
        "digital_skills",
        "Công an phường",
    ),
    (
        "Kỹ năng số: thanh toán không dùng tiền mặt",
        K.VIDEO,
        L.CC_BY,
        A.ADULTS,
        "digital_skills",
        "Tổ công nghệ số cộng đồng",
    ),
    (
        "Kỹ năng số: nộp hồ sơ trên Cổng dịch vụ công",
        K.COURSE,
        L.CC_BY_NC,
        A.ADULTS,
        "digital_skills",
        "Bộ phận một cửa phường",
    ),
    (
        "Sổ tay an toàn giao thông cho học sinh",
        K.BOOK,
        L.CC_BY,
        A.CHILDREN,
        "law",
        "Đoàn Thanh niên phường",
    ),
    (
        "Chăm sóc sức khỏe người cao tuổi tại nhà",
        K.AUDIO,
        L.CC_BY,
        A.ELDERLY,
        "health",
        "Trạm y tế phường",
    ),
    (
        "Trồng rau sạch trên sân thượng",
        K.VIDEO,
        L.CC_BY_SA,
        A.ADULTS,
        "agriculture",
        "Hội Nông dân phường",
    ),
]
#: The department's published resources.
BODY_RESOURCES = [
    (
        "Kỹ năng số cho cán bộ, công chức cấp xã",
        K.COURSE,
        L.CC_BY,
        A.OFFICERS,
        "digital_skills",
        "",
    ),
    ("Hỏi đáp pháp luật về đất đai", K.DOCUMENT, L.CC_BY, A.ADULTS, "law", ""),
    ("Phòng, chống đuối nước cho trẻ em", K.VIDEO, L.CC_BY, A.CHILDREN, "life_skills", ""),
    (
        "Kỹ năng sống: ứng xử văn minh trên mạng xã hội",
        K.DOCUMENT,
        L.CC_BY_SA,
        A.YOUTH,
        "life_skills",
        "",
    ),
    ("Hướng dẫn xây dựng gia đình học tập", K.DOCUMENT, L.CC_BY, A.EVERYONE, "culture", ""),
    ("Tài liệu xóa mù chữ giai đoạn 1", K.BOOK, L.CC_BY_NC_SA, A.ADULTS, "literacy", ""),
]
#: The university's published resources (open courseware).
UNIVERSITY_RESOURCES = [
    (
        "Kỹ năng số: tin học văn phòng căn bản",
        K.COURSE,
        L.CC_BY_NC_SA,
        A.YOUTH,
        "digital_skills",
        "Khoa Công nghệ thông tin",
    ),
    (
        "Tiếng Anh giao tiếp cho người mới bắt đầu",
        K.COURSE,
        L.CC_BY_NC,
        A.ADULTS,
        "foreign_languages",
        "Khoa Ngoại ngữ",
    ),
    ("Kỹ thuật nuôi cá tra bền vững", K.VIDEO, L.CC_BY, A.ADULTS, "agriculture", "Khoa Thủy sản"),
    (
        "Khởi nghiệp cho thanh niên nông thôn",
        K.COURSE,
        L.CC_BY_SA,
        A.YOUTH,
        "vocational",
        "Khoa Kinh tế",
    ),
    (
        "Bài giảng mở: văn hóa sông nước miền Tây",
        K.WEBSITE,
        L.CC_BY,
        A.EVERYONE,
        "culture",
        "Khoa Khoa học xã hội và nhân văn",
    ),
    (
        "Kỹ năng số: dạy học trực tuyến cho giáo viên",
        K.COURSE,
        L.CC_BY,
        A.OFFICERS,
        "digital_skills",
        "Khoa Sư phạm",
    ),
]
#: Submitted by the centre, waiting for the curator.
QUEUED = [
    (
        "Kỹ năng số: bảo vệ thông tin cá nhân",
        K.VIDEO,
        L.CC_BY,
        A.EVERYONE,
        "digital_skills",
        "Tổ công nghệ số cộng đồng",
    ),
    ("Phòng chống sốt xuất huyết", K.DOCUMENT, L.CC_BY, A.EVERYONE, "health", "Trạm y tế phường"),
    ("Làm bánh truyền thống Nam Bộ", K.VIDEO, L.OTHER, A.ADULTS, "vocational", ""),
]
Row = tuple[str, str, str, str, str, str]


def _fields(row: Row, number: int) -> ResourceFields:
    title, kind, licence, audience, topic, author = row
    return ResourceFields(
        title=title,
        kind=kind,
        licence=licence,
        audience=audience,
        description=_("Học liệu mẫu của bản trình diễn: %(title)s.") % {"title": title},
        author=author,
        url=f"https://example.org/hoc-lieu/{number}",
        topics=list(Topic.objects.filter(code=topic, province=None)),
    )


def _university(province: Place) -> Centre:
    found = Centre.objects.filter(code=UNIVERSITY_CODE).first()
    if found is not None:
        return found
    return Centre.objects.create(
        code=UNIVERSITY_CODE,
        name="Trường đại học (bản trình diễn)",
        kind=Centre.Kind.UNIVERSITY,
        place=province,
    )


def seed_resources(
    *,
    province: Place,
    commune: Place,
    commune_officer: User,
    body: Body,
    body_officer: User,
    coordinator: User,
    admin: User,
) -> int:
    """The resources of the module docstring; returns how many were made (0 on a second run)."""
    if Resource.objects.filter(province=province).exists():
        return 0
    centre = demo_centre(commune)
    made: list[Resource] = []
    number = 0

    def offer(
        rows: Sequence[Row], user: User, curator: User | None, **contributor: Centre | Body
    ) -> list[Resource]:
        nonlocal number
        resources = []
        for row in rows:
            number += 1
            resource = create_resource(user=user, fields=_fields(row, number), **contributor)  # type: ignore[arg-type]  # centre= or body=
            resource = submit_resource(user=user, resource=resource)
            if curator is not None:
                resource = publish_resource(user=curator, resource=resource)
            resources.append(resource)
        made.extend(resources)
        return resources

    shelf: list[Resource] = []
    if centre is not None:
        shelf = offer(CENTRE_RESOURCES, commune_officer, coordinator, centre=centre)
        offer(QUEUED, commune_officer, None, centre=centre)
    offer(BODY_RESOURCES, body_officer, coordinator, body=body)
    with acting_as(coordinator):
        university = _university(province)
    offer(UNIVERSITY_RESOURCES, coordinator, admin, centre=university)
    if centre is not None:
        with acting_as(commune_officer):
            collection = Collection.objects.create(
                centre=centre,
                name="Tủ học liệu kỹ năng số",
                description="Những học liệu kỹ năng số trung tâm dùng trong các lớp cho người cao tuổi.",
            )
            digital = [r for r in shelf if r.title.startswith("Kỹ năng số")]
            for position, resource in enumerate(digital):
                CollectionItem.objects.create(
                    collection=collection, resource=resource, position=position
                )
    return len(made)
