"""Seeded generation of realistic freelancer profiles (``talentmatch generate``).

    from indexer.generate import generate_profiles, write_profiles
    profiles = generate_profiles(100_000, seed=7)          # an iterator, validated Profiles
    write_profiles(profiles, "profiles.parquet")            # streams; jsonl / csv / parquet

Output is a pure function of ``(seed, as_of)`` (``as_of`` defaults to :data:`DEFAULT_AS_OF`,
2026-11-01T00:00Z, not the clock), and a run of ``n`` is a prefix of any longer run.
The layouts written are the ones :func:`indexer.loading.read_profiles` reads.
"""

from indexer.generate.draws import CHUNK_SIZE
from indexer.generate.generator import DEFAULT_AS_OF, generate_profiles
from indexer.generate.writers import OutputFormat, write_profiles

__all__ = ["CHUNK_SIZE", "DEFAULT_AS_OF", "OutputFormat", "generate_profiles", "write_profiles"]
