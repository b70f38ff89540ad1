"""The class import as a background job: check both sheets, then write everything in one
transaction, or nothing (``class_import``)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.audit.models import AuditEntry
from xhht.centres.class_import import check
from xhht.centres.class_import_write import write
from xhht.core.sheets import SheetError, count_rows
from xhht.jobs.models import Job
from xhht.jobs.runner import JobFailed, Progress
from xhht.places.models import Level, Place
from xhht.registry.imports.common import delete_upload, open_upload
from xhht.registry.signals import bulk_written


def run_import(job: Job, *, token: str, place_id: int) -> dict[str, Any]:
    """Check every row of both sheets, then write all of it in one transaction, or nothing."""
    user = job.created_by
    root = Place.objects.filter(pk=place_id).first()
    if user is None or root is None or not can(user, Capability.MANAGE_CLASSES, root):
        delete_upload(token)
        raise JobFailed(_("Bạn không còn quyền nhập lớp học cho địa bàn này."))
    progress = Progress(job)
    try:
        with open_upload(token) as upload:
            progress.begin(count_rows(upload), _("Đang kiểm tra từng dòng…"))
            plan, rows = check(user, upload, root, progress.advance)
            if plan.ok:
                with transaction.atomic(), acting_as(user):
                    written = write(rows)
                    record_step(
                        actor=user,
                        obj=root,
                        step="import_classes",
                        place=root,
                        action=AuditEntry.Action.IMPORT,
                        after={"rows": plan.rows, "counts": plan.counts, "classes": len(written)},
                    )
                    # Participations were written in bulk: the province's kept counts are
                    # recounted in the same transaction.
                    bulk_written.send(sender=None, province=root.ancestor_of_level(Level.PROVINCE))
    except IntegrityError as exc:
        raise JobFailed(
            _(
                "Dữ liệu lớp học vừa được người khác sửa trong lúc nhập; chưa lưu gì, hãy tải tệp lên lại."
            )
        ) from exc
    except FileNotFoundError as exc:
        raise JobFailed(_("Tệp tải lên đã hết hạn; hãy tải lên lại.")) from exc
    except SheetError as exc:
        raise JobFailed(str(exc)) from exc
    finally:
        delete_upload(token)
    if plan.ok:
        job.message = _("Đã nhập xong.")
    else:
        job.message = _("Tệp có %(n)s lỗi; chưa lưu gì.") % {"n": len(plan.problems)}
    return plan.as_result()
