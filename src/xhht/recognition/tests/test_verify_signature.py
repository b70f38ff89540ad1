"""The public verification page checks the stored signature before it says anything is valid."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from xhht.recognition.models import Certificate
from xhht.recognition.tests.factories import family_assessment
from xhht.testing.world import World

INVALID = "Chữ ký không hợp lệ"


def _page(certificate: Certificate) -> str:
    return Client().get(reverse("recognition:verify", args=[certificate.code])).content.decode()


def test_a_tampered_payload_reads_as_an_invalid_signature_not_as_valid(world: World) -> None:
    certificate = family_assessment(world, state="recognised").certificate
    assert 'data-status="valid"' in _page(certificate)
    Certificate.objects.filter(pk=certificate.pk).update(
        payload={**certificate.payload, "holder": "Người khác"}
    )
    page = _page(certificate)
    assert 'data-status="invalid"' in page and INVALID in page
    assert "Còn hiệu lực" not in page


def test_a_tampered_signature_reads_as_invalid_in_the_page_and_the_json(world: World) -> None:
    certificate = family_assessment(world, state="recognised").certificate
    forged = ("0" if certificate.signature[0] != "0" else "1") + certificate.signature[1:]
    Certificate.objects.filter(pk=certificate.pk).update(signature=forged)
    assert INVALID in _page(certificate)
    data = (
        Client()
        .get(reverse("recognition:verify", args=[certificate.code]), {"format": "json"})
        .json()
    )
    assert data["status"] == "invalid"


def test_a_signature_that_is_not_even_hex_is_invalid_not_an_error(world: World) -> None:
    certificate = family_assessment(world, state="recognised").certificate
    Certificate.objects.filter(pk=certificate.pk).update(
        signature="zz", payload={**certificate.payload, "valid_until": "not a date"}
    )
    assert INVALID in _page(certificate)
