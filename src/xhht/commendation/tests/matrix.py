"""The commendation rows of the permission matrix (``testing.matrix``): every URL, who succeeds.

The nominations are of the test world's person in ``world.hamlet``; the movement is opened by
the province. Each step's URL gets a nomination in the state the step starts from."""

from collections.abc import Callable

from django.urls import reverse

from xhht.commendation.tests import factories
from xhht.testing.matrix import EVERY_OFFICER, VIEW_HAMLET, Entry
from xhht.testing.world import World

#: ``NOMINATE`` somewhere: the hamlet head, commune and association officers.
NOMINATE_ANYWHERE = frozenset(
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
#: ``NOMINATE`` over ``world.hamlet``.
NOMINATE_HAMLET = frozenset(
    {
        "admin",
        "commune_officer",
        "hamlet_head",
        "association_officer",
        "province_association_officer",
    }
)
#: The commune's council: ``REVIEW`` over the whole of ``world.commune`` (not the hamlet head).
COUNCIL = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "association_officer",
        "province_association_officer",
        "reviewer",
    }
)
#: ``DECIDE_COMMENDATION`` somewhere, and over ``world.commune``.
DECIDE_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)
DECIDE_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})
#: A province's movement: everyone viewing a place of the province.
VIEW_PROVINCE = VIEW_HAMLET | {"other_officer"}


def _url(name: str, key: str, factory: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once(key, factory).pk])  # type: ignore[attr-defined]  # a model


MATRIX: dict[str, Entry] = {
    "commendation:nomination_list": Entry(
        lambda w: reverse("commendation:nomination_list"), EVERY_OFFICER, get_only=True
    ),
    "commendation:movement_list": Entry(
        lambda w: reverse("commendation:movement_list"), EVERY_OFFICER, get_only=True
    ),
    "commendation:movement_open": Entry(
        lambda w: reverse("commendation:movement_open"), DECIDE_ANYWHERE
    ),
    "commendation:movement_detail": Entry(
        _url("commendation:movement_detail", "movement", factories.movement),
        VIEW_PROVINCE,
        get_only=True,
    ),
    "commendation:nominate": Entry(lambda w: reverse("commendation:nominate"), NOMINATE_ANYWHERE),
    "commendation:nomination_detail": Entry(
        _url("commendation:nomination_detail", "nomination", factories.nomination),
        VIEW_HAMLET,
        get_only=True,
    ),
    "commendation:nomination_edit": Entry(
        _url("commendation:nomination_edit", "nomination", factories.nomination), NOMINATE_HAMLET
    ),
    "commendation:evidence_add": Entry(
        _url("commendation:evidence_add", "nomination", factories.nomination),
        NOMINATE_HAMLET,
        method="post",
    ),
    "commendation:evidence_file": Entry(
        _url("commendation:evidence_file", "evidence", factories.evidence),
        VIEW_HAMLET,
        get_only=True,
    ),
    "commendation:evidence_remove": Entry(
        _url("commendation:evidence_remove", "evidence", factories.evidence),
        NOMINATE_HAMLET,
        method="post",
    ),
    "commendation:nomination_submit": Entry(
        _url("commendation:nomination_submit", "nomination", factories.nomination),
        NOMINATE_HAMLET,
        method="post",
    ),
    "commendation:nomination_agree": Entry(
        _url("commendation:nomination_agree", "submitted", factories.submitted),
        COUNCIL,
        method="post",
        data=lambda w: {"votes_for": "5", "votes_against": "0"},
    ),
    "commendation:nomination_return": Entry(
        _url("commendation:nomination_return", "submitted", factories.submitted),
        COUNCIL,
        method="post",
        data=lambda w: {"reason": "Thiếu ảnh minh chứng."},
    ),
    "commendation:nomination_decide": Entry(
        _url("commendation:nomination_decide", "reviewed", factories.reviewed), DECIDE_COMMUNE
    ),
    "commendation:nomination_docx": Entry(
        _url("commendation:nomination_docx", "decided", factories.decided),
        VIEW_HAMLET,
        get_only=True,
    ),
}
