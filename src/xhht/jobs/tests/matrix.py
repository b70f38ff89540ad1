"""The jobs app's URLs in the permission matrix: only a job's author may run it again."""

from __future__ import annotations

from django.urls import reverse

from xhht.jobs.models import Job
from xhht.testing.matrix import Entry
from xhht.testing.world import World


def interrupted_export(w: World) -> Job:
    return Job.objects.create(
        function="xhht.registry.exports.run_export",
        arguments={"kind": "unit", "query": {}},
        title="Xuất danh sách đơn vị",
        created_by=w.commune_officer,
        state=Job.State.FAILED,
        interrupted=True,
    )


MATRIX = {
    "jobs:retry": Entry(
        lambda w: reverse("jobs:retry", args=[w.once("interrupted_job", interrupted_export).pk]),
        frozenset({"commune_officer"}),
        method="post",
    ),
}
