"""The ``talentmatch`` command.

Sub-commands come from the ``talentmatch.commands`` entry-point group: each package
(``indexer``, ``ranking``, ``api``, ``eval``) registers its own, so this module never imports
the packages that depend on it. Errors from :mod:`indexer.errors` are printed without a
traceback and exit with status 2, as do invalid settings (a ``*Settings`` model rejecting the
``TALENTMATCH_*`` environment or a command's options).
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

import click
from pydantic import ValidationError

from indexer.errors import TalentmatchError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TalentmatchError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(2)
        except ValidationError as exc:
            if not exc.title.endswith("Settings"):  # a bug, not the user's settings
                raise
            click.secho(
                f"error: invalid settings (TALENTMATCH_* variables or options): {exc}",
                fg="red", err=True,
            )
            sys.exit(2)


@click.group(cls=_Group)
@click.version_option(package_name="talentmatch")
def cli() -> None:
    """talentmatch: find, rank and explain the freelancers who fit a project."""


def _load_plugins() -> None:
    for ep in sorted(entry_points(group="talentmatch.commands"), key=lambda e: e.name):
        ep.load()(cli)


def main() -> None:
    _load_plugins()
    cli()


if __name__ == "__main__":
    main()
