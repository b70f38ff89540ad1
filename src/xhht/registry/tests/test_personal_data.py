"""CCCD numbers never appear in plain text in the database file, the logs or a masked export.

The app runs in a separate process on a real SQLite file (with SQL logging on), and the test
reads the bytes it left behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from xhht.registry.tests import workbooks

NUMBERS = ["092190000111", *(workbooks.row(i, "Khu vực 1")[10] for i in range(50))]


def cells(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    return "\n".join(str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row)


@pytest.mark.slow
def test_cccd_numbers_stay_out_of_the_database_file_the_logs_and_a_masked_export(
    tmp_path: Path,
) -> None:
    # The embedded database on purpose, even when the suite runs on PostgreSQL: the test reads
    # the bytes of the SQLite file the app writes.
    inherited = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env = inherited | {
        "XHHT_DATA_DIR": str(tmp_path),
        "XHHT_TESTING": "1",
        "XHHT_DEBUG": "1",  # Django logs every SQL statement with its parameters
        "XHHT_LOG_LEVEL": "DEBUG",
        "XHHT_JOBS_MODE": "inline",
        "XHHT_ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "xhht.settings",
    }
    run = subprocess.run(
        [sys.executable, "-m", "xhht.registry.tests.pii_scenario"],
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    logs = run.stdout + run.stderr
    assert run.returncode == 0, logs.decode()[-3000:]
    assert b"INSERT INTO" in logs  # the SQL log really was on
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("xhht.sqlite3*"))
    assert len(stored) > 100_000
    officer, reviewer = (
        cells(tmp_path / "export-officer.xlsx"),
        cells(tmp_path / "export-reviewer.xlsx"),
    )
    for number in NUMBERS:
        assert number.encode() not in stored, "a CCCD in the database file"
        assert number.encode() not in logs, "a CCCD in the logs"
        assert number not in reviewer, "a CCCD in a reviewer's export"
        assert number in officer  # the commune officer may see them
    assert "*********111" in reviewer
