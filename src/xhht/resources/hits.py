"""Counting views and downloads without counting everything that asks: only a GET from
something that says it is a browser, once a minute per visitor (the session, else a hash of the
address and the browser's name) and resource. The count is one ``UPDATE … SET n = n + 1``."""

from __future__ import annotations

import hashlib
import re
from typing import Literal

from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest

from xhht.resources.models import Resource

#: The same visitor is counted again after this many seconds.
WINDOW_SECONDS = 60
#: User agents of crawlers, link checkers and scripts (lower-case substrings).
ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|curl|wget|python|java/|go-http|libwww|httpclient|"
    r"okhttp|axios|monitor|scan|harvest"
)


def count(request: HttpRequest, resource: Resource, what: Literal["view", "download"]) -> bool:
    """Count one view or download of ``resource`` by this request; False when not counted."""
    if request.method != "GET":
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    if not agent or ROBOTS.search(agent.lower()):
        return False
    if not cache.add(
        f"xhht:resource-hit:{what}:{resource.pk}:{_visitor(request)}", 1, WINDOW_SECONDS
    ):
        return False
    field = "view_count" if what == "view" else "download_count"
    Resource.objects.filter(pk=resource.pk).update(**{field: F(field) + 1})
    return True


def _visitor(request: HttpRequest) -> str:
    session = getattr(request, "session", None)
    key = session.session_key if session is not None else None
    if key:
        return f"s{key}"
    source = f"{request.META.get('REMOTE_ADDR', '')}|{request.META.get('HTTP_USER_AGENT', '')}"
    return "a" + hashlib.sha256(source.encode()).hexdigest()[:32]
