"""An officer who keeps the registry of a person's place makes the person's account on the spot:
the phone number (or a generated name) as the user name, a one-time password shown once, the
account linked to the record at once (the officer is the confirmation) and the step audited."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import can
from xhht.accounts.actions import generate_password
from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.accounts.usernames import USERNAME_MESSAGE, normalise_username, username_validator
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.citizens.actions import CONFIRM_CAPABILITY, generate_username
from xhht.core.workflow import StepRefused
from xhht.registry.models import Person


def phone_username(phone: str) -> str:
    """The digits of a phone number (``0912 345 678`` → ``0912345678``), or "" if too short."""
    digits = re.sub(r"\D", "", phone)
    return digits if 9 <= len(digits) <= 15 else ""


def _username(wanted: str, phone: str) -> str:
    if wanted.strip():
        name = normalise_username(wanted)
        try:
            username_validator(name)
        except ValidationError as error:
            raise StepRefused(str(USERNAME_MESSAGE)) from error
        if User.objects.filter(username__iexact=name).exists():
            raise StepRefused(_("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": name})
        return name
    by_phone = phone_username(phone)
    if by_phone and not User.objects.filter(username__iexact=by_phone).exists():
        return by_phone
    return generate_username()


def create_account_for_person(
    *, actor: User, person: Person, username: str = "", phone: str = ""
) -> tuple[User, str]:
    """The new account, linked to ``person``, and its one-time password (show it once)."""
    if not can(actor, CONFIRM_CAPABILITY, person.place):
        raise PermissionDenied
    if person.user_id is not None:
        raise StepRefused(_("Công dân này đã có tài khoản."))
    phone = (phone or person.phone).strip()
    if len(phone) > 20:
        raise StepRefused(_("Số điện thoại dài quá 20 ký tự."))
    password = generate_password()
    user = User(username=_username(username, phone), full_name=person.full_name, phone=phone)
    user.set_password(password)
    user.created_by = actor
    try:
        with transaction.atomic(), acting_as(actor):
            user.save()
            if Person.objects.filter(pk=person.pk, user__isnull=True).update(user=user) != 1:
                raise StepRefused(_("Công dân này đã có tài khoản."))
            RoleAssignment.objects.create(user=user, role=Role.CITIZEN, place=person.place)
            record_step(
                actor=actor,
                obj=person,
                step="account_created_on_the_spot",
                place=person.place,
                after={"account": user.username},
            )
    except IntegrityError as error:  # the same name taken by someone else meanwhile
        raise StepRefused(
            _("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": user.username}
        ) from error
    person.user = user
    return user, password
