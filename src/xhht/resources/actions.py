"""The resource workflow: contributors create, edit, submit and withdraw; the province's curator
publishes or returns with a reason. Keyword-only, atomic, audited; a step that cannot be taken
raises ``core.workflow.StepRefused`` (``ChangedMeanwhile`` for the second of two at once) and
saves nothing.

``draft | returned | withdrawn → submitted → published | returned``; a published or submitted
resource may be withdrawn by its contributor, and a published one returned by the curator.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, acting_scope, can, path_under
from xhht.accounts.models import Body, User
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.centres.models import Campaign, Centre, LearningClass, Topic
from xhht.core.files import CheckedFile, UploadRefused, store
from xhht.core.workflow import ChangedMeanwhile, StepRefused, Transitions, move_row
from xhht.places.models import Place
from xhht.resources import counters
from xhht.resources.files import ALLOWED, check_resource_file
from xhht.resources.models import Resource

S = Resource.State
TRANSITIONS: Transitions = {
    "submit_resource": (frozenset({S.DRAFT, S.RETURNED, S.WITHDRAWN}), S.SUBMITTED),
    "publish_resource": (frozenset({S.SUBMITTED}), S.PUBLISHED),
    "return_resource": (frozenset({S.SUBMITTED, S.PUBLISHED}), S.RETURNED),
    "withdraw_resource": (frozenset({S.SUBMITTED, S.PUBLISHED}), S.WITHDRAWN),
}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


@dataclass
class ResourceFields:
    """What a contributor describes (the form, an imported row)."""

    title: str
    kind: str
    licence: str
    description: str = ""
    audience: str = Resource.Audience.EVERYONE
    level: str = Resource.Level.BASIC
    language: str = "vi"
    author: str = ""
    publisher: str = ""
    url: str = ""
    topics: Sequence[Topic] = field(default_factory=list)
    classes: Sequence[LearningClass] = field(default_factory=list)
    campaigns: Sequence[Campaign] = field(default_factory=list)


def may_contribute_for(user: User, *, centre: Centre | None, body: Body | None) -> bool:
    """Whether ``user`` may offer resources in the name of ``centre`` or ``body``."""
    prefixes, bodies = acting_scope(user, Capability.CONTRIBUTE_RESOURCES)
    if centre is not None:
        return path_under(centre.place.path, prefixes)
    if body is not None:
        return body.pk in bodies or path_under(body.place.path, prefixes)
    return False


def may_edit(user: User, resource: Resource) -> bool:
    prefixes, bodies = acting_scope(user, Capability.CONTRIBUTE_RESOURCES)
    return path_under(resource.place.path, prefixes) or resource.body_id in bodies


def may_curate(user: User, resource: Resource) -> bool:
    return can(user, Capability.CURATE_RESOURCES, resource.province)


def create_resource(
    *,
    user: User,
    fields: ResourceFields,
    centre: Centre | None = None,
    body: Body | None = None,
    upload: UploadedFile | None = None,
) -> Resource:
    """A new draft offered by ``centre`` or ``body`` (exactly one)."""
    if (centre is None) == (body is None):
        raise StepRefused(_("Hãy chọn một cơ sở hoặc một cơ quan cung cấp học liệu."))
    if not may_contribute_for(user, centre=centre, body=body):
        raise StepRefused(_("Bạn không đóng góp học liệu thay cho đơn vị này."))
    place: Place = centre.place if centre is not None else body.place  # type: ignore[union-attr]  # one of them is set, checked above
    resource = Resource(centre=centre, body=body, place=place, province_id=place.root_id)
    resource.created_by = user
    _check_fields(user, fields, place=place, has_file=upload is not None)
    checked = _checked(upload)
    with transaction.atomic(), acting_as(user):
        _describe(resource, fields)
        with _stored(resource, upload, checked):
            resource.full_clean(exclude=["file", "topics", "classes", "campaigns"])
            resource.save()
        _relate(resource, fields)
    return resource


def update_resource(
    *, user: User, resource: Resource, fields: ResourceFields, upload: UploadedFile | None = None
) -> Resource:
    """A contributor edits a draft, returned or withdrawn resource (a new file replaces the old)."""
    if not may_edit(user, resource):
        raise StepRefused(_("Bạn không sửa được học liệu này."))
    checked = _checked(upload)
    _check_fields(
        user, fields, place=resource.place, has_file=upload is not None or bool(resource.file)
    )
    with transaction.atomic(), acting_as(user):
        locked = Resource.objects.select_for_update().select_related("place").get(pk=resource.pk)
        if not locked.editable:
            raise StepRefused(
                _("Học liệu đang chờ duyệt hoặc đã công bố: hãy rút lại trước khi sửa.")
            )
        old_name = locked.file.name if upload is not None else ""
        _describe(locked, fields)
        with _stored(locked, upload, checked):
            locked.full_clean(exclude=["file", "topics", "classes", "campaigns"])
            locked.save()
        _relate(locked, fields)
        if old_name:
            storage = locked.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return locked


def submit_resource(*, user: User, resource: Resource) -> Resource:
    """The contributor sends the resource to the province's curator."""
    if not may_edit(user, resource):
        raise StepRefused(_("Bạn không gửi duyệt được học liệu này."))
    if not (resource.url or resource.file):
        raise StepRefused(_("Học liệu cần một đường dẫn hoặc một tệp trước khi gửi duyệt."))
    return _step(
        user,
        resource,
        "submit_resource",
        changes={"submitted_at": timezone.now(), "return_reason": ""},
    )


