"""The indexer's sub-commands of ``talentmatch`` (registered through the entry point)."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Attach the indexer's commands to the ``talentmatch`` group."""
