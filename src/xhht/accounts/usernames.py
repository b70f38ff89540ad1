"""User names: ASCII letters, digits and . _ - only, compared after NFKC normalisation.

Django's login form normalises what is typed with NFKC (``ｎｇｕｙｅｎ`` becomes ``nguyen``), so a
name stored in another form could be created but never used to log in. Every path that creates
an account (the management form, ``actions.create_account``, Django's admin and
``createsuperuser`` through the model field's validator) normalises and checks the same way.
"""

from __future__ import annotations

import unicodedata

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

USERNAME_MESSAGE = _(
    "Tên đăng nhập chỉ gồm chữ cái không dấu (a–z, A–Z), chữ số và các ký tự . _ - "
    "(không dấu cách, không chữ có dấu)."
)

username_validator = RegexValidator(r"\A[A-Za-z0-9._-]+\Z", message=USERNAME_MESSAGE)


def normalise_username(raw: str) -> str:
    """What the login form compares: NFKC (full-width letters become ASCII), no outer spaces."""
    return unicodedata.normalize("NFKC", raw).strip()
