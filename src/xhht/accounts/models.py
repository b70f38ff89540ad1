"""People who log in, the bodies they work for, and the roles they hold at places or bodies."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.access import scope_filter
from xhht.accounts.roles import Role
from xhht.accounts.usernames import username_validator
from xhht.core.audited import AuditedModel
from xhht.core.text import fold
from xhht.places.models import Place

#: Roles that may protect their login with a one-time code (TOTP).
OFFICER_ROLES = frozenset(Role) - {Role.CITIZEN}


class User(AbstractUser):
    #: ASCII only, as the login form reads it (accounts.usernames).
    username = models.CharField(
        _("tên đăng nhập"),
        max_length=150,
        unique=True,
        validators=[username_validator],
        error_messages={"unique": _("Tên đăng nhập này đã có người dùng.")},
    )
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    #: Username and full name without diacritics, for search ("nguyen van an" finds "Nguyễn Văn An").
    search_text = models.CharField(max_length=320, editable=False, default="")
    #: Who created the account through the management pages: they keep seeing it before it has
    #: any role.
    created_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(f"{self.username} {self.full_name}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"username", "full_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def display_name(self) -> str:
        return self.full_name or self.username


class BodyQuerySet(models.QuerySet["Body"]):
    def visible_to(self, user: User, capability: str = "view") -> BodyQuerySet:
        return self.filter(scope_filter(user, capability, "place__path"))


class Body(AuditedModel):
    """A sở, ban, ngành, UBND, đoàn thể or association at a place."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Sở, ban, ngành")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        STEERING_COMMITTEE = "steering_committee", _("Ban Chỉ đạo")
        MASS_ORGANISATION = "mass_organisation", _("Đoàn thể, tổ chức chính trị - xã hội")
        ASSOCIATION = "association", _("Hội Khuyến học")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên cơ quan"), max_length=250)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="bodies")

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan, đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="body_name_unique_per_place")
        ]

    def __str__(self) -> str:
        return self.name

    def audit_place(self) -> Place:
        return self.place


class RoleAssignment(AuditedModel):
    """A role held by a user at a place (its whole subtree) or at a body (the body's place)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="admin") | Q(place__isnull=False) | Q(body__isnull=False),
                name="role_has_place_or_body",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "place", "body"], name="role_assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        where = self.body or self.place or _("toàn quốc")
        return f"{self.user} · {self.get_role_display()} · {where}"

    def scope_place(self) -> Place | None:
        """The place whose subtree this role covers; ``None`` means the whole country."""
        if self.body_id is not None:
            return self.body.place  # type: ignore[union-attr]  # body_id is checked above
        return self.place

    def audit_place(self) -> Place | None:
        return self.scope_place()
