"""With XHHT_DEBUG=0 the defaults are production-safe: `xhht check --deploy` prints no warning."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.test import Client, override_settings

XHHT = Path(sys.executable).parent / "xhht"
SHOW_SETTINGS = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in (
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER")}))
"""


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    # The test run's own settings (and the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE) stay out.
    unwanted = ("XHHT_", "DATABASE_URL", "DJANGO_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(unwanted)}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "xhht.settings",
            "XHHT_DEBUG": "0",
            "XHHT_SECRET_KEY": secrets.token_urlsafe(60),
            "XHHT_PII_KEY": secrets.token_urlsafe(40),
            "XHHT_DATA_DIR": str(tmp_path),
            **extra,
        }
    )
    return env


def _settings(tmp_path: Path, **extra: str) -> dict[str, object]:
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", SHOW_SETTINGS],
        env=_environment(tmp_path, **extra),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    values: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return values


def test_check_deploy_passes_with_no_warning_in_production(tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 - the project's own command
        [str(XHHT), "check", "--deploy", "--fail-level", "WARNING"],
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and ".W0" not in output, output


def test_production_defaults_are_https_only(tmp_path: Path) -> None:
    values = _settings(tmp_path)
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_behind_a_tls_proxy_that_redirects_itself_the_defaults_can_be_changed(
    tmp_path: Path,
) -> None:
    values = _settings(tmp_path, XHHT_BEHIND_TLS_PROXY="1", XHHT_SSL_REDIRECT="0")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_SSL_REDIRECT"] is False


def test_development_on_plain_http_keeps_cookies_usable(tmp_path: Path) -> None:
    values = _settings(tmp_path, XHHT_DEBUG="1")
    assert values["SESSION_COOKIE_SECURE"] is False and values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_health_check_answers_over_plain_http_while_pages_redirect(db: None) -> None:
    client = Client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/accounts/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
