"""Who may open each recognition URL. Step URLs get a fresh assessment per request, in the
state the step starts from, so the first allowed persona does not spoil it for the next."""

from __future__ import annotations

import itertools
from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse

from xhht.recognition.models import Assessment, Evidence
from xhht.recognition.tests.factories import (
    family_assessment,
    make_household,
    make_person,
    make_set,
)
from xhht.registry.models import Household
from xhht.testing.matrix import EVERYONE, VIEW_COMMUNE, VIEW_HAMLET, Entry
from xhht.testing.world import World

_years = itertools.count(2031)

#: The matrix subject is the citizen's own household: the citizen may see it and self-assess.
SEE_SUBJECT = VIEW_HAMLET | {"citizen"}
ASSESS_SUBJECT = frozenset(
    {
        "admin",
        "commune_officer",
        "hamlet_head",
        "association_officer",
        "province_association_officer",
        "citizen",
    }
)
REVIEW_HAMLET = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "hamlet_head",
        "association_officer",
        "province_association_officer",
        "reviewer",
    }
)
RECOGNISE_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})
BOARD_COMMUNE = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "association_officer",
        "province_association_officer",
        "reviewer",
    }
)
ASSESS_ANYWHERE = frozenset(
    {
        "admin",
        "commune_officer",
        "other_officer",
        "hamlet_head",
        "association_officer",
        "province_association_officer",
        "outsider",
    }
)
REVIEW_ANYWHERE = ASSESS_ANYWHERE | {"coordinator", "reviewer"}


def _household(w: World) -> Household:
    def build(w: World) -> Household:
        w.once("recognition_set", make_set)
        household = make_household(w.hamlet, code="HO-MATRIX")
        make_person(w.hamlet, "Nguyễn Thị Công Dân", user=w.citizen, household=household)
        return household

    return w.once("recognition_household", build)


def fresh(w: World, state: str) -> Assessment:
    return family_assessment(w, state=state, household=_household(w), year=next(_years))


def recognised(w: World) -> Assessment:
    return w.once("recognition_recognised", lambda w: fresh(w, "recognised"))


def _evidence(w: World, *, stored: bool) -> Evidence:
    assessment = w.once("recognition_registered", lambda w: fresh(w, "registered"))
    evidence = Evidence(
        assessment=assessment,
        item_code="1.1",
        original_name="anh.jpg",
        content_type="image/jpeg",
        size=3,
        sha256="0" * 64,
    )
    if stored:
        evidence.file.save("anh.jpg", ContentFile(b"\xff\xd8\xff"), save=False)
    else:
        evidence.file.name = "evidence/matrix-missing.jpg"
    evidence.save()
    return evidence


def _post(
    name: str, state: str, allowed: frozenset[str], data: dict[str, Any] | None = None
) -> Entry:
    return Entry(
        lambda w: reverse(f"recognition:{name}", args=[fresh(w, state).pk]),
        allowed,
        method="post",
        data=lambda w: data or {"reason": "Lý do"},
    )


MATRIX = {
    "recognition:index": Entry(lambda w: reverse("recognition:index"), EVERYONE, get_only=True),
    "recognition:register": Entry(lambda w: reverse("recognition:register"), ASSESS_ANYWHERE),
    "recognition:me": Entry(lambda w: reverse("recognition:me"), frozenset({"admin", "citizen"})),
    "recognition:detail": Entry(
        lambda w: reverse("recognition:detail", args=[recognised(w).pk]), SEE_SUBJECT, get_only=True
    ),
    "recognition:self_assess": _post(
        "self_assess", "registered", ASSESS_SUBJECT, {"points-1.1": "5"}
    ),
    "recognition:review": _post("review", "self_assessed", REVIEW_HAMLET, {"points-1.1": "5"}),
    "recognition:return": _post("return", "self_assessed", REVIEW_HAMLET),
    "recognition:propose": _post("propose", "reviewed", REVIEW_HAMLET),
    "recognition:refuse": _post("refuse", "proposed", RECOGNISE_COMMUNE),
    "recognition:withdraw": _post("withdraw", "registered", ASSESS_SUBJECT),
    "recognition:revoke": _post("revoke", "recognised", RECOGNISE_COMMUNE),
    "recognition:evidence_upload": _post(
        "evidence_upload", "registered", ASSESS_SUBJECT, {"item_code": "1.1"}
    ),
    "recognition:evidence": Entry(
        lambda w: reverse(
            "recognition:evidence",
            args=[w.once("recognition_evidence", lambda w: _evidence(w, stored=True)).pk],
        ),
        SEE_SUBJECT,
        get_only=True,
    ),
    "recognition:evidence_delete": Entry(
        lambda w: reverse("recognition:evidence_delete", args=[_evidence(w, stored=False).pk]),
        ASSESS_SUBJECT,
        method="post",
    ),
    "recognition:certificate": Entry(
        lambda w: reverse("recognition:certificate", args=[recognised(w).pk]),
        SEE_SUBJECT,
        get_only=True,
    ),
    "recognition:board": Entry(
        lambda w: reverse("recognition:board", args=[w.commune.pk]), BOARD_COMMUNE, get_only=True
    ),
    "recognition:board_propose": Entry(
        lambda w: reverse("recognition:board_propose", args=[w.commune.pk]),
        BOARD_COMMUNE,
        method="post",
    ),
    "recognition:board_decide": Entry(
        lambda w: reverse("recognition:board_decide", args=[w.commune.pk]),
        RECOGNISE_COMMUNE,
        method="post",
    ),
    "recognition:decision": Entry(
        lambda w: reverse("recognition:decision", args=[recognised(w).decision_id]),
        VIEW_COMMUNE,
        get_only=True,
    ),
    "recognition:decision_docx": Entry(
        lambda w: reverse("recognition:decision_docx", args=[recognised(w).decision_id]),
        VIEW_COMMUNE,
        get_only=True,
    ),
    "recognition:decision_pdf": Entry(
        lambda w: reverse("recognition:decision_pdf", args=[recognised(w).decision_id]),
        VIEW_COMMUNE,
        get_only=True,
    ),
    "recognition:sheet_import": Entry(
        lambda w: reverse("recognition:sheet_import"), REVIEW_ANYWHERE
    ),
    "recognition:sheet_template": Entry(
        lambda w: (
            f"{reverse('recognition:sheet_template')}?hamlet={_household(w).place_id}&title=family"
        ),
        REVIEW_HAMLET,
        get_only=True,
    ),
    "recognition:public_key": Entry(
        lambda w: reverse("recognition:public_key"), EVERYONE, public=True, get_only=True
    ),
    "recognition:verify": Entry(
        lambda w: reverse("recognition:verify", args=[recognised(w).certificate.code]),
        EVERYONE,
        public=True,
        get_only=True,
    ),
}
