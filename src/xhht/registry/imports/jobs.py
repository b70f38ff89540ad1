"""The import as a background job: preview (validate only) or apply (validate, then write).

A preview of a file that holds CCCD numbers (households, clans) is audited and counted against
the user's limit before any number is looked up (``pii_guard.record_preview``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, can
from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.core.sheets import SheetError, count_rows
from xhht.jobs.models import Job
from xhht.jobs.runner import JobFailed, Progress
from xhht.places.models import Level, Place
from xhht.registry import pii_guard
from xhht.registry.imports import clans, households, units
from xhht.registry.imports.common import ImportPlan, delete_upload, open_upload
from xhht.registry.signals import bulk_written

Check = Callable[..., tuple[ImportPlan, Callable[[], None]]]
IMPORTERS: dict[str, Check] = {
    "household": households.check,
    "unit": units.check,
    "clan": clans.check,
}
#: The kinds whose files carry CCCD numbers: their previews are audited and limited.
READS_CCCD = {"household", "clan"}


def run_import(
    job: Job, *, kind: str, token: str, place_id: int, write: bool, preview: int | None = None
) -> dict[str, Any]:
    """``preview`` is the job whose check the user confirmed; this run checks again anyway:
    a households import from the rows its preview kept when the places they were checked
    against are unchanged (``households.check_kept``: the file is not read again), always
    against the registry as it is now; else from the file."""
    user = job.created_by
    root = Place.objects.filter(pk=place_id).first()
    if root is None or not can(user, Capability.MANAGE_REGISTRY, root):
        delete_upload(token)
        raise JobFailed(_("Bạn không còn quyền nhập dữ liệu cho địa bàn này."))
    progress = Progress(job)
    try:
        plan, write_all = _check(user, kind, token, root, write, progress)
        if write and plan.ok:
            progress.begin(job.total, _("Đang ghi vào sổ đăng ký…"))
            with transaction.atomic():
                write_all()
                record_step(
                    actor=user,
                    obj=root,
                    step=f"import_{kind}",
                    place=root,
                    action=AuditEntry.Action.IMPORT,
                    after={"rows": plan.rows, "counts": plan.counts},
                )
                # Bulk writes bypass the rollup signals: the province is recounted in the
                # same transaction, so the dashboards agree with the registry once it commits.
                bulk_written.send(sender=None, province=root.ancestor_of_level(Level.PROVINCE))
    except pii_guard.TooManyPreviews as exc:
        delete_upload(token)
        raise JobFailed(exc.message) from exc
    except pii_guard.CccdInUse as exc:
        delete_upload(token)
        # Who may see the numbers learns of it from the trail; the user reads no more than this.
        record_step(
            actor=user,
            obj=root,
            step=f"import_{kind}_cccd_in_use",
            place=root,
            after={"rows": plan.rows},
        )
        raise JobFailed(pii_guard.cccd_in_use_message()) from exc
    except IntegrityError as exc:
        delete_upload(token)
        raise JobFailed(
            _(
                "Sổ đăng ký vừa được người khác sửa trong lúc nhập; chưa lưu gì, hãy tải tệp lên lại."
            )
        ) from exc
    except FileNotFoundError as exc:
        raise JobFailed(_("Tệp tải lên đã hết hạn; hãy tải lên lại.")) from exc
    except SheetError as exc:
        delete_upload(token)
        raise JobFailed(str(exc)) from exc
    if write or not plan.ok:
        delete_upload(token)
    job.message = _done_message(plan, write)
    return plan.as_result()


def _check(
    user: Any, kind: str, token: str, root: Place, write: bool, progress: Progress
) -> tuple[ImportPlan, Callable[[], None]]:
    """The plan and its write: from the preview's kept rows when they still hold, else from
    the file (a preview of a households file keeps its rows)."""
    if write and kind == "household":
        progress.begin(0, _("Đang kiểm tra từng dòng…"))
        kept = households.check_kept(user, token, root)
        if kept is not None:
            progress.begin(kept[0].rows, _("Đang kiểm tra từng dòng…"))
            return kept
    with open_upload(token) as upload:
        rows = count_rows(upload)
        if kind in READS_CCCD and not write:
            pii_guard.record_preview(user=user, place=root, what=f"import_{kind}", rows=rows)
        progress.begin(rows, _("Đang kiểm tra từng dòng…"))
        if kind == "household" and not write:
            return households.check(user, upload, root, progress.advance, keep=token)
        return IMPORTERS[kind](user, upload, root, progress.advance)


def _done_message(plan: ImportPlan, write: bool) -> str:
    if not plan.ok:
        return _("Tệp có %(n)s lỗi; chưa lưu gì.") % {"n": len(plan.problems)}
    return _("Đã nhập xong.") if write else _("Tệp hợp lệ; hãy xem lại rồi xác nhận nhập.")
