"""The indexer's sub-commands of ``talentmatch`` (registered through the entry point).

``talentmatch index FILE`` validates the whole file first (nothing is written if any row is
bad; every problem is listed with its row and field), then loads the embedding model, opens
the configured backend and indexes, printing added / updated / unchanged / deleted / elapsed.
``talentmatch concepts fetch`` downloads the ESCO concept data once and embeds it with the
configured model (:mod:`indexer.embedding.esco`). ``talentmatch generate`` (sample data) comes from :mod:`indexer.generate.command` when present.
"""

from __future__ import annotations

import importlib.util
from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from indexer.pipeline.summary import IndexSummary
from indexer.settings import BackendKind, IndexerSettings, Precision


def _parse_as_of(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO 8601 timestamp: {value!r}") from exc
    if when.tzinfo is None:
        raise click.BadParameter("give a time zone, e.g. 2026-11-01T12:00:00+00:00")
    return when


def summary_table(summary: IndexSummary, *, source: str, backend: str, model_id: str) -> Table:
    """The end-of-run summary as a rich table."""
    table = Table(title=f"indexed {source} into {backend} ({model_id})", title_justify="left")
    for name in ("added", "updated", "unchanged", "deleted", "embedded", "elapsed"):
        table.add_column(name, justify="right")
    table.add_row(
        str(summary.added),
        str(summary.updated),
        str(summary.unchanged),
        str(summary.deleted),
        str(summary.embedded),
        f"{summary.elapsed_s:.2f} s",
    )
    return table


@click.command("index")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--delete-missing", is_flag=True, help="Remove indexed profiles that are not in FILE."
)
@click.option(
    "--backend",
    type=click.Choice([b.value for b in BackendKind]),
    default=None,
    help="Where to index (default: TALENTMATCH_BACKEND, else embedded).",
)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Default: TALENTMATCH_DATA_DIR, else ./data.",
)
@click.option(
    "--model-path",
    type=click.Path(path_type=Path),
    default=None,
    help="A sentence-transformers model directory (default: all-MiniLM-L6-v2).",
)
@click.option(
    "--precision",
    type=click.Choice([p.value for p in Precision]),
    default=None,
    help="Embedding precision (default: auto).",
)
@click.option(
    "--completeness-config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TOML file with completeness weights and thresholds.",
)
@click.option("--as-of", default=None, help="Timestamp completeness is computed at (default: now).")
@click.option("--progress/--no-progress", default=True, help="Show progress bars.")
def index_command(
    file: Path,
    delete_missing: bool,
    backend: str | None,
    data_dir: Path | None,
    model_path: Path | None,
    precision: str | None,
    completeness_config: Path | None,
    as_of: str | None,
    progress: bool,
) -> None:
    """Validate FILE (JSONL, CSV or Parquet) and index its profiles.

    A file with any invalid row is rejected whole and the index is left as it was.
    """
    from indexer.backends import open_backend
    from indexer.completeness import CompletenessConfig
    from indexer.embedding import load_embedder
    from indexer.pipeline import Indexer, validate_source

    overrides: dict[str, object] = {}
    if backend is not None:
        overrides["backend"] = BackendKind(backend)
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if model_path is not None:
        overrides["model_path"] = model_path
    if precision is not None:
        overrides["embedding_precision"] = Precision(precision)
    # invalid settings (environment or options): reported by the command group (cli.py)
    settings = IndexerSettings(**overrides)  # type: ignore[arg-type]
    when = _parse_as_of(as_of)
    comp_cfg = CompletenessConfig.load(completeness_config) if completeness_config else None

    source = validate_source(file, progress=progress)  # fails fast, before the model loads
    embedder = load_embedder(settings)
    store = open_backend(settings, embedder.dimension)
    try:
        with Indexer(store, embedder, settings, completeness_config=comp_cfg) as indexer:
            summary = indexer.index_validated(
                source, delete_missing=delete_missing, as_of=when, progress=progress
            )
    finally:
        store.close()
    Console().print(
        summary_table(
            summary, source=str(file), backend=settings.backend.value, model_id=embedder.model_id
        )
    )


@click.group("concepts")
def concepts_group() -> None:
    """The ESCO taxonomy that concept expansion pulls vectors towards."""


@concepts_group.command("fetch")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar while embedding.")
def concepts_fetch_command(progress: bool) -> None:
    """Download the ESCO concept data (pinned, checked) and embed it with the configured model.

    Idempotent: data already there and vectors already embedded are kept. Where: the setting
    TALENTMATCH_CONCEPT_DIR (default ~/.cache/talentmatch/concepts).
    """
    from indexer.embedding import load_base_embedder
    from indexer.embedding.esco import fetch_esco, load_esco_space

    settings = IndexerSettings()  # invalid settings: reported by the command group (cli.py)
    directory = fetch_esco(settings.concept_dir)
    space = load_esco_space(directory, load_base_embedder(settings), progress=progress)
    click.echo(f"ESCO concepts ready in {directory}: {len(space):,} concepts x {space.dimension} dims")


def register(cli: click.Group) -> None:
    """Attach the indexer's commands to the ``talentmatch`` group."""
    cli.add_command(index_command)
    cli.add_command(concepts_group)
    if importlib.util.find_spec("indexer.generate.command") is not None:
        from indexer.generate.command import generate_command

        cli.add_command(generate_command)
