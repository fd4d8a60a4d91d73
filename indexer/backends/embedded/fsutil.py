"""Small file-system primitives for crash-safe writes and single-writer locking.

A file becomes visible only once it is complete: it is written under a temporary name,
flushed to disk (``fsync``), renamed over its final name (``os.replace`` is atomic on POSIX)
and the directory entry is flushed too. A reader therefore sees the old or the new file,
never a half-written one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import BinaryIO

from indexer.errors import BackendUnavailableError


def fsync_dir(path: Path) -> None:
    """Flush a directory entry (a rename or a new file) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(f: BinaryIO) -> None:
    """Flush Python's buffer and the OS cache of an open file to disk."""
    f.flush()
    os.fsync(f.fileno())


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` atomically (temp file, fsync, rename, fsync dir)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        fsync_file(f)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def remove_quietly(path: Path) -> None:
    """Delete a file if it exists (garbage collection of unreferenced files)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


class DirectoryLock:
    """An exclusive, non-blocking ``flock`` on ``<dir>/LOCK``: one writer per index directory.

    The lock is released by the kernel when the process dies, so a crash never leaves a
    stale lock behind.
    """

    def __init__(self, directory: Path) -> None:
        self._path = directory / "LOCK"
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BackendUnavailableError(
                f"the index at {self._path.parent} is open in another process or backend "
                "instance (it allows a single writer); close that one first"
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
