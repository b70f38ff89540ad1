"""A strict Content-Security-Policy on every page, and no template that would need a looser one.

The policy (settings.CONTENT_SECURITY_POLICY, django-csp) allows scripts and styles only from
the app's own files: an injected ``<script>``, ``on…=`` handler or ``javascript:`` link does not
run. Every GET entry of the permission matrix is fetched once by a persona allowed to see it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.http.response import HttpResponseBase
from django.test import Client
from pytest_django import DjangoDbBlocker

from xhht.testing.matrix import all_entries
from xhht.testing.world import World, build_world

ENTRIES = {name: e for name, e in all_entries().items() if e.method == "get"}
TEMPLATES = sorted(settings.PACKAGE_DIR.glob("*/templates/**/*.html"))
#: Rendered to PDF by WeasyPrint on the server, never sent to a browser as HTML.
PDF_TEMPLATES = re.compile(r"(^|/)(pdf/|[^/]*_pdf\.html$)")


def _directives(header: str) -> dict[str, list[str]]:
    parts = (p.split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def _check_policy(response: HttpResponseBase, where: str) -> None:
    header = response.get("Content-Security-Policy")
    assert header, f"{where}: no Content-Security-Policy"
    policy = _directives(header)
    script = policy.get("script-src", policy.get("default-src"))
    assert script is not None and "'unsafe-inline'" not in script, f"{where}: {header}"
    assert "'unsafe-eval'" not in script, f"{where}: {header}"
    assert policy.get("object-src") == ["'none'"] and policy.get("base-uri") == ["'none'"]
    assert policy.get("frame-ancestors") == ["'none'"], f"{where}: {header}"


@pytest.fixture(scope="module")
def csp_world(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            world = build_world()
            for entry in ENTRIES.values():
                entry.url(world)
            yield world
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_page_of_the_matrix_carries_a_strict_policy(csp_world: World) -> None:
    html_pages = 0
    for name, entry in sorted(ENTRIES.items()):
        client = Client()
        if entry.allowed and not entry.public:
            client.force_login(getattr(csp_world, sorted(entry.allowed)[0]))
        response = client.get(entry.url(csp_world))
        if response.get("Content-Type", "").startswith("text/html"):
            html_pages += 1
            _check_policy(response, name)
    assert html_pages > 50  # the crawl really reached the pages


@pytest.mark.django_db
def test_the_login_page_an_error_page_and_the_admin_carry_it_too(csp_world: World) -> None:
    client = Client()
    for url in ("/accounts/login/", "/does-not-exist/", "/admin/login/"):
        _check_policy(client.get(url), url)


@pytest.mark.django_db
def test_an_evidence_download_keeps_its_own_sandbox_policy(csp_world: World) -> None:
    entry = all_entries()["recognition:evidence"]
    client = Client()
    client.force_login(getattr(csp_world, sorted(entry.allowed)[0]))
    response = client.get(entry.url(csp_world))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def _relative(path: Path) -> str:
    return path.relative_to(settings.PACKAGE_DIR).as_posix()


#: An inline script a browser would run. A JSON-LD data block (``type="application/ld+json"``,
#: the resources' LearningResource description) is data the browser never executes.
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/ld\+json\")[^>]*>", re.IGNORECASE
)
HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=""", re.IGNORECASE)
INLINE_STYLE = re.compile(r"""<style\b|<[^>]*\sstyle\s*=""", re.IGNORECASE)


@pytest.mark.parametrize(
    "path", [t for t in TEMPLATES if not PDF_TEMPLATES.search(_relative(t))], ids=_relative
)
def test_no_template_has_inline_script_handlers_or_styles(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to a static .js file"
    assert not HANDLER.search(text), "on…= handler: use a data- attribute and core/app.js"
    assert not INLINE_STYLE.search(text), "inline style: use a class in a static .css file"
    assert "javascript:" not in text.lower()


def test_the_checks_find_what_they_look_for() -> None:
    assert INLINE_SCRIPT.search('<script>alert(1)</script><script src="/a.js"></script>')
    assert not INLINE_SCRIPT.search('<script src="/a.js" defer></script>')
    assert HANDLER.search('<select name="x" onchange="this.form.submit()">')
    assert not HANDLER.search('<select name="x" data-autosubmit>')
    assert INLINE_STYLE.search('<span style="color:red">')
    assert PDF_TEMPLATES.search("recognition/templates/recognition/pdf/decision.html")
    assert PDF_TEMPLATES.search("progress/templates/indicators/progress_pdf.html")
    assert not PDF_TEMPLATES.search("progress/templates/indicators/dashboard.html")
