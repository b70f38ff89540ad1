"""Whole numbers from forms, query strings and files, bounded by what the database holds.

SQLite and PostgreSQL keep integers in 64 bits: a 30-digit number that reaches an INSERT or an
``IN (…)`` lookup fails deep in the driver (a 500). Forms, filters and parsers bound numbers
here first and refuse in Vietnamese, or ignore a filter no row could match.
"""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

#: The largest integer a 64-bit column holds: the largest possible id.
MAX_ID = 2**63 - 1
#: The largest count (people, households, classes…) anyone may enter: far above any real count,
#: and sums of counts over every place of the country still fit in 64 bits.
MAX_COUNT = 10**12

_WHOLE = re.compile(r"-?[0-9]{1,19}")


def bounded_int(value: Any) -> int | None:
    """A whole number a 64-bit column holds, from text or a number; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value or "").strip()
        if not _WHOLE.fullmatch(text):
            return None
        number = int(text)
    return number if -MAX_ID <= number <= MAX_ID else None


class CountField(forms.IntegerField):
    """A count entered by hand: a whole number from 0 to ``MAX_COUNT``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_COUNT)
        kwargs.setdefault(
            "error_messages",
            {
                "min_value": _("Số liệu không được âm."),
                "max_value": _("Số quá lớn: tối đa %(limit_value)s."),
                "invalid": _("Hãy nhập một số nguyên."),
            },
        )
        super().__init__(**kwargs)


class IdField(forms.IntegerField):
    """The id of a record in a query string: a positive whole number of at most 64 bits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(django_filters.NumberFilter):  # type: ignore[misc]  # django-filter is untyped
    """Filter on a foreign key's id: a value no id could have is refused (the API answers 400,
    a list page ignores it) instead of reaching the database."""

    field_class = IdField


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField[Any]):
    """A multiple choice of records by integer id that refuses, as an invalid choice, a value no
    id could have before it reaches an ``IN (…)`` lookup."""

    def clean(self, value: Any) -> Any:
        if self.to_field_name is None and isinstance(value, list | tuple):
            for pk in value:
                number = bounded_int(pk)
                if number is None or number < 1:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:20]},
                    )
        return super().clean(value)
