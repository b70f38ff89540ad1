"""Bounded, isolated parsing of uploaded files (workbooks, documents).

Every parser of an uploaded file runs in a child process (``run_isolated``) with an address-space
limit, a CPU-time limit and a wall-clock timeout: a file that makes a parser allocate 512 GiB,
loop or crash kills the child, never the web process or a job worker, and the person who sent it
reads a Vietnamese message. The child is forked, so it starts in milliseconds with the code and
the translations already loaded; it gets its arguments by inheritance and sends back plain data
(rows, a proposal) or the exception it raised.

``check_zip`` refuses ZIP containers (XLSX, DOCX) whose declared sizes make them decompression
bombs before any parser opens them; run it inside the child (the central directory of a 50 MB
file can hold a million entries).

The child isolates crashes and exhaustion; it is not a security boundary: it runs as the same
user with the same files (a parser exploited into running code gains nothing it did not have),
which is also why its answer may come back as a pickle.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import resource
import signal
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import IO, Any, TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

T = TypeVar("T")

MIB = 1024 * 1024
# A ZIP container (XLSX, DOCX) may unpack to at most this much in all…
MAX_UNZIPPED_BYTES = 256 * MIB
# …hold at most this many parts…
MAX_ZIP_MEMBERS = 2_000
# …and no part above RATIO_FROM_BYTES may be compressed more than MAX_RATIO times: real sheets
# and documents compress 5 to 15 times; a bomb (one repeated character) a thousand times.
MAX_RATIO = 100
RATIO_FROM_BYTES = 10 * MIB
# Signals a web or job worker may have taken over; the child gets the default actions back.
_RESET_SIGNALS = (
    "SIGTERM",
    "SIGINT",
    "SIGQUIT",
    "SIGHUP",
    "SIGABRT",
    "SIGUSR1",
    "SIGUSR2",
    "SIGXCPU",
)


class UploadRefused(ValueError):
    """The uploaded file is refused; the message (Vietnamese) names the limit it broke."""


class ParseFailed(UploadRefused):
    """The child process parsing the file died or ran out of time."""


def mib(size: int) -> str:
    return number(max(1, round(size / MIB)))


def number(value: int) -> str:
    """1048576 → "1.048.576" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Limits:
    memory_bytes: int
    seconds: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(settings.XHHT_PARSE_MEMORY_BYTES, settings.XHHT_PARSE_SECONDS)

    def failure(self) -> str:
        return _(
            "Không đọc được tệp: việc đọc tệp vượt giới hạn %(memory)s MB bộ nhớ hoặc "
            "%(seconds)s giây (tệp quá lớn, bị hỏng hoặc được làm ra để gây quá tải). Hãy kiểm "
            "tra tệp, bỏ các ô và trang thừa rồi tải lên lại."
        ) % {"memory": mib(self.memory_bytes), "seconds": self.seconds}


def run_isolated(function: Callable[..., T], *args: Any, limits: Limits | None = None) -> T:
    """``function(*args)`` in a forked child under ``limits``; its result or its exception.

    ``ParseFailed`` when the child dies (out of memory, a crash in native code, killed) or does
    not answer within ``limits.seconds``; the child is then killed.
    """
    limits = limits or Limits.from_settings()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, limits, function, args))
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise ParseFailed(limits.failure())
        try:
            outcome, value = pickle.loads(receiver.recv_bytes())  # noqa: S301 - our own child
        except (EOFError, OSError, pickle.UnpicklingError):
            raise ParseFailed(limits.failure()) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome == "raise":
        raise value
    result: T = value
    return result


def _child(sender: Connection, limits: Limits, function: Callable[..., Any], args: Any) -> None:
    for name in _RESET_SIGNALS:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    # A child orphaned by a killed parent ends itself shortly after the parent would have.
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(limits.seconds + 5)
    _limit_resources(limits)
    try:
        outcome: tuple[str, Any] = ("ok", function(*args))
    except MemoryError:
        os._exit(70)  # the parent reports the limit; nothing sensible can be sent back
    except Exception as exc:  # handed to the parent, which raises it again
        outcome = ("raise", exc)
    try:
        message = _dumps(outcome)
    except Exception:  # an unpicklable exception: report it by its text
        message = pickle.dumps(("raise", UploadRefused(str(outcome[1]))))
    sender.send_bytes(message)
    sender.close()


def _dumps(outcome: tuple[str, Any]) -> bytes:
    """Without the memo (``fast``): rows of plain values pickle five times faster that way."""
    if outcome[0] == "raise":
        return pickle.dumps(outcome)
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # deprecated in the docs, still the way to skip the memo
    pickler.dump(outcome)
    return buffer.getvalue()


def _limit_resources(limits: Limits) -> None:
    """Address space = what the forked process already maps + the budget; CPU = the timeout.

    Limits only ever go down: a lower limit set by the system (``ulimit -v``) stays.
    """
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:  # noqa: PTH123
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        mapped = None  # not Linux: the wall-clock timeout and the CPU limit still hold
    if mapped is not None:
        _lower(resource.RLIMIT_AS, mapped + limits.memory_bytes)
    _lower(resource.RLIMIT_CPU, limits.seconds)


def _lower(which: int, value: int) -> None:
    soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    if soft == resource.RLIM_INFINITY or value < soft:
        resource.setrlimit(which, (value, hard))


def check_zip(
    source: IO[bytes] | zipfile.ZipFile, *, what: str, max_unzipped: int = MAX_UNZIPPED_BYTES
) -> None:
    """Refuse a ZIP container whose declared sizes make it a decompression bomb.

    ``what`` names the file for the message ("bảng tính", "văn bản"). Python's ``zipfile``
    never inflates a part past its declared size, and the parsers run under ``run_isolated``,
    so a part that lies about its size is caught there.
    """
    try:
        archive = source if isinstance(source, zipfile.ZipFile) else zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRefused(
            _("Tệp %(what)s bị hỏng hoặc sai định dạng (không mở được).") % {"what": what}
        ) from exc
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise UploadRefused(
            _("Tệp %(what)s có %(n)s phần bên trong: vượt giới hạn %(limit)s phần.")
            % {"what": what, "n": number(len(members)), "limit": number(MAX_ZIP_MEMBERS)}
        )
    total = sum(member.file_size for member in members)
    if total > max_unzipped:
        raise UploadRefused(
            _(
                "Tệp %(what)s giải nén ra %(size)s MB: vượt giới hạn %(limit)s MB. Hãy chia "
                "thành nhiều tệp nhỏ hơn."
            )
            % {"what": what, "size": mib(total), "limit": mib(max_unzipped)}
        )
    for member in members:
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise UploadRefused(
                _(
                    "Tệp %(what)s có phần “%(name)s” nén gấp %(ratio)s lần (%(size)s MB khi "
                    "giải nén): vượt giới hạn %(limit)s lần; tệp như vậy là “bom nén”, không "
                    "phải dữ liệu thật."
                )
                % {
                    "what": what,
                    "name": member.filename[:80],
                    "ratio": number(round(ratio)),
                    "size": mib(member.file_size),
                    "limit": MAX_RATIO,
                }
            )
