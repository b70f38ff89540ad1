from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Uploaded sheets land in a temporary MEDIA_ROOT; jobs run inline (XHHT_TESTING)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.XHHT_JOBS_MODE = "inline"
