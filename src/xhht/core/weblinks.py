"""Links taken from user data (a criteria set's sources, …): only ``http`` and ``https``.

A browser ignores tabs and line breaks anywhere in a URL, leading and trailing control characters
and spaces, and the case of the scheme, so ``" JaVa\\tScRiPt:alert(1)"`` runs script when
clicked. ``web_scheme`` reads the scheme the way a browser does; a value whose scheme is not
``http``/``https`` (or that has none) is never put in an ``href``: it is shown as text
(``core.templatetags.weblinks``), and any other scheme is refused on input (``check_web_link``).
"""

from __future__ import annotations

import re

WEB_SCHEMES = frozenset({"http", "https"})
_REMOVED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_EDGE = "".join(chr(code) for code in range(0x21))  # C0 controls and the space


def web_scheme(value: str) -> str | None:
    """The scheme a browser would read from ``value`` (lower case), ``None`` when it has none."""
    cleaned = _REMOVED.sub("", value).strip(_EDGE).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def is_web_link(value: str) -> bool:
    """True for an absolute ``http``/``https`` URL: safe to put in an ``href``."""
    return web_scheme(value) in WEB_SCHEMES


def check_web_link(value: str) -> str | None:
    """What is wrong with a link typed by a user (Vietnamese), ``None`` when it may be stored.

    Empty, an ``http``/``https`` URL, or text with no scheme at all (a document's number, shown
    as text) may be stored; any other scheme (``javascript:``, ``data:``, ``file:``…) may not.
    """
    scheme = web_scheme(value)
    if scheme is None or scheme in WEB_SCHEMES:
        return None
    return (
        f"địa chỉ dạng “{scheme}:” không được phép; chỉ dùng địa chỉ web bắt đầu bằng "
        "http:// hoặc https://"
    )
