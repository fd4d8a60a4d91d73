"""The self-service search response written as JSON by msgspec, from a ranking's records.

:func:`api.services.search.self_service` builds the response as pydantic models
(``SearchResponse``: each profile's public view and summary) and pydantic writes them; for a
response of 20 results that is ~50 models validated, about a millisecond. Here the same
values go as plain dicts, in the models' field order (:func:`~api.schemas.profiles.public_fields`),
to msgspec, which writes the same bytes: strings are escaped alike, and the other values
are of the types the models declare (enum members, dates, ints, floats that validation
keeps finite and below 1e16; ``indexer.backends.embedded.profile_json`` lists where the
two writers differ). The ranking's instant is written by pydantic itself. Tested byte for
byte against the models' JSON (``tests/api/test_search_json.py``).
"""

from __future__ import annotations

import msgspec
import pydantic_core

from api.schemas.profiles import public_fields
from api.services.public_explanation import Summarizer
from ranking import Brief
from ranking.records import RecordRanking

_ENCODER = msgspec.json.Encoder()


def search_response_json(brief: Brief, ranking: RecordRanking) -> bytes:
    """``SearchResponse`` of ``ranking`` for ``brief``, as ``model_dump_json`` writes it."""
    total = ranking.total_eligible_candidates
    summary = Summarizer.of(brief)
    return _ENCODER.encode({
        "as_of": msgspec.Raw(pydantic_core.to_json(ranking.as_of)),
        "total_eligible": int(total if total is not None else len(ranking.results)),
        "results": [
            {
                "rank": r.rank,
                "profile": public_fields(r.profile, as_of=ranking.as_of),
                "explanation": {
                    "summary": summary(r.profile, [(s[0], s[3]) for s in r.signals]),
                },
            }
            for r in ranking.results
        ],
    })
