"""Bulk CCCD decryption (exports, issue 19) gives what ``pii.decrypt_cccd`` gives, token by
token: under key rotation, with tampered, truncated and foreign tokens refused (``None``)."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from django.test import override_settings

from xhht.registry import pii
from xhht.registry.pii_bulk import BulkDecryptor
from xhht.registry.tests.test_pii_keys import NEW, OLD, keys


def one_by_one(token: str) -> str | None:
    try:
        return pii.decrypt_cccd(token) if token else None
    except InvalidToken:
        return None


def tampered(token: str, at: int) -> str:
    data = bytearray(base64.urlsafe_b64decode(token))
    data[at] ^= 1
    return base64.urlsafe_b64encode(bytes(data)).decode()


def test_bulk_decryption_equals_one_by_one_under_rotation_and_tampering() -> None:
    numbers = [f"0{n:011d}" for n in range(0, 10**11, 7_654_321_987)] + ["092185001234", "0"]
    with keys(XHHT_PII_KEY=OLD):
        old_tokens = [pii.encrypt_cccd(n) for n in numbers]
    with keys(XHHT_PII_KEY=NEW, XHHT_PII_OLD_KEYS=[OLD]):
        new_tokens = [pii.encrypt_cccd(n) for n in numbers]
        foreign = Fernet(Fernet.generate_key()).encrypt(b"092185009999").decode()
        bad = [
            "",
            "not base64!",
            new_tokens[0][:-8],
            tampered(new_tokens[1], 30),  # a ciphertext byte: the HMAC no longer matches
            tampered(new_tokens[2], len(base64.urlsafe_b64decode(new_tokens[2])) - 1),  # the MAC
            tampered(old_tokens[3], 0),  # the version byte
            foreign,
        ]
        tokens = new_tokens + old_tokens + bad
        expected = [one_by_one(t) for t in tokens]
        assert BulkDecryptor().decrypt_many(tokens) == expected
        assert expected[: 2 * len(numbers)] == numbers + numbers
        assert expected[2 * len(numbers) :] == [None] * len(bad)
    with keys(XHHT_PII_KEY=NEW), override_settings(DEBUG=False):  # the old key is gone
        assert BulkDecryptor().decrypt_many(old_tokens[:2]) == [None, None]
        assert BulkDecryptor().decrypt_many(new_tokens[:2]) == numbers[:2]
