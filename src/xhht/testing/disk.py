"""Storages that misbehave the way real disks do, for tests of uploads.

``FullDisk`` writes the first kilobyte of a file and then fails with ENOSPC, as a disk that
fills up during the write: the partial file stays on disk unless the caller deletes it.
``RacingDisk`` runs ``RacingDisk.meanwhile`` while a file is being written, as another request
finishing at that moment.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from django.core.files import File
from django.core.files.storage import FileSystemStorage

FULL_DISK = "xhht.testing.disk.FullDisk"
RACING_DISK = "xhht.testing.disk.RacingDisk"


class _FillsUp(File[bytes]):
    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        self.seek(0)
        yield self.read(1024)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class FullDisk(FileSystemStorage):
    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        return super().save(name, _FillsUp(content.file, content.name), max_length)


class RacingDisk(FileSystemStorage):
    meanwhile: ClassVar[Callable[[], Any] | None] = None

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        saved = super().save(name, content, max_length)
        if RacingDisk.meanwhile is not None:
            RacingDisk.meanwhile()
        return saved
