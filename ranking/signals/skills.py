"""Skill coverage: how many of the brief's skills the profile has, related skills partially.

For each skill ``s`` asked for::

    match(s) = 1                                    if the profile has s (same canonical key)
             = max_{t in profile} related(s, t) * r  otherwise (0 if no related skill)

with ``related(s, t)`` in (0, 1) from the skill vocabulary and ``r`` the related-skill credit
(< 1, so an exact match always beats a related one). Then::

    coverage = (w_m * mean_{s in must} match(s) + w_n * mean_{s in nice} match(s))
               / (w_m + w_n)

where a group without skills drops out of both sums. Must-have skills weigh ``w_m`` (default 2),
nice-to-have ``w_n`` (default 1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from ranking.signals import clamp01


def skill_match(
    related: Mapping[str, float], has_exact: bool, profile_skills: Set[str], related_credit: float
) -> float:
    """``match(s)`` for one asked skill: 1 if exact, else the best related similarity × credit."""
    if has_exact:
        return 1.0
    best = 0.0
    for key in profile_skills:
        sim = related.get(key)
        if sim is not None and sim > best:
            best = sim
    return clamp01(best * related_credit)


def skill_coverage(
    must_matches: Sequence[float],
    nice_matches: Sequence[float],
    must_weight: float,
    nice_weight: float,
) -> float:
    """Weighted mean of the per-group mean matches (see the module docstring)."""
    num = 0.0
    den = 0.0
    if must_matches:
        num += must_weight * sum(must_matches) / len(must_matches)
        den += must_weight
    if nice_matches:
        num += nice_weight * sum(nice_matches) / len(nice_matches)
        den += nice_weight
    return clamp01(num / den) if den > 0 else 0.0
