"""What the recognition views share: running an action and telling the user how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

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


def int_or_none(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return None
