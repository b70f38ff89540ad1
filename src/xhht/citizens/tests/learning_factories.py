"""Objects the citizen's learning tests (and the permission matrix) build."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from xhht.centres.models import Topic
from xhht.centres.tests.record_factories import citizen_person
from xhht.citizens.learning import add_own_learning
from xhht.citizens.learning_models import StudiedLine
from xhht.criteria.models import Title
from xhht.recognition import actions
from xhht.recognition.models import Assessment
from xhht.recognition.tests.factories import decision_data, make_set
from xhht.registry.models import Person
from xhht.resources.models import Resource
from xhht.testing.world import World

__all__ = [
    "certificate_photo",
    "citizen_assessment",
    "citizen_person",
    "recognise",
    "resource",
    "studied_line",
]


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def certificate_photo(name: str = "chung-chi.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


def resource(
    w: World,
    title: str = "Kỹ năng số cho mọi người",
    *,
    state: str = Resource.State.PUBLISHED,
    topic: str | None = Topic.DIGITAL_SKILLS,
) -> Resource:
    """A resource of the province's Sở (published unless told), on a national topic."""
    item = Resource.objects.create(
        title=title,
        kind=Resource.Kind.COURSE,
        licence=Resource.Licence.CC_BY,
        body=w.body,
        place=w.body.place,
        province=w.province,
        state=state,
    )
    if topic is not None:
        item.topics.add(Topic.objects.get(code=topic, province__isnull=True))
    return item


def studied_line(w: World, person: Person | None = None) -> StudiedLine:
    """A line of the citizen's own, with a resource and a certificate photo."""
    person = person or w.once("citizen_person", citizen_person)
    entry = add_own_learning(
        user=w.citizen,
        person=person,
        kind="online_course",
        title="",
        year=2026,
        hours=Decimal("8"),
        resource=w.once("resource", resource),
        certificate=certificate_photo(),
    )
    return StudiedLine.objects.get(entry=entry)


def citizen_assessment(w: World, person: Person, *, group: str = "nong_dan") -> Assessment:
    """The citizen's "Công dân học tập" of this year, registered by the hamlet, group chosen."""
    citizen_set = make_set(w, Title.CITIZEN)
    assessment = actions.register(
        actor=w.hamlet_head,
        title=Title.CITIZEN,
        subject=person,
        year=timezone.localdate().year,
        criteria_set=citizen_set,
    )
    return actions.save_answers(actor=w.hamlet_head, assessment=assessment, answers={}, group=group)


def recognise(w: World, assessment: Assessment) -> Assessment:
    """Self-assessed, reviewed, proposed (the hamlet) and recognised (the commune)."""
    marks = {"1.1": {"points": "8"}, "2.1": {"points": "7"}}
    actions.submit_self_assessment(
        actor=w.hamlet_head, assessment=assessment, answers=marks, group=assessment.group
    )
    actions.review(actor=w.hamlet_head, assessment=assessment, marks=marks)
    actions.propose(actor=w.hamlet_head, assessment=assessment)
    actions.recognise(actor=w.commune_officer, assessments=[assessment], data=decision_data())
    assessment.refresh_from_db()
    return assessment
