"""The comparison report as one self-contained HTML page (inline SVG plots, no external assets)."""

from __future__ import annotations

import html
from pathlib import Path

from eval.comparison import ComparisonReport
from eval.report.plots import exposure_bars, metric_bars, per_query_differences, to_svg

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}
.sig{font-weight:bold;color:#1d7a4f}.neg{font-weight:bold;color:#b23a1f}.muted{color:#777}
figure{margin:1rem 0}
"""


def _e(x: object) -> str:
    return html.escape(str(x))


def _p(p: float) -> str:
    return "&lt;0.0001" if p < 1e-4 else f"{p:.4f}"


def render_html(report: ComparisonReport) -> str:
    """The whole page as a string."""
    s = report.settings
    pct = round(s.confidence * 100)
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{_e(report.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(report.title)}</h1>",
        f"<p class='muted'>{len(report.queries)} queries · as_of {_e(report.as_of)} · seed {s.seed} · "
        f"{s.n_resamples} resamples · {pct}% percentile bootstrap intervals · "
        "paired randomisation test and t-test, Holm-corrected over all comparisons</p>",
    ]
    parts += [f"<p><b>Note:</b> {_e(n)}</p>" for n in report.notes]
    parts.append("<h2>Metrics per configuration</h2><table><tr><th>configuration</th>")
    parts += [f"<th>{_e(m)}</th>" for m in report.measures]
    parts.append("</tr>")
    for c in report.configs:
        parts.append(f"<tr><td>{_e(c.name)}<br><span class='muted'>{_e(c.version)}</span></td>")
        parts += [
            f"<td>{c.means[m].mean:.4f}<br><span class='muted'>[{c.means[m].low:.3f}, {c.means[m].high:.3f}]</span></td>"
            for m in report.measures
        ]
        parts.append("</tr>")
    parts.append("</table>")
    parts.append(f"<figure>{to_svg(metric_bars(report))}</figure>")

    if report.comparisons:
        parts.append("<h2>Differences against the baseline</h2><table><tr>")
        parts += [
            f"<th>{h}</th>"
            for h in ("comparison", "measure", "Δ mean", f"{pct}% CI of Δ", "p perm.", "p perm. Holm", "p t-test", "p t Holm")
        ]
        parts.append("</tr>")
        for cmp in report.comparisons:
            cls = ""
            if cmp.p_permutation_holm < 0.05:
                cls = " class='sig'" if cmp.mean_difference > 0 else " class='neg'"
            parts.append(
                f"<tr><td>{_e(cmp.candidate)} − {_e(cmp.baseline)}</td><td>{_e(cmp.measure)}</td>"
                f"<td{cls}>{cmp.mean_difference:+.4f}</td>"
                f"<td>[{cmp.difference_ci.low:+.4f}, {cmp.difference_ci.high:+.4f}]</td>"
                f"<td>{_p(cmp.p_permutation)}</td><td>{_p(cmp.p_permutation_holm)}</td>"
                f"<td>{_p(cmp.p_ttest)}</td><td>{_p(cmp.p_ttest_holm)}</td></tr>"
            )
        parts.append("</table><h3>Per-query differences</h3>")
        first_measure = report.measures[0] if report.measures else None
        shown = [c for c in report.comparisons if c.measure in (first_measure, "ndcg@10")]
        parts += [f"<figure>{to_svg(per_query_differences(c))}</figure>" for c in shown]

    if report.exposure:
        parts.append(f"<h2>Exposure (top {s.exposure_k})</h2><table><tr>")
        parts += [f"<th>{h}</th>" for h in ("configuration", "new profiles", "Gini shown", "Gini pool", "countries", "languages")]
        parts.append("</tr>")
        for e in report.exposure:
            parts.append(
                f"<tr><td>{_e(e.config)}</td><td>{e.new_profile_share:.1%}</td><td>{e.gini_shown:.3f}</td>"
                f"<td>{e.gini_pool:.3f}</td>"
                f"<td>{_e(', '.join(f'{g} {v:.0%}' for g, v in list(e.by_country.items())[:6]))}</td>"
                f"<td>{_e(', '.join(f'{g} {v:.0%}' for g, v in e.by_language.items()))}</td></tr>"
            )
        parts.append("</table>")
        parts.append(f"<figure>{to_svg(exposure_bars(report))}</figure>")
    if report.stability:
        parts.append(f"<h2>Stability (rank-biased overlap, p = {s.rbo_p})</h2><table><tr><th>candidate</th>"
                     "<th>mean RBO</th><th>min RBO</th></tr>")
        for st in report.stability:
            parts.append(
                f"<tr><td>{_e(st.candidate)}</td><td>{st.mean_rbo:.3f}</td>"
                f"<td>{min(st.per_query.values(), default=1.0):.3f}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_html(report: ComparisonReport, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path
