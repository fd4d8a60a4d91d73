"""The client-facing summary, worked out once per brief, reads as the plain per-result
definition does: same sentences, same order, for profiles and their records.

Oracle: :func:`_reference` below, the summary written out naively (each result on its own,
every field looked at as the brief and profile hold it)."""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest

from api.services.public_explanation import PUBLIC_SIGNAL_LABELS, Summarizer, summary
from indexer.generate import generate_profiles
from indexer.profile import Profile, normalise_skill
from indexer.profile.record import ProfileRecord
from ranking import Brief, SignalName

pytestmark = pytest.mark.unit


def _reference(brief: Brief, p: Profile, contributions: Iterable[tuple[SignalName, float]]) -> str:
    keys = {normalise_skill(s.name) for s in p.skills}
    out: list[str] = []
    must = list(brief.must_have_skills)
    if must:
        has = [s for s in must if normalise_skill(s) in keys]
        out.append(f"Lists {len(has)} of {len(must)} required skills" + (f" ({', '.join(has)})." if has else "."))
    nice = [s for s in brief.nice_to_have_skills if normalise_skill(s) in keys]
    if nice:
        out.append(f"Also lists {', '.join(nice)}.")
    if brief.languages:
        spoken = {lang.code: lang.level for lang in p.languages}
        ok = [r.code for r in brief.languages if r.code in spoken and spoken[r.code].rank >= r.min_level.rank]
        out.append(f"Speaks {len(ok)} of {len(brief.languages)} requested languages"
                   + (f" ({', '.join(ok)})." if ok else "."))
    where = ", ".join(x for x in (p.city, p.country) if x)
    out.append(f"Works {p.remote.value}" + (f", based in {where}." if where else "."))
    if brief.max_daily_rate is not None and p.daily_rate is not None and p.currency == brief.currency:
        out.append("Daily rate within your budget." if p.daily_rate <= brief.max_daily_rate
                   else "Daily rate above your budget.")
    ranked = sorted(contributions, key=lambda c: (-c[1], c[0].value))
    best = [n for n, c in ranked if n in PUBLIC_SIGNAL_LABELS and c > 0][:3]
    if best:
        out.append("Best fit on: " + ", ".join(PUBLIC_SIGNAL_LABELS[n] for n in best) + ".")
    return " ".join(out)


BRIEFS = [
    {"title": "t", "description": "d"},
    {"title": "t", "description": "d", "must_have_skills": ["Python", "  sql ", "Kubernetes"],
     "nice_to_have_skills": ["Django", "React"], "max_daily_rate": 600, "currency": "EUR"},
    {"title": "t", "description": "d", "must_have_skills": ["Figma"],
     "languages": [{"code": "en", "min_level": "fluent"}, {"code": "de", "min_level": "basic"},
                   {"code": "fr", "min_level": "native"}],
     "max_daily_rate": 450, "currency": "GBP"},
    {"title": "t", "description": "d", "nice_to_have_skills": ["Go"], "max_daily_rate": 900},
]


def _contributions(rng: random.Random) -> list[tuple[SignalName, float]]:
    names = rng.sample(list(SignalName), rng.randint(0, len(SignalName)))
    values = [0.0, -0.01, 0.05, 0.05, 0.1, 0.2]  # zeros, a negative, ties
    return [(n, rng.choice(values) if rng.random() < 0.5 else rng.random() / 4) for n in names]


@pytest.mark.parametrize("raw", BRIEFS)
def test_summaries_read_as_the_reference(raw: dict) -> None:
    brief = Brief.model_validate(raw)
    rng = random.Random(5)
    once = Summarizer.of(brief)
    for p in generate_profiles(300, seed=11):
        contributions = _contributions(rng)
        want = _reference(brief, p, contributions)
        assert once(p, contributions) == want
        assert once(ProfileRecord.of(p), contributions) == want
        assert summary(brief, p, contributions) == want
