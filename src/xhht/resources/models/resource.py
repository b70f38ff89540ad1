"""A learning resource: what it is, for whom, under which licence, who offers it, and where it
stands in the curator's workflow (draft → submitted → published | returned; withdrawn)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import EVERYWHERE, Capability, acting_scope, under_paths
from xhht.accounts.models import Body, User
from xhht.centres.models import Campaign, Centre, LearningClass, Topic
from xhht.core.text import fold
from xhht.places.models import Place
from xhht.registry.models import NamedRecord

#: The languages resources here are mostly in, named as Vietnamese readers name them
#: (Django's own names read "Tiếng Việt Nam", "Tiếng Tàu"); others from Django's list.
LANGUAGE_NAMES = {
    "vi": _("Tiếng Việt"),
    "en": _("Tiếng Anh"),
    "km": _("Tiếng Khmer"),
    "zh": _("Tiếng Trung"),
    "fr": _("Tiếng Pháp"),
}


def resource_file_name(instance: Resource, filename: str) -> str:
    """A random stored name (the original name is kept in ``file_name`` for the download)."""
    extension = filename.rpartition(".")[2].lower()[:8] or "bin"
    return f"resources/{uuid.uuid4().hex}.{extension}"


class ResourceQuerySet(models.QuerySet["Resource"]):
    def visible_to(self, user: User, capability: str = Capability.VIEW) -> ResourceQuerySet:
        """Resources whose contributor's place lies in the user's scope for ``capability``;
        a role held at a body acts for that body's resources only (as tasks and reports)."""
        prefixes, bodies = acting_scope(user, capability)
        if EVERYWHERE in prefixes:
            return self.all()  # (Q() | Q(…) would keep only the second)
        in_places = under_paths(prefixes, "place__path")
        return self.filter(in_places | Q(body_id__in=bodies) if bodies else in_places)

    def published(self) -> ResourceQuerySet:
        """What the public sees and harvesters collect."""
        return self.filter(state=Resource.State.PUBLISHED)

    def search(self, query: str) -> ResourceQuerySet:
        """Matches with or without diacritics: "ky nang so" finds "Kỹ năng số"."""
        folded = fold(query)
        return self.filter(search_text__contains=folded) if folded else self

    def of_province(self, province: Place) -> ResourceQuerySet:
        return self.filter(province=province)


