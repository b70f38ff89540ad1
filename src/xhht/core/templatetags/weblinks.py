"""Template filters for links from user data (see ``core.weblinks``).

``{{ value|safe_url }}`` is the URL when it is ``http``/``https``, otherwise empty;
``{{ value|web_link:_("nguồn") }}`` is a link labelled with the argument when the value is a web
link, otherwise the value as plain text (escaped), never a link.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from xhht.core.weblinks import is_web_link

register = template.Library()


@register.filter
def safe_url(value: object) -> str:
    text = "" if value is None else str(value)
    return text if is_web_link(text) else ""


@register.filter
def web_link(value: object, label: object = "") -> SafeString:
    text = "" if value is None else str(value)
    if not is_web_link(text):
        return format_html('<span class="source-text">{}</span>', text)
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', text.strip(), label or text)
