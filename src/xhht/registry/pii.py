"""Personal data protection for national ID numbers (CCCD), per Nghị định 13/2023/NĐ-CP.

A CCCD is stored only encrypted (Fernet: AES-128-CBC with HMAC-SHA256) and found through a keyed
hash (HMAC-SHA256), so the database file, its backups and the logs never hold the number. Both
keys derive from ``XHHT_PII_KEY``, each for its own purpose, and from nothing else: the secret
key can change without touching personal data. A production server refuses to start without
``XHHT_PII_KEY`` (settings); a development or test server generates one and keeps it in
``XHHT_DATA_DIR/pii-key``, as the certificate signing key does.

Rotation (docs/SECURITY.md): the former keys go into ``XHHT_PII_OLD_KEYS``, where they stay
readable (decryption tries every key, lookups every key's hash) until ``xhht rotate_pii_key``
has re-encrypted every number with the current key; then they can be removed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
import secrets
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.signals import setting_changed
from django.utils.translation import gettext as _

from xhht.env import ConfigError

logger = logging.getLogger(__name__)
CCCD_PATTERN = re.compile(r"^\d{12}$")
#: Before XHHT_PII_KEY was required, a development server derived its keys from this secret
#: key; a development server still reads (never writes) data made that way.
LEGACY_DEVELOPMENT_KEY = "development-only-key-not-for-production-use-0123456789"


def _development_key() -> str:
    """The key kept in ``XHHT_DATA_DIR/pii-key``, made on first use (never in production)."""
    if not (settings.DEBUG or getattr(settings, "TESTING", False)):
        raise ConfigError("XHHT_PII_KEY is not set: CCCD numbers cannot be read or stored")
    path = Path(settings.DATA_DIR) / "pii-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".pii-key-{os.getpid()}-{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(32))
        try:  # appears whole or not at all; two processes starting at once keep the first key
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    key = path.read_text().strip()
    if len(key) < 32:
        raise ConfigError(f"{path}: not a key; delete it to have a new one made")
    return key


def master_keys() -> list[str]:
    """The current key first, then the old ones still readable (no duplicates)."""
    current = getattr(settings, "XHHT_PII_KEY", "") or _development_key()
    old = list(getattr(settings, "XHHT_PII_OLD_KEYS", []))
    if settings.DEBUG:
        old.append(LEGACY_DEVELOPMENT_KEY)
    return list(dict.fromkeys([current, *old]))


def _derive(master: str, purpose: bytes) -> bytes:
    return hmac.new(master.encode(), b"xhht-pii:" + purpose, hashlib.sha256).digest()


@cache
def _lookup_keys() -> tuple[bytes, ...]:
    return tuple(_derive(master, b"lookup") for master in master_keys())


@cache
def _fernets() -> tuple[Fernet, ...]:
    return tuple(
        Fernet(base64.urlsafe_b64encode(_derive(master, b"encrypt"))) for master in master_keys()
    )


@cache
def _multi() -> MultiFernet:
    return MultiFernet(list(_fernets()))


def forget_keys(**kwargs: Any) -> None:
    """Drop the derived keys (a test changed the settings, or rotation changed the keys)."""
    for cached in (_lookup_keys, _fernets, _multi):
        cached.cache_clear()


setting_changed.connect(forget_keys, dispatch_uid="xhht.registry.pii.forget_keys")


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
    """The keyed hash under the current key: what is stored."""
    return hmac.new(_lookup_keys()[0], number.encode(), hashlib.sha256).hexdigest()


def cccd_digests(number: str) -> list[str]:
    """The hash under every readable key, current first: what a lookup tries during rotation."""
    return [hmac.new(key, number.encode(), hashlib.sha256).hexdigest() for key in _lookup_keys()]


def encrypt_cccd(number: str) -> str:
    return _fernets()[0].encrypt(number.encode()).decode()


def decrypt_cccd(token: str) -> str:
    """The number, with whichever readable key encrypted it; ``InvalidToken`` when none did."""
    return _multi().decrypt(token.encode()).decode()


def is_current(token: str, digest: str | None) -> bool:
    """Whether a stored (ciphertext, hash) pair already uses the current key for both."""
    try:
        number = _fernets()[0].decrypt(token.encode()).decode()
    except InvalidToken:
        return False
    return digest == cccd_digest(number)


def reveal_cccd(token: str, last3: str) -> str:
    """The number for someone allowed to see it; never an error page when no key reads it
    (a key removed too early): the masked number, marked as unreadable, and a log line."""
    if not token:
        return ""
    try:
        return decrypt_cccd(token)
    except InvalidToken:
        logger.error("a stored CCCD cannot be decrypted with XHHT_PII_KEY or XHHT_PII_OLD_KEYS")
        return f"{masked_from_last3(last3) or '***'} ({_('không giải mã được')})"


def masked_from_last3(last3: str) -> str:
    """What a reviewer without the right sees of a stored number: "*********890" ("" if none)."""
    return f"*********{last3}" if last3 else ""
