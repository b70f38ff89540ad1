"""Why a step cannot be taken, in Vietnamese (shown to the user as it is)."""

from __future__ import annotations


class WorkflowError(Exception):
    """A step that cannot be taken now; nothing was saved."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
