"""The learning centres' rows of the permission matrix (``testing.matrix``).

One block per part of the app; each helper adds their URL names to their own block. The centre
officer is not a persona of the test world (a new persona would change every app's rows): the
app's own tests check that role (``factories.centre_officer``)."""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from xhht.centres.models import CentreEvaluation
from xhht.centres.tests import factories, record_factories
from xhht.criteria.models import CriteriaSet
from xhht.jobs.models import Job
from xhht.registry.tests import factories as registry_factories
from xhht.testing.matrix import EVERY_OFFICER, VIEW_COMMUNE, VIEW_HAMLET, Entry
from xhht.testing.world import World

#: MANAGE_CENTRES somewhere (a form or upload page that checks the place on submit).
MANAGE_CENTRES_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)
#: MANAGE_CENTRES over ``world.commune``.
MANAGE_CENTRES_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})


def _centre_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("centre", factories.centre).pk])


MATRIX: dict[str, Entry] = {
    # Institutions
    "centres:centre_list": Entry(
        lambda w: reverse("centres:centre_list"), EVERY_OFFICER, get_only=True
    ),
    "centres:centre_export": Entry(
        lambda w: reverse("centres:centre_export"), EVERY_OFFICER, get_only=True
    ),
    "centres:centre_create": Entry(
        lambda w: reverse("centres:centre_create"), MANAGE_CENTRES_ANYWHERE
    ),
    "centres:centre_import": Entry(
        lambda w: reverse("centres:centre_import"), MANAGE_CENTRES_ANYWHERE
    ),
    "centres:centre_template": Entry(
        lambda w: reverse("centres:centre_template"), MANAGE_CENTRES_ANYWHERE, get_only=True
    ),
    "centres:centre_detail": Entry(
        _centre_url("centres:centre_detail"), VIEW_COMMUNE, get_only=True
    ),
    "centres:centre_edit": Entry(_centre_url("centres:centre_edit"), MANAGE_CENTRES_COMMUNE),
}
# Classes and activities (MATRIX |= {...})
#: MANAGE_CLASSES somewhere (a form or upload page that checks the place on submit).
MANAGE_CLASSES_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)
#: MANAGE_CLASSES over ``world.commune`` (the class's centre is there).
MANAGE_CLASSES_COMMUNE = frozenset({"admin", "coordinator", "commune_officer"})


def _class_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("learning_class", factories.learning_class).pk])


def _class_import_job(w: World) -> Job:
    return Job.objects.create(
        function="xhht.centres.class_import_job.run_import",
        arguments={"token": "t", "place_id": w.commune.pk},
        title="Nhập lớp học",
        created_by=w.commune_officer,
    )


MATRIX |= {
    "centres:class_list": Entry(
        lambda w: reverse("centres:class_list"), EVERY_OFFICER, get_only=True
    ),
    "centres:class_create": Entry(
        lambda w: reverse("centres:class_create"), MANAGE_CLASSES_ANYWHERE
    ),
    "centres:class_detail": Entry(_class_url("centres:class_detail"), VIEW_COMMUNE, get_only=True),
    "centres:class_session_add": Entry(
        _class_url("centres:class_session_add"), MANAGE_CLASSES_COMMUNE
    ),
    "centres:class_participants": Entry(
        _class_url("centres:class_participants"), MANAGE_CLASSES_COMMUNE
    ),
    "centres:class_head_counts": Entry(
        _class_url("centres:class_head_counts"), MANAGE_CLASSES_COMMUNE
    ),
    "centres:class_close": Entry(_class_url("centres:class_close"), MANAGE_CLASSES_COMMUNE),
    "centres:class_attendance": Entry(
        lambda w: reverse(
            "centres:class_attendance", args=[w.once("session", factories.session).pk]
        ),
        MANAGE_CLASSES_COMMUNE,
    ),
    "centres:class_participant_remove": Entry(
        lambda w: reverse(
            "centres:class_participant_remove",
            args=[w.once("participation", factories.participation).pk],
        ),
        MANAGE_CLASSES_COMMUNE,
        method="post",
    ),
    "centres:class_import": Entry(
        lambda w: reverse("centres:class_import"), MANAGE_CLASSES_ANYWHERE
    ),
    "centres:class_import_template": Entry(
        lambda w: reverse("centres:class_import_template"), MANAGE_CLASSES_ANYWHERE, get_only=True
    ),
    "centres:class_import_job": Entry(
        lambda w: reverse(
            "centres:class_import_job", args=[w.once("class_import_job", _class_import_job).pk]
        ),
        frozenset({"commune_officer"}),
        get_only=True,
    ),
}
# Learning records (MATRIX |= {...})
#: MANAGE_CLASSES (confirms self-declared learning) somewhere, and over ``world.hamlet``.
CONFIRM_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)
CONFIRM_HAMLET = frozenset({"admin", "coordinator", "commune_officer"})
#: SELF_SERVICE: the citizen (linked to a person of the hamlet) and the administrator (not).
SELF_SERVICE = frozenset({"admin", "citizen"})