class Resource(NamedRecord):
    """Học liệu: a video, document, course, audio, book or website, by link or uploaded file."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("Video")
        DOCUMENT = "document", _("Tài liệu")
        COURSE = "course", _("Khóa học")
        AUDIO = "audio", _("Âm thanh")
        BOOK = "book", _("Sách")
        WEBSITE = "website", _("Trang web")

    class Audience(models.TextChoices):
        CHILDREN = "children", _("Trẻ em")
        YOUTH = "youth", _("Thanh thiếu niên")
        ADULTS = "adults", _("Người lớn")
        ELDERLY = "elderly", _("Người cao tuổi")
        OFFICERS = "officers", _("Cán bộ, công chức")
        EVERYONE = "everyone", _("Mọi người")

    class Level(models.TextChoices):
        BASIC = "basic", _("Cơ bản")
        INTERMEDIATE = "intermediate", _("Trung cấp")
        ADVANCED = "advanced", _("Nâng cao")

    class Licence(models.TextChoices):
        CC0 = "cc0", _("CC0 (dành cho công chúng)")
        CC_BY = "cc_by", _("CC BY (ghi công)")
        CC_BY_SA = "cc_by_sa", _("CC BY-SA (ghi công, chia sẻ tương tự)")
        CC_BY_NC = "cc_by_nc", _("CC BY-NC (ghi công, phi thương mại)")
        CC_BY_NC_SA = "cc_by_nc_sa", _("CC BY-NC-SA (ghi công, phi thương mại, chia sẻ tương tự)")
        CC_BY_ND = "cc_by_nd", _("CC BY-ND (ghi công, không phái sinh)")
        CC_BY_NC_ND = "cc_by_nc_nd", _("CC BY-NC-ND (ghi công, phi thương mại, không phái sinh)")
        PUBLIC_DOMAIN = "public_domain", _("Phạm vi công cộng")
        OTHER = "other", _("Khác, bảo lưu mọi quyền")

    class State(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã công bố")
        RETURNED = "returned", _("Trả lại để sửa")
        WITHDRAWN = "withdrawn", _("Đã rút")

    #: The licence deeds (Creative Commons 4.0; CC0 1.0; the Public Domain Mark).
    LICENCE_URLS: ClassVar[dict[str, str]] = {
        "cc0": "https://creativecommons.org/publicdomain/zero/1.0/",
        "cc_by": "https://creativecommons.org/licenses/by/4.0/",
        "cc_by_sa": "https://creativecommons.org/licenses/by-sa/4.0/",
        "cc_by_nc": "https://creativecommons.org/licenses/by-nc/4.0/",
        "cc_by_nc_sa": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        "cc_by_nd": "https://creativecommons.org/licenses/by-nd/4.0/",
        "cc_by_nc_nd": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
        "public_domain": "https://creativecommons.org/publicdomain/mark/1.0/",
    }
    #: States a contributor may still edit.
    EDITABLE_STATES: ClassVar[frozenset[str]] = frozenset({"draft", "returned", "withdrawn"})

    #: The stable public identifier (harvesting, links that outlive a renamed title).
    uid = models.UUIDField(_("mã định danh"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("tên học liệu"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    kind = models.CharField(_("loại học liệu"), max_length=20, choices=Kind.choices)
    topics = models.ManyToManyField(
        Topic, related_name="resources", blank=True, verbose_name=_("chủ đề")
    )
    audience = models.CharField(
        _("đối tượng"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    level = models.CharField(
        _("trình độ"), max_length=20, choices=Level.choices, default=Level.BASIC
    )
    #: An ISO 639-1 code ("vi", "en", "km").
    language = models.CharField(_("ngôn ngữ (mã ISO)"), max_length=12, default="vi")
    licence = models.CharField(_("giấy phép"), max_length=20, choices=Licence.choices)
    author = models.CharField(_("tác giả"), max_length=300, blank=True)
    publisher = models.CharField(_("nhà xuất bản, đơn vị phát hành"), max_length=300, blank=True)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    file = models.FileField(_("tệp"), upload_to=resource_file_name, max_length=200, blank=True)
    #: The uploaded file's original name, real type (by content), size and SHA-256.
    file_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    file_type = models.CharField(_("kiểu tệp"), max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    file_sha256 = models.CharField(max_length=64, blank=True)
    # The contributor: a centre (school, university, TTHTCĐ…) or a body; exactly one.
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("cơ sở cung cấp"),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("cơ quan cung cấp"),
    )
    #: The contributor's place (scopes who sees it) and its province (whose curator approves).
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="resources", verbose_name=_("địa bàn")
    )
    province = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="province_resources", verbose_name=_("tỉnh")
    )
    classes = models.ManyToManyField(
        LearningClass, related_name="resources", blank=True, verbose_name=_("dùng cho lớp học")
    )
    campaigns = models.ManyToManyField(
        Campaign, related_name="resources", blank=True, verbose_name=_("dùng cho đợt hưởng ứng")
    )
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đóng góp"),
    )
    submitted_at = models.DateTimeField(_("ngày gửi duyệt"), null=True, blank=True)
    curator = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    curated_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày công bố"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0)
    download_count = models.PositiveIntegerField(_("lượt tải"), default=0)

    audit_exclude: ClassVar[frozenset[str]] = frozenset({"view_count", "download_count"})

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("học liệu")
        verbose_name_plural = _("học liệu")
        indexes = [
            models.Index(fields=["state", "sort_key"], name="resource_state_sorted"),
            models.Index(fields=["province", "state"], name="resource_province_state"),
            # OAI-PMH pages walk (updated_at, id) past a resumption token: a range scan.
            models.Index(fields=["updated_at", "id"], name="resource_oai_paging"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(centre__isnull=True, body__isnull=False)
                | Q(centre__isnull=False, body__isnull=True),
                name="resource_one_contributor",
                violation_error_message=_("Học liệu do một cơ sở hoặc một cơ quan cung cấp."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def search_source(self) -> str:
        return f"{self.title} {self.author} {self.publisher}"

    def sort_source(self) -> str:
        return self.title

    def audit_place(self) -> Place:
        return self.place

    @property
    def contributor(self) -> Centre | Body | None:
        return self.centre if self.centre_id is not None else self.body

    @property
    def language_name(self) -> str:
        """The language as a reader says it ("Tiếng Việt"), not its ISO code; the code if unknown."""
        code = self.language.strip().lower()
        named = LANGUAGE_NAMES.get(code.split("-")[0])
        if named is not None:
            return str(named)
        try:
            return str(get_language_info(code)["name_translated"])
        except KeyError:
            return self.language

    @property
    def licence_url(self) -> str:
        """The licence's deed ("" for "other, all rights reserved")."""
        return self.LICENCE_URLS.get(self.licence, "")

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def editable(self) -> bool:
        return self.state in self.EDITABLE_STATES
