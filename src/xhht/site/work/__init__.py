""" "Việc cần làm": what waits for a user, read through each object's scoped queryset.

Files to self-assess, review, propose and decide come from ``Assessment.objects.visible_to``
with the capability the step needs under the default step rules (and a citizen's own files);
reports from ``Submission.objects.filed_by``/``receivable_by``; tasks from
``Task.objects.updatable_by`` (a body's officer) or ``visible_to``; imports from the user's own
jobs; open and planned classes from ``LearningClass.objects.visible_to`` (who manages classes).
Each list is one count and one short slice: the page costs the same whatever the
province's size. The builders live by sub-domain (``recognition``, ``reporting``,
``governance``, ``learning``, ``jobs``); the shared types in ``lists``.
"""

from __future__ import annotations

from xhht.accounts.access import EVERYWHERE, Capability, scope_paths
from xhht.accounts.models import User
from xhht.reporting.periods import today as reporting_today
from xhht.site.work.commendation import nomination_lists
from xhht.site.work.governance import recommendation_lists
from xhht.site.work.jobs import job_list
from xhht.site.work.learning import (
    citizen_requests,
    class_list,
    learning_to_confirm,
    resources_to_curate,
)
from xhht.site.work.lists import WorkList
from xhht.site.work.recognition import assessment_lists, national_lists
from xhht.site.work.reporting import report_lists, task_list


def work_for(user: User) -> list[WorkList]:
    day = reporting_today()
    if EVERYWHERE in scope_paths(user, Capability.VIEW):
        lists = national_lists(user)
    else:
        lists = assessment_lists(user)
        lists += report_lists(user, day)
        classes = class_list(user)
        if classes is not None:
            lists.append(classes)
        learning = learning_to_confirm(user)
        if learning is not None:
            lists.append(learning)
        lists += citizen_requests(user)
        curate = resources_to_curate(user)
        if curate is not None:
            lists.append(curate)
        lists += recommendation_lists(user, day)
        lists += nomination_lists(user)
    tasks = task_list(user, day)
    if tasks is not None:
        lists.append(tasks)
    jobs = job_list(user)
    if jobs is not None:
        lists.append(jobs)
    return lists