def _record_person(w: World) -> int:
    return w.once("citizen_person", record_factories.citizen_person).pk


def _entry_url(name: str, key: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once(key, record_factories.declared).pk])


MATRIX |= {
    "centres:person_record": Entry(
        lambda w: reverse("centres:person_record", args=[_record_person(w)]),
        VIEW_HAMLET | {"citizen"},
        get_only=True,
    ),
    "centres:household_record": Entry(
        lambda w: reverse(
            "centres:household_record",
            args=[w.once("household", registry_factories.household).pk],
        ),
        VIEW_HAMLET,
        get_only=True,
    ),
    "centres:my_record": Entry(lambda w: reverse("centres:my_record"), SELF_SERVICE, get_only=True),
    "centres:record_declare": Entry(lambda w: reverse("centres:record_declare"), SELF_SERVICE),
    "centres:record_withdraw": Entry(
        _entry_url("centres:record_withdraw", "declared_entry"), frozenset({"citizen"}), "post"
    ),
    "centres:record_queue": Entry(
        lambda w: reverse("centres:record_queue"), CONFIRM_ANYWHERE, get_only=True
    ),
    "centres:record_confirm": Entry(
        _entry_url("centres:record_confirm", "declared_entry"), CONFIRM_HAMLET, "post"
    ),
    "centres:record_refuse": Entry(
        _entry_url("centres:record_refuse", "declared_entry"),
        CONFIRM_HAMLET,
        "post",
        data=lambda w: {"reason": "Chưa thấy chứng chỉ"},
    ),
}
# Campaigns (MATRIX |= {...})
#: RECEIVE_REPORTS somewhere (opening a campaign); over ``world.province`` (its reports).
RECEIVE_ANYWHERE = frozenset(
    {"admin", "coordinator", "commune_officer", "other_officer", "outsider"}
)
RECEIVE_PROVINCE = frozenset({"admin", "coordinator"})
#: May see the province's campaign: a role under the province or at a body of it.
VIEW_CAMPAIGN = VIEW_HAMLET | {"other_officer"}
#: May file a report into it: REPORT through a place role over a commune, or a body's officer.
REPORT_CAMPAIGN = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "other_officer",
        "association_officer",
        "province_association_officer",
        "body_officer",
        "other_body_officer",
    }
)


def _campaign_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("campaign", factories.campaign).pk])


MATRIX |= {
    "centres:campaigns": Entry(
        lambda w: reverse("centres:campaigns"), EVERY_OFFICER, get_only=True
    ),
    "centres:campaign_open": Entry(lambda w: reverse("centres:campaign_open"), RECEIVE_ANYWHERE),
    "centres:campaign": Entry(_campaign_url("centres:campaign"), VIEW_CAMPAIGN, get_only=True),
    "centres:campaign_report": Entry(
        _campaign_url("centres:campaign_report"),
        REPORT_CAMPAIGN,
        post_data=lambda w: {"description": "Lễ phát động", "participants": "120"},
    ),
    "centres:campaign_docx": Entry(
        _campaign_url("centres:campaign_docx"), RECEIVE_PROVINCE, get_only=True
    ),
}
# A centre's yearly self-evaluation (MATRIX |= {...})


def _evaluation(w: World) -> CentreEvaluation:
    """A draft on the shipped template (made directly: the template cannot be started on)."""
    return CentreEvaluation.objects.create(
        centre=w.once("centre", factories.centre),
        year=timezone.localdate().year,
        criteria_set=CriteriaSet.objects.get(code="tthtcd-tu-danh-gia"),
    )


def _centre_year_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(
        name, args=[w.once("centre", factories.centre).pk, timezone.localdate().year]
    )


def _evaluation_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.once("centre_evaluation", _evaluation).pk])


MATRIX |= {
    "centres:centre_evaluation": Entry(
        _centre_year_url("centres:centre_evaluation"), VIEW_COMMUNE, get_only=True
    ),
    "centres:centre_evaluation_start": Entry(
        _centre_year_url("centres:centre_evaluation_start"), MANAGE_CLASSES_COMMUNE, method="post"
    ),
    "centres:evaluation_marks": Entry(
        _evaluation_url("centres:evaluation_marks"), MANAGE_CLASSES_COMMUNE, method="post"
    ),
    "centres:evaluation_confirm": Entry(
        _evaluation_url("centres:evaluation_confirm"), MANAGE_CENTRES_COMMUNE, method="post"
    ),
    "centres:evaluation_return": Entry(
        _evaluation_url("centres:evaluation_return"),
        MANAGE_CENTRES_COMMUNE,
        method="post",
        data=lambda w: {"reason": "Thiếu minh chứng"},
    ),
}
