"""A ranking without explanations, its profiles as records: what a caller that shows only
public fields needs (:meth:`ranking.ranker.Ranker.rank_records`).

A :class:`~ranking.results.RankingResult` explains every result for staff (text, hints, the
rules that admitted it) and carries each profile validated in full; the API's self-service
search discards the explanations and reads a few fields of each profile. A
:class:`RecordRanking` holds the same results (ids, ranks, scores, signal contributions,
new-profile slots) with each profile as a :class:`~indexer.profile.record.ProfileRecord`
decoded from the stored JSON without validating it again, and no explanation. Plain frozen
dataclasses: never serialised, never cached (callers cache what they derive from them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from indexer.backends.protocol import SearchBackend
from indexer.profile.record import ProfileRecord, decode_record
from ranking.results import RankingResult
from ranking.scoring import RawContribution


class RankingForm(Enum):
    """The two forms of a ranking a caller can have built from (e.g. in another process)."""

    EXPLAINED = "explained"  #: a :class:`~ranking.results.RankingResult` (``Ranker.rank``)
    RECORDS = "records"  #: a :class:`RecordRanking` (``Ranker.rank_records``)


@dataclass(frozen=True, slots=True)
class RankedRecord:
    """One result: as :class:`~ranking.results.RankedProfile` without its explanation,
    hints and admitting rules; ``signals`` as ``(name, value, weight, contribution)``."""

    profile_id: str
    rank: int
    score: float
    signals: list[RawContribution]
    new_profile_slot: bool
    profile: ProfileRecord


@dataclass(frozen=True, slots=True)
class RecordRanking:
    """The fields of a :class:`~ranking.results.RankingResult`, with :class:`RankedRecord`
    results."""

    results: list[RankedRecord]
    as_of: datetime
    policy_version: str
    config_version: str
    total_eligible_candidates: int | None
    scored_candidates: int

    @classmethod
    def of(cls, result: RankingResult) -> RecordRanking:
        """The records of an explained ranking (e.g. one served by the result cache)."""
        return cls(
            results=[
                RankedRecord(
                    profile_id=r.profile_id,
                    rank=r.rank,
                    score=r.score,
                    signals=[(s.name, s.value, s.weight, s.contribution) for s in r.signals],
                    new_profile_slot=r.new_profile_slot,
                    profile=ProfileRecord.of(r.profile),
                )
                for r in result.results
            ],
            as_of=result.as_of,
            policy_version=result.policy_version,
            config_version=result.config_version,
            total_eligible_candidates=result.total_eligible_candidates,
            scored_candidates=result.scored_candidates,
        )


def fetch_records(backend: SearchBackend, ids: Sequence[str]) -> dict[str, ProfileRecord]:
    """The records of the stored profiles ``ids`` (unknown ids are absent): decoded from the
    stored JSON when the backend offers it (``raw_documents``: the embedded backend), else
    from ``get``; a backend that keeps records (``records``:
    :class:`~ranking.profilecache.CachedProfiles`) gives them."""
    records = getattr(backend, "records", None)
    if records is not None:
        return records(ids)
    raw_documents = getattr(backend, "raw_documents", None)
    if raw_documents is not None:
        return {pid: decode_record(raw) for pid, (raw, _, _) in raw_documents(ids).items()}
    return {pid: ProfileRecord.of(doc.profile) for pid, doc in backend.get(ids).items()}
