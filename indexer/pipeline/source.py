"""A profile file validated in full before anything is written.

Small files are kept in memory after validation (one read). Files larger than
:data:`STREAM_ABOVE_BYTES` are validated in a first streaming pass that keeps nothing, then
read again batch by batch while indexing, so memory stays bounded at any size (a validated
profile takes about 8 KB of Python memory). The second pass refuses to start if the file
changed in between.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import InputFileError
from indexer.loading import iter_profile_batches, read_profiles, validate_file
from indexer.profile.model import Profile

#: Files up to this size are held in memory after validation; larger ones are read twice.
STREAM_ABOVE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ValidatedFile:
    """A file whose every row is valid: its profiles, or how to stream them again."""

    path: Path
    count: int
    profiles: list[Profile] | None  # None: stream with :meth:`batches`
    signature: tuple[int, int]

    def batches(self, batch_size: int, *, progress: bool = False) -> Iterator[list[Profile]]:
        """The profiles, ``batch_size`` at a time, in file order."""
        if self.profiles is not None:
            for start in range(0, len(self.profiles), batch_size):
                yield self.profiles[start : start + batch_size]
            return
        if _signature(self.path) != self.signature:
            raise InputFileError(
                "the file changed after it was validated; run the command again",
                source=str(self.path),
            )
        yield from iter_profile_batches(self.path, batch_size=batch_size, progress=progress)


def _signature(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError as exc:
        raise InputFileError(f"cannot read file: {exc.strerror}", source=str(path)) from exc
    return (st.st_size, st.st_mtime_ns)


def validate_source(
    path: Path, *, progress: bool = False, stream_above: int = STREAM_ABOVE_BYTES
) -> ValidatedFile:
    """Validate every row of ``path`` (raising :class:`InvalidInputError` listing all problems)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError("file not found", source=str(path))
    signature = _signature(path)
    if signature[0] <= stream_above:
        profiles = read_profiles(path, progress=progress)
        return ValidatedFile(path, len(profiles), profiles, signature)
    count = validate_file(path, progress=progress)
    return ValidatedFile(path, count, None, signature)
