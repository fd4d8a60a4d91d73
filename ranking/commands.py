"""The ranking package's sub-commands of ``talentmatch`` (registered through the entry point).

``talentmatch search`` ranks the indexed profiles for a brief, given as a file (JSON or TOML)
and/or as flags (flags override the file's fields), and prints the top ``k`` as a table with
each result's explanation, or as JSON. ``--explain PROFILE_ID`` explains one profile instead,
including why an ineligible profile is not listed. ``--as-of`` pins the time (ISO 8601 with a
time zone) so results are reproducible.

Examples::

    talentmatch search --title "Java backend developer" --skill Java --skill "Spring Boot" \\
        --mode curated --country DE --max-rate 700
    talentmatch search brief.toml --json --as-of 2026-11-01T12:00:00+00:00
    talentmatch search brief.json --explain p000123
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from indexer.embedding.protocol import Embedder
from indexer.errors import InvalidInputError, Problem
from indexer.settings import BackendKind, IndexerSettings
from ranking.brief import SearchMode, load_brief, parse_brief
from ranking.config import RankingConfig
from ranking.policy import EligibilityPolicy
from ranking.results import ProfileExplanation, RankingResult


def _load_embedder(settings: IndexerSettings) -> Embedder:
    """The configured embedding model (a seam so tests can swap in a test embedder)."""
    from indexer.embedding import load_embedder

    return load_embedder(settings)


def _parse_as_of(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"not an ISO 8601 timestamp: {value!r}", param_hint="--as-of"
        ) from None
    if when.tzinfo is None:
        raise click.BadParameter(
            "give a time zone, e.g. 2026-11-01T12:00:00+00:00", param_hint="--as-of"
        )
    return when


def _languages(values: tuple[str, ...]) -> list[dict[str, str]]:
    out = []
    for i, v in enumerate(values):
        code, _, level = v.partition(":")
        item = {"code": code.strip()}
        if level:
            item["min_level"] = level.strip()
        out.append(item)
        if not code.strip():
            raise InvalidInputError(
                [Problem(field=f"languages.{i}", message=f"expected CODE[:LEVEL], got {v!r}")]
            )
    return out


def brief_data(brief_file: Path | None, flags: dict[str, Any]) -> dict[str, Any]:
    """The brief as plain data: the file's fields, overridden by the flags that were given."""
    data: dict[str, Any] = (
        load_brief(brief_file).model_dump(mode="json", exclude_unset=True) if brief_file else {}
    )
    location = dict(data.get("location") or {})
    for key in ("city", "country", "lat", "lon", "radius_km", "remote"):
        value = flags.pop(key)
        if value is not None:
            location[key] = value
    if location:
        data["location"] = location
    for key, value in flags.items():
        if value is None or value == ():
            continue
        data[key] = _languages(value) if key == "languages" else value
    return data


