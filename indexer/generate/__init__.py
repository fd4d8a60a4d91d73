"""Seeded generation of realistic freelancer profiles (``talentmatch generate``)."""

from indexer.generate.draws import CHUNK_SIZE
from indexer.generate.generator import DEFAULT_AS_OF, generate_profiles
from indexer.generate.writers import OutputFormat, write_profiles

__all__ = ["CHUNK_SIZE", "DEFAULT_AS_OF", "OutputFormat", "generate_profiles", "write_profiles"]
