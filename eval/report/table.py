"""The comparison report as rich tables for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from eval.comparison import ComparisonReport


def _p(p: float) -> str:
    return "<0.0001" if p < 1e-4 else f"{p:.4f}"


def comparison_tables(report: ComparisonReport) -> list[Table]:
    """Metric means with CIs per configuration; differences with p-values; exposure; stability."""
    pct = round(report.settings.confidence * 100)
    metrics = Table(title=f"{report.title}: mean over {len(report.queries)} queries ({pct}% bootstrap CI)")
    metrics.add_column("configuration")
    for m in report.measures:
        metrics.add_column(m, justify="right")
    for c in report.configs:
        metrics.add_row(
            f"{c.name}\n[dim]{c.version}[/dim]",
            *[f"{c.means[m].mean:.4f}\n[dim][{c.means[m].low:.3f}, {c.means[m].high:.3f}][/dim]" for m in report.measures],
        )
    tables = [metrics]
    if report.comparisons:
        diff = Table(title="Differences against the baseline (paired; p Holm-corrected over all comparisons)")
        diff.caption = "p perm: randomisation test; p t: paired t-test; H: Holm-adjusted; W/T/L: queries won/tied/lost"
        for col in ("vs baseline", "measure", "Δ mean", f"{pct}% CI of Δ", "p perm", "p perm H", "p t", "p t H", "W/T/L"):
            diff.add_column(col, justify="left" if col in ("vs baseline", "measure") else "right", no_wrap=True)
        for cmp in report.comparisons:
            vals = list(cmp.per_query.values())
            wins = sum(v > 1e-12 for v in vals)
            losses = sum(v < -1e-12 for v in vals)
            style = "green" if cmp.p_permutation_holm < 0.05 and cmp.mean_difference > 0 else (
                "red" if cmp.p_permutation_holm < 0.05 else "")
            diff.add_row(
                cmp.candidate, cmp.measure, f"[{style}]{cmp.mean_difference:+.4f}[/{style}]"
                if style else f"{cmp.mean_difference:+.4f}",
                f"[{cmp.difference_ci.low:+.4f}, {cmp.difference_ci.high:+.4f}]",
                _p(cmp.p_permutation), _p(cmp.p_permutation_holm), _p(cmp.p_ttest), _p(cmp.p_ttest_holm),
                f"{wins}/{len(vals) - wins - losses}/{losses}",
            )
        tables.append(diff)
    if report.exposure:
        k = report.settings.exposure_k
        exp = Table(title=f"Exposure in the top {k}")
        for col in ("configuration", "new profiles", "Gini (shown)", "Gini (pool)", "top countries", "languages"):
            exp.add_column(col)
        for e in report.exposure:
            exp.add_row(
                e.config, f"{e.new_profile_share:.1%}", f"{e.gini_shown:.3f}", f"{e.gini_pool:.3f}",
                ", ".join(f"{g} {v:.0%}" for g, v in list(e.by_country.items())[:4]),
                ", ".join(f"{g} {v:.0%}" for g, v in list(e.by_language.items())[:4]),
            )
        tables.append(exp)
    if report.stability:
        st = Table(title=f"Stability against the baseline: rank-biased overlap (p = {report.settings.rbo_p})")
        for col in ("candidate", "mean RBO", "min RBO"):
            st.add_column(col)
        for s in report.stability:
            st.add_row(s.candidate, f"{s.mean_rbo:.3f}", f"{min(s.per_query.values(), default=1.0):.3f}")
        tables.append(st)
    return tables


def print_report(report: ComparisonReport, console: Console | None = None) -> None:
    console = console or Console()
    for t in comparison_tables(report):
        console.print(t)
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
