"""Words for the numbers: a short explanation of each result, and hints for the freelancer.

The explanation (English, German or French: :mod:`ranking.explain_texts`) names how the brief's skills matched, the strongest and the weakest
weighted signals, and the new-profile slot. Hints tell the freelancer what would raise their
rank: missing completeness items (from the indexer) and weak signals they can act on.
"""

from __future__ import annotations

from datetime import datetime

from indexer.backends.protocol import IndexedProfile
from indexer.completeness import completeness_hints
from ranking.explain_texts import Texts, texts
from ranking.features import Features
from ranking.results import SignalContribution
from ranking.signals import SignalName
from ranking.timeutil import describe_age

#: English labels of the signals (kept for callers that name signals in English).
LABELS: dict[SignalName, str] = texts("en").labels


#: Signals whose low value is not worth calling a weakness: a bonus, and the letter-level title
#: match (most good matches share few letters with the brief's title; meaning is the semantic
#: signal's job, and that one has advice).
_NOT_WEAKNESSES = frozenset({SignalName.SUPER_STATUS, SignalName.TITLE})


def _skills_text(features: Features, t: Texts) -> str | None:
    if not features.skill_matches:
        return None
    has = [m.asked.name for m in features.skill_matches if m.exact]
    rel = [
        t.related_pair.format(via=m.via, asked=m.asked.name)
        for m in features.skill_matches
        if not m.exact and not m.missing
    ]
    lacks = [m.asked.name for m in features.skill_matches if m.missing]
    must = [m for m in features.skill_matches if m.asked.must_have]
    parts = []
    if must:
        parts.append(t.must_have.format(have=sum(1 for m in must if m.exact), total=len(must)))
    if has:
        parts.append(t.has.format(names=", ".join(has)))
    if rel:
        parts.append(t.related.format(pairs=", ".join(rel)))
    if lacks:
        parts.append(t.lacks.format(names=", ".join(lacks)))
    return t.skills.format(parts="; ".join(parts))


def _detail(
    name: SignalName,
    doc: IndexedProfile,
    features: Features,
    budget_eur: float | None,
    as_of: datetime,
    t: Texts,
) -> str:
    p = doc.profile
    if name is SignalName.RATE and features.rate_eur is not None and budget_eur:
        over = (features.rate_eur / budget_eur - 1.0) * 100
        return t.rate.format(rate=f"{features.rate_eur:.0f}", over=f"{over:.0f}")
    if name is SignalName.LOCATION and features.distance_km is not None:
        return t.location.format(km=f"{features.distance_km:.0f}", mode=p.remote.value)
    if name is SignalName.AVAILABILITY:
        av = p.availability
        when = t.available_from.format(date=av.available_from) if av.available_from else ""
        return t.availability.format(status=av.status.value.replace("_", " "), when=when)
    if name is SignalName.ACTIVITY:
        return t.activity.format(age=describe_age(p.last_login_at, as_of))
    return t.labels[name]


def explanation(
    rank: int,
    score: float,
    contributions: list[SignalContribution],
    features: Features,
    doc: IndexedProfile,
    *,
    new_profile_slot: bool,
    weak_below: float,
    budget_eur: float | None,
    as_of: datetime,
    language: str = "en",
) -> str:
    t = texts(language)
    sentences = [t.rank.format(rank=rank, score=f"{score:.3f}")]
    skills = _skills_text(features, t)
    if skills:
        sentences.append(skills)
    strongest = sorted(contributions, key=lambda c: (-c.contribution, c.name.value))[:3]
    sentences.append(
        t.strongest.format(items=", ".join(f"{t.labels[c.name]} {c.value:.2f}" for c in strongest))
    )
    shown = {c.name for c in strongest}
    weak = sorted(
        (
            c
            for c in contributions
            if c.value < weak_below and c.name not in shown and c.name not in _NOT_WEAKNESSES
        ),
        key=lambda c: (-(c.weight * (1 - c.value)), c.name.value),
    )[:3]
    if weak:
        items = ", ".join(
            f"{_detail(c.name, doc, features, budget_eur, as_of, t)} ({c.value:.2f})" for c in weak
        )
        sentences.append(t.weak.format(items=items))
    if new_profile_slot:
        sentences.append(t.slot)
    return " ".join(sentences)


_ADVICE: dict[SignalName, str] = {
    SignalName.SEMANTIC: "Describe your experience with the words clients use for projects like this one.",
    SignalName.LANGUAGES: "Add the languages you work in and your level in each.",
    SignalName.AVAILABILITY: "Keep your availability up to date and confirm it regularly.",
    SignalName.ACTIVITY: "Log in regularly: recent activity raises your rank.",
    SignalName.QUALITY: "Ask the clients of your completed missions for reviews and recommendations.",
    SignalName.RESPONSIVENESS: "Answer new client requests within 24 hours; fast first answers raise your rank.",
    SignalName.RATE: "Your daily rate is above this client's budget.",
}


def hints(
    doc: IndexedProfile,
    contributions: list[SignalContribution],
    features: Features,
    weak_below: float,
) -> list[str]:
    """What the freelancer could do to rank higher (completeness first, then weak signals)."""
    out = list(completeness_hints(doc.completeness.missing))
    missing = [m.asked.name for m in features.skill_matches if m.missing]
    if missing:
        out.append(
            "This project asks for "
            + ", ".join(missing)
            + ": add them to your skills if you have them."
        )
    for c in sorted(contributions, key=lambda c: (-(c.weight * (1 - c.value)), c.name.value)):
        advice = _ADVICE.get(c.name)
        if advice and c.value < weak_below and advice not in out:
            out.append(advice)
    return out
