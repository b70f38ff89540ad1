"""Decrypting many CCCD numbers at once (an export of a province: a million of them).

``pii.decrypt_cccd`` reads one Fernet token at a time: cryptography's ``Fernet.decrypt`` builds
an HMAC, an AES-CBC cipher and an unpadder for every token, about 25–60 µs each on this machine,
which made decryption the largest cost of a million-row export. ``decrypt_many`` reads the same
tokens (the Fernet format: version byte 0x80, 8-byte timestamp, 16-byte IV, AES-128-CBC
ciphertext, HMAC-SHA256 over all of it; signing key = the first 16 bytes of the key, encryption
key = the last 16) with the same checks in the same order: the HMAC is verified first, in
constant time, with one standard-library call, then the AES blocks of every verified token of
the batch are decrypted by a single ECB call, CBC's XOR with the previous block and the PKCS7
padding undone per token. Keys are tried as ``MultiFernet`` tries them: the current one, then
the old ones. A token that no key reads gives ``None``, and the caller falls back to
``pii.reveal_cccd`` for it (which logs and marks it, as before); the timestamp is not checked
(``pii`` decrypts without a time limit either). ``test_pii_bulk`` checks the results equal
``pii.decrypt_cccd`` on the same tokens, under key rotation and tampering.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Sequence

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from xhht.registry import pii

_VERSION = 0x80
_HEADER = 1 + 8 + 16  # version, timestamp, IV
_MAC = 32
_BLOCK = 16


class BulkDecryptor:
    """The readable keys, derived once (per export): ``decrypt_many`` per batch of tokens."""

    def __init__(self) -> None:
        derived = [pii._derive(master, b"encrypt") for master in pii.master_keys()]
        self._keys = [(key[:16], key[16:]) for key in derived]

    def decrypt_many(self, tokens: Sequence[str]) -> list[str | None]:
        """Each token's number, or ``None`` when it is empty or no key reads it."""
        results: list[str | None] = [None] * len(tokens)
        raw: dict[int, bytes] = {}
        for at, token in enumerate(tokens):
            if not token:
                continue
            try:
                data = base64.urlsafe_b64decode(token.encode())
            except (binascii.Error, ValueError):
                continue
            body = len(data) - _HEADER - _MAC
            if data[:1] == bytes([_VERSION]) and body > 0 and body % _BLOCK == 0:
                raw[at] = data
        for signing, encryption in self._keys:
            verified = [
                at
                for at, data in raw.items()
                if hmac.compare_digest(hmac.digest(signing, data[:-_MAC], "sha256"), data[-_MAC:])
            ]
            if not verified:
                continue
            decryptor = Cipher(algorithms.AES(encryption), modes.ECB()).decryptor()  # noqa: S305  # CBC done by hand below
            plain = decryptor.update(b"".join(raw[at][_HEADER:-_MAC] for at in verified))
            decryptor.finalize()
            offset = 0
            for at in verified:
                data = raw.pop(at)
                size = len(data) - _HEADER - _MAC
                results[at] = _unchain(plain[offset : offset + size], data[9:-_MAC])
                offset += size
        return results


def _unchain(blocks: bytes, chain: bytes) -> str | None:
    """CBC: each decrypted block XOR the ciphertext block before it (the IV for the first),
    then the PKCS7 padding removed; ``None`` when the padding is wrong."""
    size = len(blocks)
    mixed = int.from_bytes(blocks, "big") ^ int.from_bytes(chain[:size], "big")
    out = mixed.to_bytes(size, "big")
    pad = out[-1]
    if not 1 <= pad <= _BLOCK or out[-pad:] != bytes([pad]) * pad:
        return None
    try:
        return out[:-pad].decode()
    except UnicodeDecodeError:
        return None
