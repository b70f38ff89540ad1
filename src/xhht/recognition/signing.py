"""Ed25519 signatures over the canonical JSON of a certificate, checkable without the server.

The signing key is a 32-byte seed, hex or base64, from ``XHHT_SIGNING_KEY``. Without it a
development or test server generates one and keeps it in ``XHHT_DATA_DIR/signing-key``; a
production server refuses to sign. The public key is published at ``/recognition/verify/key/``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import os
from typing import Any

from django.conf import settings
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from xhht.env import ConfigError


def canonical(payload: dict[str, Any]) -> bytes:
    """Sorted keys, no spaces, UTF-8: the exact bytes that are signed."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _decode_seed(raw: str) -> bytes:
    raw = raw.strip()
    try:
        seed = bytes.fromhex(raw) if len(raw) == 64 else base64.b64decode(raw, validate=True)
    except (ValueError, binascii.Error) as exc:
        raise ConfigError("XHHT_SIGNING_KEY: expected 32 bytes as hex or base64") from exc
    if len(seed) != 32:
        raise ConfigError("XHHT_SIGNING_KEY: expected 32 bytes as hex or base64")
    return seed


@functools.cache
def signing_key() -> SigningKey:
    raw = os.environ.get("XHHT_SIGNING_KEY", "") or getattr(settings, "XHHT_SIGNING_KEY", "")
    if raw:
        return SigningKey(_decode_seed(raw))
    if not (settings.DEBUG or getattr(settings, "TESTING", False)):
        raise ConfigError("XHHT_SIGNING_KEY is not set: certificates cannot be signed")
    path = settings.DATA_DIR / "signing-key"
    if path.exists():
        return SigningKey(_decode_seed(path.read_text()))
    key = SigningKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bytes(key).hex())
    path.chmod(0o600)
    return key


def public_key() -> VerifyKey:
    return signing_key().verify_key


def key_id(key: VerifyKey | None = None) -> str:
    return hashlib.sha256(bytes(key or public_key())).hexdigest()[:16]


def sign(payload: dict[str, Any]) -> str:
    return signing_key().sign(canonical(payload)).signature.hex()


def verify(payload: dict[str, Any], signature_hex: str, key: VerifyKey | None = None) -> bool:
    try:
        (key or public_key()).verify(canonical(payload), bytes.fromhex(signature_hex))
    except (BadSignatureError, ValueError):
        return False
    return True
