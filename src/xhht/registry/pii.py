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
import time
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
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


# --- many numbers at once (the households import) -----------------------------------------------


def cccd_digests_many(numbers: list[str]) -> list[list[str]]:
    """``cccd_digests`` of each number: one-shot ``hmac.digest`` with keys derived once."""
    keys = _lookup_keys()
    return [[hmac.digest(key, n.encode(), "sha256").hex() for key in keys] for n in numbers]


def encrypt_cccd_many(numbers: list[str]) -> list[str]:
    """``encrypt_cccd`` of each number, as Fernet tokens the same as one by one (checked by
    ``test_pii_keys``): a new random IV per number, the current key, the same time stamp.

    Fernet builds an AES-CBC context, a padder and an HMAC per value; here the keys are read
    once and CBC is done block position by block position with one ECB pass over the whole
    list (C₁ = E(IV ⊕ P₁), Cₖ = E(Cₖ₋₁ ⊕ Pₖ): exactly CBC), so the cost is a few C calls per
    list plus one HMAC per token.
    """
    if not numbers:
        return []
    return encrypt_with_parts(
        [n.encode() for n in numbers],
        int(time.time()),
        [os.urandom(16) for _n in numbers],
        _current_fernet_key(),
    )


def _current_fernet_key() -> bytes:
    return _derive(master_keys()[0], b"encrypt")


def encrypt_with_parts(plain: list[bytes], now: int, ivs: list[bytes], key: bytes) -> list[str]:
    """Fernet tokens (version 0x80, time, IV, AES-128-CBC with PKCS7 padding, HMAC-SHA256) of
    ``plain`` under the 32-byte ``key``, with the given time and IVs (tests compare them with
    ``Fernet``'s own tokens built from the same parts)."""
    signing, encrypting = key[:16], key[16:]
    padded = [p + bytes([16 - len(p) % 16]) * (16 - len(p) % 16) for p in plain]
    blocks = max(len(p) for p in padded) // 16
    previous = list(ivs)
    cipher: list[list[bytes]] = [[] for _p in padded]
    ecb = Cipher(algorithms.AES(encrypting), modes.ECB()).encryptor()  # noqa: S305 - CBC built from it, block by block, with a random IV per token
    for at in range(blocks):
        which = [i for i, p in enumerate(padded) if len(p) > at * 16]
        mixed = b"".join(_xor(previous[i], padded[i][at * 16 : at * 16 + 16]) for i in which)
        out = ecb.update(mixed)
        for k, i in enumerate(which):
            previous[i] = out[k * 16 : k * 16 + 16]
            cipher[i].append(previous[i])
    stamp = b"\x80" + now.to_bytes(8, "big")
    tokens = []
    for iv, parts in zip(ivs, cipher, strict=True):
        basic = stamp + iv + b"".join(parts)
        tag = hmac.digest(signing, basic, "sha256")
        tokens.append(base64.urlsafe_b64encode(basic + tag).decode())
    return tokens


def _xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(16, "big")
