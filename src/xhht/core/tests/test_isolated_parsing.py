"""``uploads.run_isolated``: whatever the parser of an upload does (allocate without end, loop,
abort in native code), the process that asked lives on and gets an answer in time."""

from __future__ import annotations

import io
import os
import time

import pytest

from xhht.core.tests.hostile import shared_string_bomb_xlsx, xlsx
from xhht.core.uploads import Limits, ParseFailed, UploadRefused, check_zip, run_isolated

SMALL = Limits(memory_bytes=256 * 1024 * 1024, seconds=5)


def _rows(n: int) -> list[list[object]]:
    return [[i, f"dòng {i}", None] for i in range(n)]


def _allocate_without_end() -> None:
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def _loop_forever() -> None:
    while True:
        pass


def _sleep_forever() -> None:
    time.sleep(3600)


def _refuse() -> None:
    raise UploadRefused("Tệp bị từ chối.")


def test_the_child_returns_plain_data() -> None:
    assert run_isolated(_rows, 3, limits=SMALL) == [
        [0, "dòng 0", None],
        [1, "dòng 1", None],
        [2, "dòng 2", None],
    ]


def test_an_exception_of_the_child_is_raised_again_in_the_parent() -> None:
    with pytest.raises(UploadRefused, match="Tệp bị từ chối"):
        run_isolated(_refuse, limits=SMALL)


def test_a_child_that_allocates_without_end_fails_with_a_message_naming_the_limits() -> None:
    with pytest.raises(ParseFailed, match="vượt giới hạn 256 MB bộ nhớ hoặc 5 giây"):
        run_isolated(_allocate_without_end, limits=SMALL)


def test_a_child_that_aborts_in_native_code_fails_with_a_message() -> None:
    with pytest.raises(ParseFailed):
        run_isolated(os.abort, limits=SMALL)


def test_a_child_that_loops_is_stopped_by_the_time_limit() -> None:
    started = time.monotonic()
    with pytest.raises(ParseFailed):
        run_isolated(_loop_forever, limits=Limits(memory_bytes=SMALL.memory_bytes, seconds=1))
    assert time.monotonic() - started < 4


def test_a_child_that_sleeps_is_stopped_by_the_wall_clock() -> None:
    started = time.monotonic()
    with pytest.raises(ParseFailed):
        run_isolated(_sleep_forever, limits=Limits(memory_bytes=SMALL.memory_bytes, seconds=1))
    assert time.monotonic() - started < 4


def test_a_decompression_bomb_is_refused_by_its_declared_sizes() -> None:
    bomb = shared_string_bomb_xlsx(12)  # 12 MB of "a": compressed about 1,000 times
    with pytest.raises(UploadRefused, match=r"nén gấp .* lần .*vượt giới hạn 100 lần"):
        check_zip(io.BytesIO(bomb), what="bảng tính")


def test_a_container_beyond_the_total_unzipped_size_is_refused() -> None:
    plain = xlsx("<row r='1'></row>")
    check_zip(io.BytesIO(plain), what="bảng tính")
    with pytest.raises(UploadRefused, match=r"giải nén ra .* MB: vượt giới hạn"):
        check_zip(io.BytesIO(plain), what="bảng tính", max_unzipped=1000)
