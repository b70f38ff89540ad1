"""The public verification page a certificate's QR code leads to, and the published public key."""

from __future__ import annotations

import base64

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from xhht.recognition import signing
from xhht.recognition.models import Certificate

STATUS_LABELS = {
    "valid": _("Còn hiệu lực"),
    "revoked": _("Đã bị thu hồi"),
    "expired": _("Đã hết hiệu lực"),
    "invalid": _("Chữ ký không hợp lệ"),
}


@require_safe
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone may check a certificate: minimal data (no CCCD), its status, payload and signature."""
    found = get_object_or_404(Certificate.objects.select_related("assessment"), code=code)
    status = found.status()
    canonical = signing.canonical(found.payload).decode()
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "payload": found.payload,
                "signature": found.signature,
                "algorithm": "Ed25519",
                "canonical": canonical,
                "status": status,
                "public_key": request.build_absolute_uri(reverse("recognition:public_key")),
            },
            json_dumps_params={"ensure_ascii": False},
        )
    context = {
        "certificate": found,
        "p": found.payload,
        "status": status,
        "status_label": STATUS_LABELS[status],
        "signature_ok": status != "invalid",
        "canonical": canonical,
    }
    return render(request, "recognition/verify.html", context)


@require_safe
def public_key(request: HttpRequest) -> HttpResponse:
    """The Ed25519 public key that certificates are signed with (hex and base64)."""
    key = bytes(signing.public_key())
    return JsonResponse(
        {
            "algorithm": "Ed25519",
            "key_id": signing.key_id(),
            "hex": key.hex(),
            "base64": base64.b64encode(key).decode(),
        },
    )
