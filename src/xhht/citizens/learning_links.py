"""The certificate photo a citizen attached to a self-declared line, linked from the officers'
confirmation queue and the person's learning record (``centres.record_links``: centres sits
below citizens and asks the linkers it was given, so it never imports citizens)."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from xhht.accounts.models import User
from xhht.centres.models import LearningEntry
from xhht.centres.record_links import LineLink
from xhht.citizens.learning_models import StudiedLine


def certificate_links(user: User, entries: Sequence[LearningEntry]) -> dict[int, list[LineLink]]:
    """One query for the lines shown; the photo's page lets in whoever may see the person."""
    rows = (
        StudiedLine.objects.filter(entry_id__in=[e.pk for e in entries])
        .exclude(certificate="")
        .values_list("entry_id", "pk")
    )
    return {
        entry: [
            LineLink(
                _("Xem ảnh giấy chứng nhận"),
                reverse("citizens:learning_certificate", args=[pk]),
                "line-certificate",
            )
        ]
        for entry, pk in rows
    }
