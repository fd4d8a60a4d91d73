"""The client-facing explanation of a result: words about the fit, no internal signals.

The ranker's own explanation is for staff (it names scores, signal values and activity);
clients get sentences built only from what they asked for and what the profile shows
publicly: which requested skills and languages the profile lists, where and how it works,
the rate against the budget, and the criteria that fit best — by name, never by number.
Activity, completeness and responsiveness are internal and never mentioned.
"""

from __future__ import annotations

from collections.abc import Iterable

from indexer.profile import Profile, normalise_skill
from indexer.profile.record import ProfileRecord
from ranking import Brief, RankedProfile, SignalName

#: Signals a client may hear about (by name only).
PUBLIC_SIGNAL_LABELS: dict[SignalName, str] = {
    SignalName.SEMANTIC: "project description",
    SignalName.SKILLS: "skills",
    SignalName.LANGUAGES: "languages",
    SignalName.LOCATION: "location",
    SignalName.RATE: "daily rate",
    SignalName.AVAILABILITY: "availability",
    SignalName.SENIORITY: "seniority",
    SignalName.SECTOR: "sector experience",
    SignalName.QUALITY: "client reviews",
}


def _listing(items: Iterable[str]) -> str:
    return ", ".join(items)


def public_summary(brief: Brief, ranked: RankedProfile) -> str:
    """One short paragraph a client can read (see the module docstring)."""
    return summary(brief, ranked.profile, [(c.name, c.contribution) for c in ranked.signals])


def summary(brief: Brief, p: Profile | ProfileRecord,
            contributions: Iterable[tuple[SignalName, float]]) -> str:
    """:func:`public_summary` of a profile (or its record) ranked with ``contributions``
    (each signal's weighted contribution to the score)."""
    keys = set(p.skill_keys)
    sentences: list[str] = []
    must = list(brief.must_have_skills)
    if must:
        has = [s for s in must if normalise_skill(s) in keys]
        sentences.append(f"Lists {len(has)} of {len(must)} required skills"
                         + (f" ({_listing(has)})." if has else "."))
    nice = [s for s in brief.nice_to_have_skills if normalise_skill(s) in keys]
    if nice:
        sentences.append(f"Also lists {_listing(nice)}.")
    if brief.languages:
        spoken = {lang.code: lang.level for lang in p.languages}
        ok = [r.code for r in brief.languages
              if r.code in spoken and spoken[r.code].rank >= r.min_level.rank]
        sentences.append(f"Speaks {len(ok)} of {len(brief.languages)} requested languages"
                         + (f" ({_listing(ok)})." if ok else "."))
    where = ", ".join(x for x in (p.city, p.country) if x)
    sentences.append(f"Works {p.remote.value}" + (f", based in {where}." if where else "."))
    if brief.max_daily_rate is not None and p.daily_rate is not None:
        within = p.currency == brief.currency and p.daily_rate <= brief.max_daily_rate
        if p.currency == brief.currency:
            sentences.append("Daily rate within your budget." if within
                             else "Daily rate above your budget.")
    best = [name for name, contribution in sorted(contributions, key=lambda c: (-c[1], c[0].value))
            if name in PUBLIC_SIGNAL_LABELS and contribution > 0][:3]
    if best:
        sentences.append("Best fit on: " + _listing(PUBLIC_SIGNAL_LABELS[n] for n in best) + ".")
    return " ".join(sentences)
