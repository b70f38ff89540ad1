"""The citizen's own learning: the steps of the page "Học tập của tôi".

* ``add_own_learning``: a course finished, a book read, a resource studied from the catalogue,
  with an optional photo of the certificate. The line itself is ``centres.record.declare_learning``
  (one learning record, confirmed by an officer as any self-declared line); what the record does
  not hold (the resource, the photo) is a ``StudiedLine`` beside it. The photo is checked by
  content and stored like an assessment's evidence (``core.files``): a refused or failed upload
  leaves neither a line nor a file.
* ``declare_digital_skills``: the citizen's yes/no declaration of the year.
* ``digital_skills_of``: that declaration and the digital-skills classes of the year's record.
* ``current_assessment`` and ``attach_certificate``: the photo of a line attached as evidence of
  an item of the citizen's own "Công dân học tập" self-assessment of the year (recognition's
  ``add_evidence``: the same checks, limits and trail as a photo chosen on that page).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import User
from xhht.audit.context import acting_as
from xhht.centres.models import LearningEntry, Topic
from xhht.centres.record import declare_learning
from xhht.citizens.learning_models import DigitalSkills, StudiedLine
from xhht.core.files import UploadRefused, check_upload, store
from xhht.core.workflow import StepRefused
from xhht.criteria.models import Title
from xhht.recognition import actions as recognition
from xhht.recognition.models import Assessment, Evidence, State
from xhht.registry.models import Person
from xhht.resources.models import Resource

#: A photo of a certificate: images only (a PDF certificate is attached to the assessment).
CERTIFICATE_TYPES = frozenset({"image/jpeg", "image/png"})


def _own(user: User, person: Person) -> None:
    require(user, Capability.SELF_SERVICE)
    if person.user_id is None or person.user_id != user.pk:
        raise StepRefused(_("Chỉ tự khai được học tập của chính mình."))


def add_own_learning(
    *,
    user: User,
    person: Person,
    kind: str,
    title: str,
    year: int,
    hours: Decimal,
    source: str = "",
    result: str = "",
    topic: Topic | None = None,
    resource: Resource | None = None,
    certificate: UploadedFile | None = None,
) -> LearningEntry:
    """Declare a line of one's own learning (counted once an officer confirms it), with the
    catalogue resource studied and a photo of the certificate when given."""
    _own(user, person)
    if resource is not None:
        if not Resource.objects.published().filter(pk=resource.pk).exists():
            raise StepRefused(_("Học liệu này chưa được công bố hoặc đã bị gỡ."))
        title = title.strip() or resource.title
        topic = topic or resource.topics.order_by("pk").first()
    line = StudiedLine(resource=resource)
    if certificate is not None:
        try:
            checked = check_upload(certificate, certificate.size or 0)
        except UploadRefused as exc:
            raise StepRefused(exc.message) from exc
        if checked.content_type not in CERTIFICATE_TYPES:
            raise StepRefused(_("Ảnh giấy chứng nhận phải là ảnh chụp (JPEG hoặc PNG)."))
        line.certificate_name = (certificate.name or "")[:200]
        line.certificate_type = checked.content_type
        line.certificate_size = checked.size
        line.certificate_sha256 = checked.sha256
        try:
            store(line.certificate, certificate, "certificate")
        except UploadRefused as exc:
            raise StepRefused(exc.message) from exc
    try:
        with transaction.atomic(), acting_as(user):
            entry = declare_learning(
                user=user,
                person=person,
                year=year,
                kind=kind,
                title=title,
                hours=hours,
                source=source,
                result=result,
                topic=topic,
            )
            if resource is not None or certificate is not None:
                line.entry = entry
                line.save()
    except Exception:
        if line.certificate:
            line.certificate.delete(save=False)  # nothing half-saved: no orphan file
        raise
    return entry


def declare_digital_skills(
    *,
    user: User,
    person: Person,
    year: int,
    self_update: bool,
    online_learning: bool,
    online_services: bool,
) -> DigitalSkills:
    """The citizen's declaration of the year (a second one the same year replaces it)."""
    _own(user, person)
    with transaction.atomic(), acting_as(user):
        skills = DigitalSkills.objects.select_for_update().filter(
            person=person, year=year
        ).first() or DigitalSkills(person=person, year=year)
        skills.person = person
        skills.self_update = self_update
        skills.online_learning = online_learning
        skills.online_services = online_services
        skills.save()
    return skills


@dataclass(frozen=True)
class DigitalStanding:
    """A person's digital skills in a year: their declaration and the record's proof."""

    declared: DigitalSkills | None
    #: Titles of the year's completed "Kỹ năng số" classes and confirmed self-declared lines.
    learned: tuple[str, ...]

    @property
    def skilled(self) -> bool:
        return bool(self.learned) or (self.declared is not None and self.declared.any)


def digital_learning() -> Q:
    """Lines that prove digital skills: a completed class or a confirmed self-declared line of
    the national topic "Kỹ năng số"."""
    counted = Q(kind=LearningEntry.Kind.CLASS, participation__completed=True) | Q(
        confirmed_at__isnull=False
    )
    return counted & Q(topic__code=Topic.DIGITAL_SKILLS)


def digital_skills_of(person: Person, year: int) -> DigitalStanding:
    """Two queries: the declaration and the lines of the year."""
    lines = LearningEntry.objects.filter(digital_learning(), person=person, year=year)
    return DigitalStanding(
        declared=DigitalSkills.objects.filter(person=person, year=year).first(),
        learned=tuple(lines.order_by("title").values_list("title", flat=True)),
    )


def current_assessment(person: Person, year: int) -> Assessment | None:
    """The person's "Công dân học tập" of ``year`` still open to their self-assessment."""
    found = (
        Assessment.objects.filter(title=Title.CITIZEN, person=person, year=year)
        .exclude(state=State.WITHDRAWN)
        .select_related("criteria_set", "place")
        .first()
    )
    return found if found is not None and found.is_editable() else None


def attach_certificate(
    *, user: User, line: StudiedLine, assessment: Assessment, item_code: str
) -> Evidence:
    """A copy of the line's photo becomes evidence of ``item_code`` (checked again there)."""
    person = line.entry.person
    _own(user, person)
    if assessment.person_id != person.pk:
        raise StepRefused(_("Chỉ đính kèm được vào hồ sơ của chính mình."))
    if not line.certificate:
        raise StepRefused(_("Dòng học tập này không có ảnh giấy chứng nhận."))
    with line.certificate.open("rb") as stored:
        copy = SimpleUploadedFile(
            line.certificate_name or "giay-chung-nhan.jpg", stored.read(), line.certificate_type
        )
    return recognition.add_evidence(
        actor=user, assessment=assessment, item_code=item_code, upload=copy
    )
