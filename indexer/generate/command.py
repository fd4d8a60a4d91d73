"""``talentmatch generate``: write N seeded sample profiles to a file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import click
from tqdm import tqdm

from indexer.generate.generator import DEFAULT_AS_OF, generate_profiles
from indexer.generate.writers import OutputFormat, write_profiles
from indexer.profile.model import Profile


def _parse_as_of(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO 8601 date or time: {value!r}") from exc
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@click.command("generate")
@click.option(
    "--count",
    "-n",
    type=click.IntRange(min=0),
    default=2000,
    show_default=True,
    help="How many profiles to generate.",
)
@click.option(
    "--seed",
    "-s",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Random seed; the same seed gives the same profiles.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in OutputFormat]),
    default=None,
    help="Output format (default: from the file extension).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (.jsonl, .csv or .parquet).",
)
@click.option(
    "--as-of",
    "as_of",
    default=None,
    help=f"The 'now' of the data, ISO 8601 (default {DEFAULT_AS_OF.isoformat()}; "
    "UTC if no offset).",
)
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Show a progress bar."
)
def generate_command(
    count: int, seed: int, fmt: str | None, output: Path, as_of: str | None, progress: bool
) -> None:
    """Generate realistic, reproducible freelancer profiles (en/de/fr/es, European cities)."""
    moment = _parse_as_of(as_of)
    kind = OutputFormat(fmt) if fmt else OutputFormat.from_path(output)
    profiles = generate_profiles(count, seed=seed, as_of=moment)
    with tqdm(total=count, unit="profile", desc="generating", disable=not progress) as bar:

        def counted() -> Iterator[Profile]:
            for k, p in enumerate(profiles, 1):
                yield p
                if k % 1000 == 0:
                    bar.update(1000)
            bar.update(count - bar.n)

        written = write_profiles(counted(), output, kind)
    click.echo(f"wrote {written} profiles to {output} ({kind.value}, seed {seed})")