def publish_resource(*, user: User, resource: Resource) -> Resource:
    """The curator of the province publishes: the public sees it, harvesters collect it."""
    _check_curator(user, resource)
    now = timezone.now()
    changes = {"curator": user, "curated_at": now, "published_at": now, "return_reason": ""}
    return _step(user, resource, "publish_resource", changes=changes)


def return_resource(*, user: User, resource: Resource, reason: str) -> Resource:
    """The curator sends it back with a reason the contributor reads (also a published one)."""
    reason = reason.strip()
    if not reason:
        raise StepRefused(_("Hãy ghi lý do trả lại để người đóng góp biết cần sửa gì."))
    _check_curator(user, resource)
    changes = {"curator": user, "curated_at": timezone.now(), "return_reason": reason[:2000]}
    return _step(user, resource, "return_resource", changes=changes, reason=reason)


def withdraw_resource(*, user: User, resource: Resource, reason: str = "") -> Resource:
    """The contributor takes a submitted or published resource back out of the catalogue."""
    if not may_edit(user, resource):
        raise StepRefused(_("Bạn không rút được học liệu này."))
    return _step(user, resource, "withdraw_resource", changes={}, reason=reason.strip())


def _check_curator(user: User, resource: Resource) -> None:
    if not may_curate(user, resource):
        raise StepRefused(_("Chỉ người duyệt học liệu của tỉnh mới công bố hoặc trả lại được."))
    if resource.created_by_id is not None and resource.created_by_id == user.pk:
        raise StepRefused(_("Không thể tự duyệt học liệu do chính mình đóng góp."))


def _step(
    user: User, resource: Resource, step: str, *, changes: dict[str, object], reason: str = ""
) -> Resource:
    before = resource.state
    with transaction.atomic(), acting_as(user, reason=reason):
        if before not in TRANSITIONS[step][0]:
            raise StepRefused(
                _("Học liệu đang ở trạng thái “%(state)s”: không làm được bước này.")
                % {"state": resource.get_state_display()}
            )
        changes = {**changes, "updated_at": timezone.now()}
        with counters.following([resource.pk]):
            target = move_row(
                Resource.objects.all(),
                pk=resource.pk,
                step=step,
                transitions=TRANSITIONS,
                states=[before],
                changes=changes,
                stale=lambda: ChangedMeanwhile(
                    _("Học liệu vừa được người khác thay đổi. Hãy tải lại trang và thử lại.")
                ),
            )
        for name, value in changes.items():
            setattr(resource, name, value)
        resource.state = target
        resource.remember_stored()
        record_step(
            actor=user,
            obj=resource,
            step=step,
            place=resource.place,
            before={"state": before},
            after={"state": target},
            reason=reason,
        )
    return resource


