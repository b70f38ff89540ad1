"""What the recognition views share: running an action and telling the user how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from xhht.core.numbers import bounded_int
from xhht.recognition.actions import MarksError, WorkflowError


def attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run ``action``; on a refusal show its Vietnamese message (nothing was saved)."""
    try:
        action()
    except MarksError as exc:
        for problem in exc.problems:
            messages.error(request, problem)
        return False
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


class MissingVersion(WorkflowError):
    """A step posted without the version of the assessment the page showed."""


def int_or_none(value: str | None) -> int | None:
    """A whole number from a query or a form, or None (also for one no column could hold)."""
    return bounded_int(value)


def posted_version(request: HttpRequest) -> int:
    """The version of the assessment the page showed (its hidden ``version`` field).

    A form without one, or with anything but a whole number, is refused: the check that nobody
    changed the record meanwhile is never skipped. Call it inside ``attempt`` so the refusal is
    shown as a message.
    """
    version = int_or_none(request.POST.get("version"))
    if version is None or version < 0:
        raise MissingVersion(
            _(
                "Trang gửi lên không cho biết phiên bản hồ sơ đã xem nên chưa lưu gì. "
                "Hãy tải lại trang rồi thực hiện lại."
            )
        )
    return version
