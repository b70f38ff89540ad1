"""What the province enters for the PCGD–XMC standards: the ĐBKK communes of a school year (xã
có điều kiện kinh tế – xã hội đặc biệt khó khăn). Thresholds the decree does not give and the
province's own rule (the share of communes) are P1's ``rules_actions``; the settings page calls
them. Every change is audited (``HardshipCommune`` is an ``AuditedModel``; the reason is the
basis the province gives)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can
from xhht.audit.context import acting_as
from xhht.core.workflow import StepRefused
from xhht.pcgd.models import HardshipCommune
from xhht.places.models import Level, Place

if TYPE_CHECKING:
    from xhht.accounts.models import User


def set_hardship(
    *, user: User, commune: Place, school_year: int, hardship: bool, basis: str = ""
) -> bool:
    """Mark the commune ĐBKK in the school year (or not); returns whether anything changed.

    Only the province (``RECOGNISE_PCGD`` at the commune's parent) enters it; marking one needs
    its basis (the decision that lists the commune)."""
    if commune.level != Level.COMMUNE or not can_decide_above(user, commune):
        raise StepRefused(_("Chỉ cấp tỉnh được nhập danh sách xã đặc biệt khó khăn."))
    basis = " ".join(basis.split())
    with transaction.atomic(), acting_as(user, reason=basis):
        row = (
            HardshipCommune.objects.select_for_update()
            .filter(commune=commune, school_year=school_year)
            .first()
        )
        if hardship and row is None:
            if not basis:
                raise StepRefused(
                    _("Hãy ghi căn cứ (quyết định phê duyệt danh sách xã đặc biệt khó khăn).")
                )
            HardshipCommune.objects.create(commune=commune, school_year=school_year, basis=basis)
            return True
        if not hardship and row is not None:
            row.delete()
            return True
    return False


def can_decide_above(user: User, commune: Place) -> bool:
    """``RECOGNISE_PCGD`` held at the commune's parent (the province), not only at the commune."""
    parent = commune.parent
    return parent is not None and can(user, Capability.RECOGNISE_PCGD, parent)
