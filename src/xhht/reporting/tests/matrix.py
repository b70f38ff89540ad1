from django.urls import reverse

from xhht.reporting.tests.factories import (
    commune_submission,
    make_consolidation,
    make_period,
    make_report_type,
    make_task,
    task_update_with_evidence,
)
from xhht.testing.matrix import EVERY_OFFICER, Entry
from xhht.testing.world import World

#: Officers holding MANAGE_PLANS through a role at a place (any place).
PLANNERS = frozenset({"admin", "coordinator", "commune_officer", "other_officer", "outsider"})
#: The province's receivers (RECEIVE_REPORTS at the province).
PROVINCE_RECEIVERS = frozenset({"admin", "coordinator"})
#: Who sees the task the Sở leads: the province's place roles and the Sở's officer.
TASK_OF_BODY = frozenset({"admin", "coordinator", "province_association_officer", "body_officer"})
#: Who records progress on the Sở's task: its own officer only (place roles only view it).
TASK_UPDATERS = frozenset({"body_officer"})
#: Who sees the commune's report: everyone with a place role over the commune.
COMMUNE_REPORT_VIEWERS = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "association_officer",
        "province_association_officer",
        "reviewer",
    }
)
#: Who may fill the commune's report (REPORT at the commune through a place role).
COMMUNE_REPORTERS = frozenset(
    {
        "admin",
        "coordinator",
        "commune_officer",
        "association_officer",
        "province_association_officer",
    }
)


def _task(w: World) -> int:
    return w.once("task", make_task).pk


def _type(w: World) -> int:
    return w.once("report_type", make_report_type).pk


def _period(w: World) -> int:
    return w.once("period", make_period).pk


def _commune_report(w: World) -> int:
    return w.once("commune_submission", commune_submission).pk


def _consolidation(w: World) -> int:
    return w.once("consolidation", make_consolidation).pk


MATRIX = {
    "reporting:index": Entry(lambda w: reverse("reporting:index"), EVERY_OFFICER, get_only=True),
    "reporting:task_list": Entry(
        lambda w: reverse("reporting:task_list"), EVERY_OFFICER, get_only=True
    ),
    "reporting:task_create": Entry(lambda w: reverse("reporting:task_create"), PLANNERS),
    "reporting:task_detail": Entry(
        lambda w: reverse("reporting:task_detail", args=[_task(w)]), TASK_OF_BODY, get_only=True
    ),
    "reporting:task_update": Entry(
        lambda w: reverse("reporting:task_update", args=[_task(w)]),
        TASK_UPDATERS,
        method="post",
        data=lambda w: {"status": "in_progress", "note": "Đã tổ chức 3 hội nghị."},
    ),
    "reporting:task_evidence": Entry(
        lambda w: reverse(
            "reporting:task_evidence",
            args=[w.once("task_update_with_evidence", task_update_with_evidence).pk],
        ),
        TASK_OF_BODY,
        get_only=True,
    ),
    "reporting:type_list": Entry(
        lambda w: reverse("reporting:type_list"), EVERY_OFFICER, get_only=True
    ),
    "reporting:type_create": Entry(lambda w: reverse("reporting:type_create"), PLANNERS),
    "reporting:type_detail": Entry(
        lambda w: reverse("reporting:type_detail", args=[_type(w)]), TASK_OF_BODY, get_only=True
    ),
    "reporting:section_add": Entry(
        lambda w: reverse("reporting:section_add", args=[_type(w)]),
        PROVINCE_RECEIVERS,
        method="post",
        data=lambda w: {"kind": "narrative", "title": "Khó khăn, vướng mắc"},
    ),
    "reporting:period_open": Entry(
        lambda w: reverse("reporting:period_open", args=[_type(w)]),
        PROVINCE_RECEIVERS,
        method="post",
        data=lambda w: {"year": 2024, "index": 1},
    ),
    "reporting:completeness": Entry(
        lambda w: reverse("reporting:completeness", args=[_period(w)]),
        PROVINCE_RECEIVERS,
        get_only=True,
    ),
    "reporting:consolidate": Entry(
        lambda w: reverse("reporting:consolidate", args=[_period(w)]), PROVINCE_RECEIVERS
    ),
    "reporting:submission_detail": Entry(
        lambda w: reverse("reporting:submission_detail", args=[_commune_report(w)]),
        COMMUNE_REPORT_VIEWERS,
        get_only=True,
    ),
    "reporting:submission_edit": Entry(
        lambda w: reverse("reporting:submission_edit", args=[_commune_report(w)]),
        COMMUNE_REPORTERS,
    ),
    "reporting:submission_submit": Entry(
        lambda w: reverse("reporting:submission_submit", args=[_commune_report(w)]),
        COMMUNE_REPORTERS,
        method="post",
    ),
    "reporting:submission_accept": Entry(
        lambda w: reverse("reporting:submission_accept", args=[_commune_report(w)]),
        PROVINCE_RECEIVERS,
        method="post",
    ),
    "reporting:submission_return": Entry(
        lambda w: reverse("reporting:submission_return", args=[_commune_report(w)]),
        PROVINCE_RECEIVERS,
        method="post",
        data=lambda w: {"comment": "Bổ sung số liệu lớp học."},
    ),
    "reporting:consolidation_detail": Entry(
        lambda w: reverse("reporting:consolidation_detail", args=[_consolidation(w)]),
        PROVINCE_RECEIVERS,
        get_only=True,
    ),
    "reporting:consolidation_file": Entry(
        lambda w: reverse("reporting:consolidation_file", args=[_consolidation(w), "docx"]),
        PROVINCE_RECEIVERS,
        get_only=True,
    ),
}

MATRIX |= {
    "task-list": Entry(lambda w: reverse("task-list"), EVERY_OFFICER, get_only=True),
    "task-detail": Entry(
        lambda w: reverse("task-detail", args=[_task(w)]), TASK_OF_BODY, get_only=True
    ),
    "report-list": Entry(lambda w: reverse("report-list"), EVERY_OFFICER, get_only=True),
    "report-detail": Entry(
        lambda w: reverse("report-detail", args=[_commune_report(w)]),
        COMMUNE_REPORT_VIEWERS,
        get_only=True,
    ),
}
