"""PDFs from HTML templates through WeasyPrint, in Times New Roman (Liberation Serif where Times
is not installed: the same metrics, every Vietnamese letter)."""

from __future__ import annotations

import base64
import datetime
from io import BytesIO
from typing import Any

import segno
from django.template.loader import render_to_string
from weasyprint import HTML

from xhht.criteria.models import ILLUSTRATIVE_NOTICE, Title
from xhht.recognition.documents.content import (
    MOTTO,
    NATIONAL_NAME,
    DecisionText,
    holder_name,
    place_date,
    signing_for,
    vn_date,
)
from xhht.recognition.models import Certificate


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, {"national_name": NATIONAL_NAME, "motto": MOTTO, **context})
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]  # WeasyPrint is untyped


def decision_pdf(text: DecisionText) -> bytes:
    signer_lines = [text.signing_for] if text.signing_for else []
    return _pdf(
        "recognition/pdf/decision.html",
        {"d": text, "signer_lines": [*signer_lines, text.signer_position]},
    )


def qr_data_uri(url: str) -> str:
    buffer = BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _iso_date(value: str | None) -> str:
    return vn_date(datetime.date.fromisoformat(value)) if value else ""


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate for the holder: the full name (the public verification page keeps the
    signed initials), the QR code and the certificate's code; no raw signature."""
    payload = certificate.payload
    assessment = certificate.assessment
    decision = assessment.decision
    return _pdf(
        "recognition/pdf/certificate.html",
        {
            "p": payload,
            "holder": holder_name(assessment),
            "title_name": str(Title(payload["title"]).label),
            "decision": decision,
            "decision_date": _iso_date(payload.get("decision_date")),
            "valid_until": _iso_date(payload.get("valid_until")),
            "date_line": place_date(decision) if decision else "",
            "signing_for": signing_for(decision) if decision else "",
            "illustrative": str(ILLUSTRATIVE_NOTICE)
            if assessment.criteria_set.illustrative
            else "",
            "verify_url": verify_url,
            "qr": qr_data_uri(verify_url),
        },
    )