def _table(result: RankingResult, console: Console) -> None:
    title = (
        f"top {len(result.results)} of {result.total_eligible_candidates if result.total_eligible_candidates is not None else '?'} "
        f"eligible profiles · as of {result.as_of:%Y-%m-%d %H:%M %Z} · "
        f"{result.policy_version} · {result.config_version}"
    )
    table = Table(title=title, title_justify="left", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("profile")
    table.add_column("score", justify="right")
    table.add_column("explanation", ratio=1)
    for r in result.results:
        who = f"{r.profile_id}\n{r.profile.name}\n{r.profile.headline}"
        if r.new_profile_slot:
            who += "\n[new profile]"
        table.add_row(
            str(r.rank), who, f"{r.score:.3f}", r.explanation + "\n" + "; ".join(r.admitted_by)
        )
    console.print(table)


def _print_explanation(e: ProfileExplanation, console: Console) -> None:
    head = "eligible" if e.eligible else "NOT LISTED"
    console.print(f"[bold]{e.profile_id}[/bold]: {head}")
    for r in e.reasons:
        console.print(f"  - {r}")
    if e.ranked is not None:
        console.print(f"  {e.ranked.explanation}")
        table = Table(
            "signal", "value", "weight", "contribution", title="signals", title_justify="left"
        )
        for s in e.ranked.signals:
            table.add_row(
                s.name.value, f"{s.value:.3f}", f"{s.weight:.3f}", f"{s.contribution:.4f}"
            )
        console.print(table)
    if e.hints:
        console.print("hints for the freelancer:")
        for h in e.hints:
            console.print(f"  * {h}")


@click.command("search")
@click.argument("brief_file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--title", default=None, help="Project title.")
@click.option("--description", default=None, help="Free-text project description.")
@click.option("--skill", "must_have_skills", multiple=True, help="Must-have skill (repeatable).")
@click.option(
    "--nice-skill", "nice_to_have_skills", multiple=True, help="Nice-to-have skill (repeatable)."
)
@click.option(
    "--language", "languages", multiple=True, help="CODE[:LEVEL], e.g. de:fluent (repeatable)."
)
@click.option(
    "--mode",
    type=click.Choice([m.value for m in SearchMode]),
    default=None,
    help="Search mode (default self_service).",
)
@click.option("--city", default=None)
@click.option("--country", default=None, help="ISO 3166 code, e.g. DE.")
@click.option("--lat", type=float, default=None)
@click.option("--lon", type=float, default=None)
@click.option("--radius-km", "radius_km", type=float, default=None)
@click.option(
    "--remote",
    type=click.Choice(["remote", "onsite", "hybrid"]),
    default=None,
    help="Working mode offered.",
)
@click.option("--max-rate", "max_daily_rate", type=float, default=None, help="Maximum daily rate.")
@click.option("--currency", default=None, help="Currency of --max-rate (default EUR).")
@click.option("--start-date", "start_date", default=None, help="YYYY-MM-DD.")
@click.option("--duration-days", "duration_days", type=int, default=None)
@click.option("--seniority", type=click.Choice(["junior", "mid", "senior"]), default=None)
@click.option("--sector", default=None)
@click.option("--profile-type", "profile_type", default=None)
@click.option(
    "-k",
    "--top",
    "k",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="Results to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--explain",
    "explain_id",
    default=None,
    metavar="PROFILE_ID",
    help="Explain one profile (also why it is not listed).",
)
@click.option("--as-of", "as_of", default=None, help="ISO 8601 time with zone (default now).")
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Eligibility policy TOML.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Ranking configuration TOML.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "de", "fr"]),
    default="en",
    show_default=True,
    help="Language of the explanations.",
)
@click.option("--backend", type=click.Choice([b.value for b in BackendKind]), default=None)
@click.option("--data-dir", type=click.Path(path_type=Path, file_okay=False), default=None)
@click.option("--model-path", type=click.Path(path_type=Path), default=None)
def search(
    brief_file: Path | None,
    k: int,
    as_json: bool,
    explain_id: str | None,
    as_of: str | None,
    policy_path: Path | None,
    config_path: Path | None,
    language: str,
    backend: str | None,
    data_dir: Path | None,
    model_path: Path | None,
    **flags: Any,
) -> None:
    """Rank the indexed freelancers for a brief (BRIEF_FILE: JSON or TOML, and/or flags)."""
    when = _parse_as_of(as_of)
    data = brief_data(brief_file, flags)
    if not data:
        raise click.UsageError("give a brief file or at least --title")
    brief = parse_brief(data, source=str(brief_file) if brief_file else "flags")
    policy = EligibilityPolicy.load(policy_path) if policy_path else EligibilityPolicy.default()
    config = RankingConfig.load(config_path) if config_path else RankingConfig.default()
    overrides: dict[str, Any] = {
        k2: v
        for k2, v in {"backend": backend, "data_dir": data_dir, "model_path": model_path}.items()
        if v is not None
    }
    settings = IndexerSettings.model_validate(overrides)

    from indexer.backends import open_backend
    from ranking.ranker import Ranker

    embedder = _load_embedder(settings)
    store = open_backend(settings, embedder.dimension)
    try:
        from indexer.pipeline.compatibility import check_embedder_matches_index

        check_embedder_matches_index(store, embedder)
        ranker = Ranker(store, embedder, policy, config, language=language)
        console = Console(soft_wrap=False)
        if explain_id is not None:
            explanation = ranker.explain(brief, explain_id, as_of=when)
            if as_json:
                click.echo(
                    json.dumps(explanation.model_dump(mode="json"), ensure_ascii=False, indent=2)
                )
            else:
                _print_explanation(explanation, console)
            return
        result = ranker.rank(brief, k=k, as_of=when)
        if as_json:
            click.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            _table(result, console)
    finally:
        store.close()


def register(cli: click.Group) -> None:
    """Attach the ranking commands to the ``talentmatch`` group."""
    cli.add_command(search)
