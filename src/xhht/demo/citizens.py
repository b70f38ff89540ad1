"""The demo citizen's own learning ("Học tập của tôi"): a resource of the catalogue studied with a
photo of its certificate (waiting for the commune's confirmation), a book read and confirmed, and
the digital skills of the year; so "congdan" sees the page filled and the self-assessment shows
the lines beside the items they answer. Run after ``demo.resources`` (the published resources);
a second run finds the studied line and adds nothing."""

from __future__ import annotations

import contextlib
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from xhht.accounts.models import User
from xhht.centres import record
from xhht.centres.models import LearningEntry
from xhht.citizens.learning import add_own_learning, declare_digital_skills
from xhht.citizens.learning_models import StudiedLine
from xhht.core.workflow import StepRefused
from xhht.registry.models import Person
from xhht.resources.models import Resource

BOOK = "Đọc sách “Tôi tự học” (Thu Giang Nguyễn Duy Cần)"


def certificate_photo() -> SimpleUploadedFile:
    """A made-up certificate, drawn (the demo's own, no real person's)."""
    image = Image.new("RGB", (480, 320), (250, 246, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((12, 12, 467, 307), outline=(150, 30, 30), width=6)
    draw.text((60, 120), "GIAY CHUNG NHAN HOAN THANH KHOA HOC", fill=(150, 30, 30))
    draw.text((60, 160), "Ban trinh dien XHHT", fill=(60, 60, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return SimpleUploadedFile("giay-chung-nhan.jpg", buffer.getvalue(), "image/jpeg")


def seed_citizen_learning(*, citizen: User, confirmer: User, year: int) -> int:
    """The lines of ``citizen``'s own learning (0 when they exist already or no person is
    linked); ``confirmer`` (the commune's officer) confirms the book."""
    person = Person.objects.filter(user=citizen).select_related("place").first()
    if person is None or StudiedLine.objects.filter(entry__person=person).exists():
        return 0
    published = Resource.objects.published()
    resource = (
        published.filter(title__startswith="Kỹ năng số").order_by("pk").first()
        or published.order_by("pk").first()
    )
    made = 0
    if resource is not None:
        add_own_learning(
            user=citizen,
            person=person,
            kind=LearningEntry.Kind.ONLINE_COURSE,
            title="",
            year=year,
            hours=Decimal("6"),
            source="Kho học liệu mở",
            result="Hoàn thành",
            resource=resource,
            certificate=certificate_photo(),
        )
        made += 1
    book = add_own_learning(
        user=citizen,
        person=person,
        kind=LearningEntry.Kind.BOOK,
        title=BOOK,
        year=year,
        hours=Decimal("10"),
        source="Thư viện phường",
    )
    # Confirmed by the commune's officer; any other officer cannot, and the line then waits.
    with contextlib.suppress(PermissionDenied, StepRefused):
        record.confirm_entry(user=confirmer, entry=book)
    declare_digital_skills(
        user=citizen,
        person=person,
        year=year,
        self_update=True,
        online_learning=True,
        online_services=False,
    )
    return made + 1
