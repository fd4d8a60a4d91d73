"""Every error talentmatch raises on purpose, in one hierarchy.

    TalentmatchError
    ├── ConfigurationError        a setting, policy file or ranking configuration is wrong
    ├── InvalidInputError         input data breaks the rules; lists every problem found
    │   └── InputFileError        a file could not be read at all (missing, wrong format)
    ├── NotFoundError             a profile, project, shortlist ... does not exist
    ├── ConflictError             the change clashes with the current state (stale version,
    │                             contact limit reached, shortlist already sent)
    ├── PermissionDeniedError     the caller is known but not allowed to do this
    ├── AuthenticationError       the caller could not be identified
    ├── EmbeddingError            the embedding model could not be loaded or run
    ├── WorkerUnavailableError    a ranking worker process cannot take a search (lost,
    │                             stuck); the ranking is done in the calling process instead
    └── BackendError              the search backend failed
        ├── BackendUnavailableError   it cannot be reached (OpenSearch down, index locked)
        ├── IndexMissingError         the index (or alias) does not exist
        ├── MappingConflictError      the index exists with an incompatible layout
        └── BulkWriteError            some documents of a batch were rejected

Backends map their native exceptions into ``BackendError`` subclasses; the API turns the
hierarchy into problem+json responses; the CLI prints the message without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where (row, field) and what.

    ``row`` is 1-based (the first data row of a file is row 1; for JSONL it is the line
    number). ``field`` is a dotted path such as ``skills.2.years``.
    """

    field: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"row {self.row}, " if self.row is not None else ""
        return f"{where}field '{self.field}': {self.message}"


class TalentmatchError(Exception):
    """Base class of every error talentmatch raises on purpose."""


class ConfigurationError(TalentmatchError):
    """A setting, a policy file or a ranking configuration is invalid."""


class InvalidInputError(TalentmatchError):
    """Input data is invalid. ``problems`` lists all of them, not just the first."""

    #: How many problems the message spells out; the rest are counted.
    MAX_LISTED = 100

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        head = f"{self.source}: " if self.source else ""
        n = len(self.problems)
        lines = [f"{head}{n} problem{'s' if n != 1 else ''} found"]
        lines += [f"  - {p}" for p in self.problems[: self.MAX_LISTED]]
        if n > self.MAX_LISTED:
            lines.append(f"  ... and {n - self.MAX_LISTED} more")
        return "\n".join(lines)

    @property
    def fields(self) -> Sequence[str]:
        return [p.field for p in self.problems]

    def __reduce__(self) -> tuple[object, ...]:
        # pickled as its problems (a ranking worker process sends its errors back): the
        # default would call ``__init__`` with the rendered message in place of them
        return (_rebuilt_invalid_input, (type(self), self.problems, self.source))


def _rebuilt_invalid_input(cls: type[InvalidInputError], problems: tuple[Problem, ...],
                           source: str | None) -> InvalidInputError:
    err = cls.__new__(cls)
    InvalidInputError.__init__(err, problems, source=source)
    return err


class InputFileError(InvalidInputError):
    """A file could not be read at all: missing, unreadable, or of an unknown format."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__([Problem(field="<file>", message=message)], source=source)


class NotFoundError(TalentmatchError):
    """The thing asked for does not exist."""


class ConflictError(TalentmatchError):
    """The change clashes with the current state and was not applied."""


class PermissionDeniedError(TalentmatchError):
    """The caller is identified but not allowed to do this."""


class AuthenticationError(TalentmatchError):
    """The caller could not be identified."""


class EmbeddingError(TalentmatchError):
    """The embedding model could not be loaded or failed to encode."""


class WorkerUnavailableError(TalentmatchError):
    """A worker process cannot take a ranking (it died or did not answer in time)."""


class BackendError(TalentmatchError):
    """The search backend failed."""


class BackendUnavailableError(BackendError):
    """The backend cannot be reached or opened."""


class IndexMissingError(BackendError):
    """The index (or its alias) does not exist."""


class MappingConflictError(BackendError):
    """The index exists but its layout does not match what talentmatch writes."""


class BulkWriteError(BackendError):
    """Some documents of a batch were rejected. ``failures`` maps profile id to reason."""

    def __init__(self, failures: dict[str, str]) -> None:
        self.failures = dict(failures)
        shown = "; ".join(f"{k}: {v}" for k, v in list(self.failures.items())[:10])
        more = f" (and {len(self.failures) - 10} more)" if len(self.failures) > 10 else ""
        super().__init__(f"{len(self.failures)} document(s) rejected: {shown}{more}")
