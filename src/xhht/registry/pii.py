"""Personal data protection for national ID numbers (CCCD), per Nghị định 13/2023/NĐ-CP.

A CCCD is stored only encrypted (Fernet: AES-128-CBC with HMAC-SHA256) and found through a keyed
hash (HMAC-SHA256), so the database file, its backups and the logs never hold the number. Both
keys derive from ``XHHT_PII_KEY`` (by default from the secret key), each for its own purpose.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from functools import cache

from cryptography.fernet import Fernet
from django.conf import settings

CCCD_PATTERN = re.compile(r"^\d{12}$")


@cache
def _key(purpose: bytes) -> bytes:
    master = (getattr(settings, "XHHT_PII_KEY", "") or settings.SECRET_KEY).encode()
    return hmac.new(master, b"xhht-pii:" + purpose, hashlib.sha256).digest()


@cache
def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key(b"encrypt")))


def normalise_cccd(raw: object) -> str:
    """Digits only; spreadsheets often turn "001234567890" into a number and drop the zeros."""
    text = str(raw).strip() if raw is not None else ""
    if text.endswith(".0"):
        text = text[:-2]
    text = re.sub(r"[\s.-]", "", text)
    if text.isdigit() and 9 <= len(text) < 12:
        text = text.zfill(12)
    return text


def is_valid_cccd(number: str) -> bool:
    return bool(CCCD_PATTERN.match(number))


def cccd_digest(number: str) -> str:
    return hmac.new(_key(b"lookup"), number.encode(), hashlib.sha256).hexdigest()


def encrypt_cccd(number: str) -> str:
    return _fernet().encrypt(number.encode()).decode()


def decrypt_cccd(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def masked_from_last3(last3: str) -> str:
    """What a reviewer without the right sees of a stored number: "*********890" ("" if none)."""
    return f"*********{last3}" if last3 else ""


def mask_cccd(number: str) -> str:
    """Only the last three digits, as banks print them: "*********890"."""
    return "*" * (len(number) - 3) + number[-3:] if len(number) > 3 else "***"
