"""Commendation records for tests and the permission matrix, placed in the test world."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xhht.accounts.models import User
from xhht.commendation import actions
from xhht.commendation.models import Award, Movement, Nomination, NominationEvidence
from xhht.places.models import Place
from xhht.registry.models import Person
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

DECISION_DATE = datetime.date(2026, 11, 5)


def movement(w: World, place: Place | None = None) -> Movement:
    return actions.open_movement(
        actor=w.coordinator,
        name="Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
        place=place or w.province,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        criteria="Tích cực học tập suốt đời\nGiúp đỡ người khác cùng học",
        basis="Quyết định số 1315/QĐ-TTg ngày 09/11/2023",
    )


def person(w: World) -> Person:
    return w.once("person", registry_factories.person)


def nomination(w: World, subject: object | None = None, actor: User | None = None) -> Nomination:
    """A draft nomination (of the test world's person, by the hamlet head unless told)."""
    return actions.nominate(
        actor=actor or w.hamlet_head,
        movement=w.once("movement", movement),
        subject=subject or person(w),  # type: ignore[arg-type]  # a subject model
        achievements="Mở tủ sách tại nhà cho trẻ em khu vực 1 đọc miễn phí.",
    )


def submitted(w: World) -> Nomination:
    return actions.submit(actor=w.hamlet_head, nomination=nomination(w))


def reviewed(w: World) -> Nomination:
    return actions.agree(
        actor=w.reviewer, nomination=submitted(w), votes_for=7, votes_against=0, note="Nhất trí."
    )


def decided(w: World) -> Nomination:
    return actions.decide(
        actor=w.commune_officer,
        nomination=reviewed(w),
        award=Award.COMMUNE_CERTIFICATE,
        issuer="Ủy ban nhân dân Phường Ninh Kiều",
        decision_number="125/QĐ-UBND",
        decision_date=DECISION_DATE,
        signer_title="Chủ tịch",
        signer_name="Trần Văn Chủ",
    )


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


def evidence(w: World) -> NominationEvidence:
    upload = SimpleUploadedFile("tu-sach.jpg", jpeg_bytes(), content_type="image/jpeg")
    return actions.add_evidence(
        actor=w.hamlet_head, nomination=w.once("nomination", nomination), upload=upload
    )
