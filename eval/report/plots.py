"""Figures of the HTML report, drawn with matplotlib's object API (no pyplot global state)."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from eval.comparison import ComparisonReport, PairComparison


def to_svg(fig: Figure) -> str:
    """The figure as an inline SVG element (text, no external files)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    svg = buf.getvalue()
    return svg[svg.find("<svg"):]


def metric_bars(report: ComparisonReport) -> Figure:
    """Mean of every measure per configuration, with its bootstrap interval as error bars."""
    measures = list(report.measures)
    n_cfg = len(report.configs)
    fig = Figure(figsize=(max(6.0, 1.3 * len(measures) * max(1, n_cfg) / 2), 3.6))
    ax = fig.add_subplot()
    width = 0.8 / max(1, n_cfg)
    for i, c in enumerate(report.configs):
        xs = [j + (i - (n_cfg - 1) / 2) * width for j in range(len(measures))]
        means = [c.means[m].mean for m in measures]
        err = [[c.means[m].mean - c.means[m].low for m in measures], [c.means[m].high - c.means[m].mean for m in measures]]
        ax.bar(xs, means, width, yerr=err, capsize=3, label=c.name)
    ax.set_xticks(range(len(measures)), measures)
    ax.set_ylim(0, 1)
    ax.set_ylabel("mean over queries")
    ax.legend(fontsize="small", ncols=min(4, n_cfg))
    ax.grid(axis="y", alpha=0.3)
    return fig


def per_query_differences(cmp: PairComparison) -> Figure:
    """Per-query difference candidate − baseline, sorted: where the change wins and loses."""
    vals = sorted(cmp.per_query.values(), reverse=True)
    fig = Figure(figsize=(6.5, 2.6))
    ax = fig.add_subplot()
    colors = ["#2a9d8f" if v > 0 else "#e76f51" if v < 0 else "#999999" for v in vals]
    ax.bar(range(len(vals)), vals, color=colors, width=1.0)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axhline(cmp.mean_difference, color="#264653", linestyle="--", linewidth=1, label=f"mean {cmp.mean_difference:+.3f}")
    ax.set_xlabel("queries (sorted by difference)")
    ax.set_ylabel(f"Δ {cmp.measure}")
    ax.set_title(f"{cmp.candidate} − {cmp.baseline}: {cmp.measure}", fontsize="medium")
    ax.legend(fontsize="small")
    return fig


def exposure_bars(report: ComparisonReport) -> Figure:
    """New-profile share and exposure Gini per configuration."""
    fig = Figure(figsize=(6.5, 2.8))
    ax1, ax2 = fig.subplots(1, 2)
    names = [e.config for e in report.exposure]
    ax1.bar(names, [e.new_profile_share for e in report.exposure], color="#e9c46a")
    ax1.set_title(f"share of new profiles, top {report.settings.exposure_k}", fontsize="small")
    ax2.bar(names, [e.gini_pool for e in report.exposure], color="#8ab17d")
    ax2.set_title("Gini of exposure (pool)", fontsize="small")
    ax2.set_ylim(0, 1)
    for ax in (ax1, ax2):
        ax.tick_params(axis="x", labelrotation=20, labelsize="small")
    return fig
