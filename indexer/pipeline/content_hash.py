"""The content hash that decides whether a stored document is up to date.

``sha256`` over the profile's canonical JSON (keys sorted, compact separators, UTF-8), the
embedding model id, the version of the embedding-text layout
(:data:`indexer.text.EMBEDDING_TEXT_VERSION`: a new layout re-indexes everything, so no
stored vector belongs to an old text), and the completeness computed for it. Equal hash → the document the
indexer would write is identical to the stored one → "unchanged", nothing is written. The
model id is included so switching models (or precision) re-indexes everything; completeness
is included because it depends on time (availability confirmed within a week) and on the
completeness configuration, so a profile whose score moved is rewritten even if its data did
not change (its vector then comes from the embedding cache).
"""

from __future__ import annotations

import hashlib
import json

from indexer.backends.protocol import Completeness
from indexer.profile.model import Profile
from indexer.text import EMBEDDING_TEXT_VERSION


def canonical_json(profile: Profile) -> str:
    """The profile as JSON with sorted keys and no insignificant whitespace."""
    return json.dumps(
        profile.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def content_hash(profile: Profile, model_id: str, completeness: Completeness) -> str:
    """Hex sha256 of canonical JSON, model id and completeness (see the module docstring)."""
    digest = hashlib.sha256()
    digest.update(canonical_json(profile).encode("utf-8"))
    digest.update(b"\x00model\x00" + model_id.encode("utf-8"))
    digest.update(b"\x00text\x00" + EMBEDDING_TEXT_VERSION.encode("utf-8"))
    digest.update(
        f"\x00completeness\x00{completeness.score:.6f}\x00{','.join(completeness.missing)}".encode()
    )
    return digest.hexdigest()
