"""The client-facing explanation of a result: words about the fit, no internal signals.

The ranker's own explanation is for staff (it names scores, signal values and activity);
clients get sentences built only from what they asked for and what the profile shows
publicly: which requested skills and languages the profile lists, where and how it works,
the rate against the budget, and the criteria that fit best — by name, never by number.
Activity, completeness and responsiveness are internal and never mentioned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
    return Summarizer.of(brief)(p, contributions)


@dataclass(frozen=True, slots=True)
class Summarizer:
    """:func:`summary` for one brief, with what depends on the brief alone worked out once
    (a response summarises twenty results of the same brief: 6.5 -> 2 µs a result)."""

    must: tuple[tuple[str, str], ...]  # (skill as asked, its key)
    nice: tuple[tuple[str, str], ...]
    languages: tuple[tuple[str, int], ...]  # (code, minimum level's rank)
    max_daily_rate: float | None
    currency: str

    @classmethod
    def of(cls, brief: Brief) -> Summarizer:
        return cls(
            must=tuple((s, normalise_skill(s)) for s in brief.must_have_skills),
            nice=tuple((s, normalise_skill(s)) for s in brief.nice_to_have_skills),
            languages=tuple((r.code, r.min_level.rank) for r in brief.languages),
            max_daily_rate=brief.max_daily_rate,
            currency=brief.currency,
        )

    def __call__(self, p: Profile | ProfileRecord,
                 contributions: Iterable[tuple[SignalName, float]]) -> str:
        sentences: list[str] = []
        if self.must or self.nice:
            keys = set(p.skill_keys)
            if self.must:
                has = [s for s, key in self.must if key in keys]
                sentences.append(f"Lists {len(has)} of {len(self.must)} required skills"
                                 + (f" ({_listing(has)})." if has else "."))
            nice = [s for s, key in self.nice if key in keys]
            if nice:
                sentences.append(f"Also lists {_listing(nice)}.")
        if self.languages:
            spoken = {lang.code: lang.level.rank for lang in p.languages}
            ok = [code for code, rank in self.languages if code in spoken and spoken[code] >= rank]
            sentences.append(f"Speaks {len(ok)} of {len(self.languages)} requested languages"
                             + (f" ({_listing(ok)})." if ok else "."))
        where = ", ".join(x for x in (p.city, p.country) if x)
        sentences.append(f"Works {p.remote.value}" + (f", based in {where}." if where else "."))
        if (self.max_daily_rate is not None and p.daily_rate is not None
                and p.currency == self.currency):
            sentences.append("Daily rate within your budget." if p.daily_rate <= self.max_daily_rate
                             else "Daily rate above your budget.")
        # the public signals that added something, best first, ties on the name (a StrEnum:
        # compared as its value); filtered before sorting, which leaves their order as it was
        best = [name for _, name in sorted([(-c, name) for name, c in contributions
                                            if c > 0 and name in PUBLIC_SIGNAL_LABELS])[:3]]
        if best:
            sentences.append("Best fit on: " + _listing(PUBLIC_SIGNAL_LABELS[n] for n in best) + ".")
        return " ".join(sentences)
