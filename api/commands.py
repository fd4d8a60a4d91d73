"""The api package's sub-commands of ``talentmatch`` (registered through the entry point)."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Attach the api commands to the ``talentmatch`` group."""
