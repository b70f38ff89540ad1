"""The PCGD–XMC rows of the permission matrix (``testing.matrix``): one block per helper."""

from collections.abc import Callable

from django.urls import reverse

from xhht.registry.tests import factories as registry_factories
from xhht.testing.matrix import VIEW_HAMLET, Entry
from xhht.testing.world import World

MATRIX: dict[str, Entry] = {}

# Entry per household, school-list import, the lists people work from (P2)
#: MANAGE_PCGD over ``world.commune`` and its hamlets (the commune officer, the coordinator).
MANAGE_PCGD_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})
#: MANAGE_PCGD at a commune somewhere (an upload page that checks the commune on submit; not the
#: hamlet head, who holds it at a hamlet only).
MANAGE_PCGD_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)

#: MANAGE_PCGD over ``world.hamlet``: the above and the hamlet head (the survey, hamlet by hamlet).
MANAGE_PCGD_HAMLET = MANAGE_PCGD_COMMUNE | {"hamlet_head"}


def _hamlet_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.hamlet.pk])


def _household_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("household", registry_factories.household).pk])


MATRIX |= {
    "pcgd:entry_household": Entry(_household_url("pcgd:entry_household"), MANAGE_PCGD_HAMLET),
    "pcgd:entry_hamlet": Entry(
        lambda w: reverse("pcgd:entry_hamlet", args=[w.hamlet.pk]),
        MANAGE_PCGD_HAMLET,
        get_only=True,
    ),
    "pcgd:import_school": Entry(lambda w: reverse("pcgd:import_school"), MANAGE_PCGD_ANYWHERE),
    "pcgd:import_confirm": Entry(
        lambda w: reverse("pcgd:import_confirm"), MANAGE_PCGD_ANYWHERE, method="post"
    ),
    "pcgd:import_template": Entry(
        lambda w: reverse("pcgd:import_template"), MANAGE_PCGD_ANYWHERE, get_only=True
    ),
    "pcgd:lists": Entry(_hamlet_url("pcgd:lists"), VIEW_HAMLET, get_only=True),
    "pcgd:lists_export": Entry(_hamlet_url("pcgd:lists_export"), VIEW_HAMLET, get_only=True),
    "pcgd:lists_print": Entry(_hamlet_url("pcgd:lists_print"), VIEW_HAMLET, get_only=True),
    "pcgd:lists_invite": Entry(
        _hamlet_url("pcgd:lists_invite"), MANAGE_PCGD_COMMUNE, method="post"
    ),
}

# Pages, statistical forms, the recognition file, the province's settings (P3)
from xhht.pcgd.models import Dossier  # noqa: E402 - each helper's block keeps its own imports
from xhht.testing.matrix import EVERY_OFFICER, VIEW_COMMUNE  # noqa: E402

#: VIEW at ``world.province`` (roles held at the province or at its bodies).
VIEW_PROVINCE = frozenset(
    {"admin", "coordinator", "province_association_officer", "body_officer", "other_body_officer"}
)
#: RECOGNISE_PCGD at the province (checks, returns and recognises communes' files).
RECOGNISE_PCGD_PROVINCE = frozenset({"admin", "coordinator"})


def _dossier(w: World) -> Dossier:
    return Dossier.objects.create(
        commune=w.commune, school_year=2025, codes=["xmc_1"], state=Dossier.State.SUBMITTED
    )


def _dossier_url(name: str, *extra: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("pcgd_dossier", _dossier).pk, *extra])


MATRIX |= {
    "pcgd:index": Entry(lambda w: reverse("pcgd:index"), EVERY_OFFICER, get_only=True),
    "pcgd:commune": Entry(
        lambda w: reverse("pcgd:commune", args=[w.commune.pk]), VIEW_COMMUNE, get_only=True
    ),
    "pcgd:form_xlsx": Entry(
        lambda w: reverse("pcgd:form_xlsx", args=[w.commune.pk, "thcs"]),
        VIEW_COMMUNE,
        get_only=True,
    ),
    "pcgd:dossier_submit": Entry(
        lambda w: reverse("pcgd:dossier_submit", args=[w.commune.pk]),
        MANAGE_PCGD_COMMUNE,
        method="post",
    ),
    "pcgd:province": Entry(
        lambda w: reverse("pcgd:province", args=[w.province.pk]), VIEW_PROVINCE, get_only=True
    ),
    "pcgd:settings": Entry(
        lambda w: reverse("pcgd:settings", args=[w.province.pk]), RECOGNISE_PCGD_PROVINCE
    ),
    "pcgd:dossier": Entry(_dossier_url("pcgd:dossier"), VIEW_COMMUNE, get_only=True),
    "pcgd:dossier_docx": Entry(
        _dossier_url("pcgd:dossier_docx", "to-trinh"), VIEW_COMMUNE, get_only=True
    ),
    "pcgd:dossier_check": Entry(
        _dossier_url("pcgd:dossier_check"), RECOGNISE_PCGD_PROVINCE, method="post"
    ),
    "pcgd:dossier_return": Entry(
        _dossier_url("pcgd:dossier_return"), RECOGNISE_PCGD_PROVINCE, method="post"
    ),
    "pcgd:dossier_recognise": Entry(
        _dossier_url("pcgd:dossier_recognise"), RECOGNISE_PCGD_PROVINCE, method="post"
    ),
}
