from django.urls import reverse

from xhht.testing.matrix import EVERYONE, Entry

REDIRECT_OR_405 = frozenset({302, 405})

MATRIX = {
    "site:home": Entry(lambda w: reverse("site:home"), EVERYONE, get_only=True),
    "site:healthz": Entry(lambda w: reverse("site:healthz"), EVERYONE, public=True, get_only=True),
    "set_language": Entry(
        lambda w: reverse("set_language"),
        EVERYONE,
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
        public=True,
        other_method_statuses=REDIRECT_OR_405,  # Django's view sends any other method back
    ),
    # A logged-in user is sent on from the login page, whatever the method.
    "accounts:login": Entry(
        lambda w: reverse("accounts:login"),
        EVERYONE,
        public=True,
        other_method_statuses=REDIRECT_OR_405,
    ),
    "accounts:logout": Entry(
        lambda w: reverse("accounts:logout"), EVERYONE, method="post", public=True
    ),
    "accounts:profile": Entry(lambda w: reverse("accounts:profile"), EVERYONE, get_only=True),
    "accounts:otp_setup": Entry(lambda w: reverse("accounts:otp_setup"), EVERYONE),
    "accounts:otp_verify": Entry(lambda w: reverse("accounts:otp_verify"), EVERYONE),
    "audit:index": Entry(lambda w: reverse("audit:index"), EVERYONE - {"citizen"}, get_only=True),
    "api-schema": Entry(
        lambda w: reverse("api-schema"), EVERYONE, public=True, get_only=True
    ),  # integrators read it first
}
