"""The rules a person's record keeps, each written once: the model's fields carry them (so the
forms check them through ``full_clean``) and the importers and sheets take their messages from
them for their "Dòng N: …" rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xhht.registry import pii

EARLIEST_BIRTH_YEAR = 1900

T = TypeVar("T")


def validate_birth_year(year: int) -> None:
    last = datetime.date.today().year
    if not EARLIEST_BIRTH_YEAR <= year <= last:
        raise ValidationError(
            _("Năm sinh phải từ %(first)s đến %(last)s.")
            % {"first": EARLIEST_BIRTH_YEAR, "last": last},
            code="birth_year",
        )


def validate_birth_date(day: datetime.date) -> None:
    if day > datetime.date.today():
        raise ValidationError(_("Ngày sinh không được sau hôm nay."), code="birth_date")


def validate_cccd(number: str) -> None:
    """A CCCD number (already normalised, ``pii.normalise_cccd``): exactly 12 digits."""
    if not pii.is_valid_cccd(number):
        raise ValidationError(_("Số CCCD phải gồm đúng 12 chữ số."), code="cccd")


def problem(validator: Callable[[T], None], value: T) -> str | None:
    """The message ``validator`` gives for ``value`` (a row's problem), or None when it passes."""
    try:
        validator(value)
    except ValidationError as error:
        return error.messages[0]
    return None
