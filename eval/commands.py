"""The ``talentmatch eval`` commands (registered through the ``talentmatch.commands`` entry point).

* ``eval run``     rank the same briefs with 2+ ranking configurations (and baselines), compare
                   them: metrics with CIs, significance, exposure, stability → table, JSON, HTML.
* ``eval briefs``  synthesise seeded briefs (and SYNTHETIC judgments) for a generated index.
* ``eval label``   SYNTHETIC judgments of a briefs file over an index (eval.labeller).
* ``eval score``   trec_eval-style scores of a run file against judgments.
* ``eval titles``  the job-title benchmark through the real indexer and ranker, as JSON.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from indexer.backends.protocol import SearchBackend
from indexer.embedding.protocol import Embedder
from indexer.errors import InvalidInputError, Problem
from indexer.settings import IndexerSettings


def _as_of(value: str) -> datetime:
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInputError([Problem("--as-of", f"not an ISO 8601 time: {value!r}")]) from None
    if t.tzinfo is None:
        raise InvalidInputError([Problem("--as-of", "needs a timezone, e.g. 2026-11-01T12:00:00+00:00")])
    return t


def _settings(index: Path | None) -> IndexerSettings:
    base = IndexerSettings()
    return base.model_copy(update={"data_dir": index}) if index is not None else base


def _open(index: Path | None) -> tuple[SearchBackend, Embedder]:
    from indexer.backends import open_backend
    from indexer.embedding import load_embedder

    settings = _settings(index)
    embedder = load_embedder(settings)
    return open_backend(settings, embedder.dimension), embedder


def register(cli: click.Group) -> None:
    """Attach the ``eval`` group to the ``talentmatch`` command."""
    cli.add_command(eval_group)


@click.group("eval")
def eval_group() -> None:
    """Offline evaluation: compare ranking configurations, score runs, run the job-title benchmark."""


@eval_group.command("run")
@click.option("--briefs", "briefs_path", type=click.Path(path_type=Path), required=True, help="Briefs JSONL.")
@click.option("--config", "configs", type=click.Path(path_type=Path), multiple=True,
              help="A ranking configuration (TOML); repeat. 'default' means the shipped one.")
@click.option("--baseline", "baselines", type=click.Choice(["bm25", "dense", "hybrid"]), multiple=True,
              help="Add a baseline system; repeat.")
@click.option("--judgments", type=click.Path(path_type=Path), help="Qrels (TREC, JSONL or Parquet). "
              "Without it SYNTHETIC judgments are made by eval.labeller.")
@click.option("--index", type=click.Path(path_type=Path), help="Data directory of the index "
              "(default: TALENTMATCH_DATA_DIR).")
@click.option("--as-of", "as_of", required=True, help="Evaluation time, ISO 8601 with timezone.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output directory.")
@click.option("-k", "--k", "k", default=100, show_default=True, help="Results ranked per brief.")
@click.option("--measure", "measures", multiple=True, help="Measures (default: map ndcg@10 mrr p@10 "
              "recall@10 recall@100 hit@10).")
@click.option("--seed", default=0, show_default=True)
@click.option("--resamples", default=10_000, show_default=True, help="Bootstrap / permutation resamples.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def run_cmd(
    briefs_path: Path, configs: tuple[Path, ...], baselines: tuple[str, ...], judgments: Path | None,
    index: Path | None, as_of: str, out: Path, k: int, measures: tuple[str, ...], seed: int,
    resamples: int, quiet: bool,
) -> None:
    """Rank the briefs with every configuration on a fixed index and as_of, and compare them.

    The first --config is the baseline of the comparisons. Writes OUT/report.json,
    OUT/report.html, OUT/runs/<name>.parquet and .trec, and prints the tables.
    """
    from eval.comparison import StatsSettings
    from eval.experiment import compare_runs, profile_facts, run_system
    from eval.formats import read_briefs, read_qrels, write_qrels, write_run
    from eval.labeller import SYNTHETIC_NOTE, label_index
    from eval.metrics.measures import DEFAULT_MEASURES, parse_measures
    from eval.report import print_report, write_html, write_json
    from eval.systems import BaselineKind, BaselineSystem, RankerSystem, System
    from ranking import RankingConfig

    t = _as_of(as_of)
    if len(configs) + len(baselines) < 2:
        raise InvalidInputError([Problem("--config", "give at least two systems (--config and/or --baseline)")])
    ms = parse_measures(measures or DEFAULT_MEASURES)
    briefs = read_briefs(briefs_path)
    loaded = [(p, RankingConfig.default() if str(p) == "default" else RankingConfig.load(p)) for p in configs]
    qrels = read_qrels(judgments) if judgments else None
    backend, embedder = _open(index)
    try:
        systems: list[System] = []
        used: set[str] = set()
        for path, cfg in loaded:
            name = path.stem if str(path) != "default" else "default"
            while name in used:
                name += "'"
            used.add(name)
            systems.append(RankerSystem(name, backend, embedder, cfg))
        systems += [BaselineSystem(BaselineKind(b), backend, embedder) for b in dict.fromkeys(baselines)]
        notes: list[str] = []
        if qrels is None:
            qrels = label_index(backend, briefs, t)
            write_qrels(qrels, out / "judgments.synthetic.parquet")
            notes.append(SYNTHETIC_NOTE)
        missing = [b.query_id for b in briefs if b.query_id not in qrels]
        if missing:
            notes.append(f"{len(missing)} brief(s) without judgments are not evaluated: {', '.join(missing[:5])}")
        runs = [run_system(s, briefs, as_of=t, k=k, progress=not quiet) for s in systems]
        facts = profile_facts(backend, runs)
    finally:
        backend.close()
    for r in runs:
        write_run(r.rankings, out / "runs" / f"{r.name}.parquet", run=r.name, ranker_scores=r.scores)
        write_run(r.rankings, out / "runs" / f"{r.name}.trec", run=r.name)
    report, _ = compare_runs(
        runs, {q: v for q, v in qrels.items() if q in {b.query_id for b in briefs}}, ms, facts,
        as_of=t, settings=StatsSettings(seed=seed, n_resamples=resamples),
        title=f"{briefs_path.name}: {', '.join(r.name for r in runs)}", notes=notes,
    )
    print_report(report)
    write_json(report, out / "report.json")
    write_html(report, out / "report.html")
    click.echo(f"wrote {out / 'report.json'}, {out / 'report.html'} and runs/ for {len(runs)} systems")


@eval_group.command("briefs")
@click.option("--index", type=click.Path(path_type=Path), help="Data directory of the index.")
@click.option("--as-of", "as_of", required=True, help="Evaluation time, ISO 8601 with timezone.")
@click.option("-n", "n", default=30, show_default=True, help="How many briefs.")
@click.option("--seed", default=0, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Briefs JSONL to write.")
@click.option("--judgments-out", type=click.Path(path_type=Path), help="Also write SYNTHETIC judgments here.")
def briefs_cmd(index: Path | None, as_of: str, n: int, seed: int, out: Path, judgments_out: Path | None) -> None:
    """Synthesise seeded briefs from the eligible profiles of a generated index."""
    from eval.formats import write_briefs, write_qrels
    from eval.labeller import eligible_profiles, label_index
    from eval.synth import synthesise_briefs
    from ranking import SearchMode

    t = _as_of(as_of)
    backend, _ = _open(index)
    try:
        pool = eligible_profiles(backend, SearchMode.SELF_SERVICE, t)
        briefs = synthesise_briefs(pool, n, seed=seed)
        write_briefs(briefs, out)
        if judgments_out:
            write_qrels(label_index(backend, briefs, t), judgments_out)
    finally:
        backend.close()
    click.echo(f"wrote {len(briefs)} briefs to {out}" + (f" and SYNTHETIC judgments to {judgments_out}" if judgments_out else ""))


@eval_group.command("label")
@click.option("--briefs", "briefs_path", type=click.Path(path_type=Path), required=True)
@click.option("--index", type=click.Path(path_type=Path), help="Data directory of the index.")
@click.option("--as-of", "as_of", required=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Qrels to write (.txt/.jsonl/.parquet).")
def label_cmd(briefs_path: Path, index: Path | None, as_of: str, out: Path) -> None:
    """SYNTHETIC judgments (skill overlap, see eval.labeller) of the briefs over the index."""
    from eval.formats import read_briefs, write_qrels
    from eval.labeller import label_index

    t = _as_of(as_of)
    briefs = read_briefs(briefs_path)
    backend, _ = _open(index)
    try:
        qrels = label_index(backend, briefs, t)
    finally:
        backend.close()
    write_qrels(qrels, out)
    click.echo(f"wrote SYNTHETIC judgments of {len(qrels)} briefs to {out}")


@eval_group.command("score")
@click.option("--judgments", type=click.Path(path_type=Path), required=True)
@click.option("--run", "run_path", type=click.Path(path_type=Path), required=True)
@click.option("--measure", "measures", multiple=True)
@click.option("--per-query", is_flag=True, help="Also print each query's values.")
def score_cmd(judgments: Path, run_path: Path, measures: tuple[str, ...], per_query: bool) -> None:
    """Score a run file (TREC or Parquet) against judgments, trec_eval conventions, as JSON."""
    from eval.formats import read_qrels, read_run
    from eval.metrics import evaluate
    from eval.metrics.measures import DEFAULT_MEASURES, parse_measures

    ev = evaluate(read_qrels(judgments), read_run(run_path), parse_measures(measures or DEFAULT_MEASURES))
    out: dict[str, object] = {"queries": len(ev.queries), "means": ev.means()}
    if per_query:
        out["per_query"] = ev.values
    click.echo(json.dumps(out, indent=2))


@eval_group.command("titles")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--system", "systems", type=click.Choice(["ranker", "bm25", "dense", "hybrid"]), multiple=True,
              help="Systems to run (default: ranker). Repeat for side-by-side figures.")
@click.option("--baselines", is_flag=True, help="Shorthand for --system bm25 --system dense --system hybrid "
              "--system ranker.")
@click.option("-k", "--k", "k", default=100, show_default=True)
@click.option("--as-of", "as_of", default=None, help="Evaluation time (default: a fixed 2026-11-01T12:00Z).")
@click.option("--language", default=None, help="en/de/fr/es (default: the directory's name).")
@click.option("--limit-queries", type=int, default=None, help="Only the first N queries (quick checks).")
@click.option("--split", type=click.Choice(["all", "dev", "test"]), default="all", show_default=True,
              help="Evaluate the seeded dev or test half of the queries (eval/titles_split.py) or all.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def titles_cmd(
    directory: Path, systems: tuple[str, ...], baselines: bool, k: int, as_of: str | None,
    language: str | None, limit_queries: int | None, split: str, quiet: bool,
) -> None:
    """Job-title benchmark: index DIRECTORY's corpus, rank its queries, print MAP, nDCG@10, MRR,
    recall@10 as JSON (DIRECTORY has queries.tsv, corpus_documents.tsv, annotations.tsv)."""
    from eval.titles import DEFAULT_AS_OF, run_title_benchmark

    chosen = list(dict.fromkeys(systems)) or ["ranker"]
    if baselines:
        chosen = list(dict.fromkeys(["bm25", "dense", "hybrid", "ranker", *chosen]))
    result = run_title_benchmark(
        directory, systems=chosen, k=k, as_of=_as_of(as_of) if as_of else DEFAULT_AS_OF,
        language=language, model_path=_settings(None).model_path, limit_queries=limit_queries,
        progress=not quiet, split=split,
    )
    click.echo(json.dumps(result, indent=2))