def _check_fields(user: User, fields: ResourceFields, *, place: Place, has_file: bool) -> None:
    problems: list[str] = []
    if not fields.title.strip():
        problems.append(_("Hãy ghi tên học liệu."))
    if fields.kind not in Resource.Kind.values:
        problems.append(_("Loại học liệu không hợp lệ."))
    if fields.licence not in Resource.Licence.values:
        problems.append(_("Giấy phép không hợp lệ."))
    if fields.audience not in Resource.Audience.values:
        problems.append(_("Đối tượng không hợp lệ."))
    if fields.level not in Resource.Level.values:
        problems.append(_("Trình độ không hợp lệ."))
    if not _LANGUAGE.match(fields.language):
        problems.append(_("Ngôn ngữ ghi bằng mã ISO 639 (ví dụ “vi”, “en”)."))
    if fields.url:
        try:
            URLValidator(schemes=["http", "https"])(fields.url)
        except ValidationError:
            problems.append(_("Đường dẫn phải bắt đầu bằng http:// hoặc https://."))
    elif not has_file:
        problems.append(_("Hãy ghi đường dẫn hoặc tải lên một tệp."))
    usable = set(Topic.objects.usable_at(place).values_list("pk", flat=True))
    if any(topic.pk not in usable for topic in fields.topics):
        problems.append(_("Có chủ đề không thuộc danh mục dùng được ở địa bàn này."))
    if fields.classes:
        seen = LearningClass.objects.visible_to(user, Capability.VIEW)
        if seen.filter(pk__in=[c.pk for c in fields.classes]).count() != len(set(fields.classes)):
            problems.append(_("Có lớp học ngoài phạm vi của bạn."))
    if fields.campaigns:
        seen_campaigns = Campaign.objects.visible_to(user, Capability.VIEW)
        wanted = {c.pk for c in fields.campaigns}
        if seen_campaigns.filter(pk__in=wanted).count() != len(wanted):
            problems.append(_("Có đợt hưởng ứng ngoài phạm vi của bạn."))
    if problems:
        raise StepRefused("", problems)


def _checked(upload: UploadedFile | None) -> CheckedFile | None:
    if upload is None:
        return None
    try:
        return check_resource_file(upload, upload.size or 0, upload.name or "")
    except UploadRefused as refusal:
        raise StepRefused(refusal.message) from refusal


def _describe(resource: Resource, fields: ResourceFields) -> None:
    resource.title = fields.title.strip()[:300]
    resource.description = fields.description.strip()
    resource.kind = fields.kind
    resource.audience = fields.audience
    resource.level = fields.level
    resource.language = fields.language
    resource.licence = fields.licence
    resource.author = fields.author.strip()[:300]
    resource.publisher = fields.publisher.strip()[:300]
    resource.url = fields.url.strip()


def _relate(resource: Resource, fields: ResourceFields) -> None:
    resource.topics.set(fields.topics)
    resource.classes.set(fields.classes)
    resource.campaigns.set(fields.campaigns)


@contextlib.contextmanager
def _stored(
    resource: Resource, upload: UploadedFile | None, checked: CheckedFile | None
) -> Iterator[None]:
    """Write the checked file (if any) into the storage, and delete it again when what follows
    fails: a refused save leaves no file behind."""
    if upload is None or checked is None:
        yield
        return
    stem = (upload.name or "").rpartition("/")[2].rpartition(".")[0] or "hoc-lieu"
    original = f"{stem[:150]}.{ALLOWED[checked.content_type]}"
    store(resource.file, upload, original)
    resource.file_name = original
    resource.file_type = checked.content_type
    resource.file_size = checked.size
    resource.file_sha256 = checked.sha256
    try:
        yield
    except BaseException:
        with contextlib.suppress(OSError):
            resource.file.storage.delete(resource.file.name)
        raise
