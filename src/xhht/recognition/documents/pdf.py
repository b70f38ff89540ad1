"""PDFs from HTML templates through WeasyPrint (DejaVu fonts carry every Vietnamese letter)."""

from __future__ import annotations

import base64
from io import BytesIO
from typing import Any

import segno
from django.template.loader import render_to_string
from weasyprint import HTML

from xhht.criteria.models import Title
from xhht.recognition.documents.content import MOTTO, NATIONAL_NAME, DecisionText, vn_date
from xhht.recognition.models import Certificate


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, {"national_name": NATIONAL_NAME, "motto": MOTTO, **context})
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]  # WeasyPrint is untyped


def decision_pdf(text: DecisionText) -> bytes:
    return _pdf("recognition/pdf/decision.html", {"d": text})


def qr_data_uri(url: str) -> str:
    buffer = BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    payload = certificate.payload
    decision = certificate.assessment.decision
    return _pdf(
        "recognition/pdf/certificate.html",
        {
            "p": payload,
            "title_name": str(Title(payload["title"]).label),
            "decision": decision,
            "date_line": f"{decision.place_name}, {vn_date(decision.date)}" if decision else "",
            "verify_url": verify_url,
            "qr": qr_data_uri(verify_url),
            "signature": certificate.signature,
        },
    )
