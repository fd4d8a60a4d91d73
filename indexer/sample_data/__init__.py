"""The bundled sample: 1,900 generated profiles (see README.md here for the exact command)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: File name of the bundled sample, inside this package.
SAMPLE_FILE = "profiles.jsonl"
#: How the bundled sample was generated (``talentmatch generate`` arguments).
SAMPLE_COUNT = 1900
SAMPLE_SEED = 42


def sample_profiles_path() -> Path:
    """Path of the bundled ``profiles.jsonl`` (installed as package data)."""
    return Path(str(resources.files("indexer.sample_data").joinpath(SAMPLE_FILE)))
