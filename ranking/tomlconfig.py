"""Reading versioned TOML configuration files (policy, ranking configuration) with clear errors."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from indexer.errors import ConfigurationError

M = TypeVar("M", bound=BaseModel)

#: Largest configuration file read.
MAX_CONFIG_BYTES = 1024 * 1024


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, mapping every failure to :class:`ConfigurationError`."""
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigurationError(f"{path}: larger than {MAX_CONFIG_BYTES} bytes")
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigurationError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"{path}: invalid TOML: {exc}") from None


def default_toml(name: str) -> dict[str, Any]:
    """A configuration shipped as package data in ``ranking/defaults/``."""
    text = resources.files("ranking").joinpath("defaults", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def validate(model: type[M], data: dict[str, Any], source: str) -> M:
    """Validate ``data`` into ``model``; errors name the offending key (``weights.skills: ...``)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = [
            f"  - {'.'.join(str(x) for x in e['loc']) or '<root>'}: {e['msg']}"
            for e in exc.errors()
        ]
        raise ConfigurationError(f"{source}: invalid configuration\n" + "\n".join(lines)) from None
