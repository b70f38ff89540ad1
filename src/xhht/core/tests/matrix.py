from django.urls import reverse

from xhht.testing.matrix import EVERYONE, Entry

MATRIX = {
    "core:home": Entry(lambda w: reverse("core:home"), EVERYONE),
    "core:healthz": Entry(lambda w: reverse("core:healthz"), EVERYONE, public=True),
    "set_language": Entry(
        lambda w: reverse("set_language"), EVERYONE, method="post",
        data=lambda w: {"language": "en", "next": "/"}, public=True,
    ),
    "accounts:login": Entry(lambda w: reverse("accounts:login"), EVERYONE, public=True),
    "accounts:logout": Entry(lambda w: reverse("accounts:logout"), EVERYONE, method="post", public=True),
    "accounts:profile": Entry(lambda w: reverse("accounts:profile"), EVERYONE),
    "accounts:otp_setup": Entry(lambda w: reverse("accounts:otp_setup"), EVERYONE),
    "accounts:otp_verify": Entry(lambda w: reverse("accounts:otp_verify"), EVERYONE),
    "audit:index": Entry(lambda w: reverse("audit:index"), EVERYONE - {"citizen"}),
    "api-schema": Entry(lambda w: reverse("api-schema"), EVERYONE, public=True),  # integrators read it first
}  # fmt: skip
