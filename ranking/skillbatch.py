"""The skill signal of all the candidates of a query at once, from the brief's skills inverted.

:func:`ranking.features.with_text_features` matches one profile by looping over the brief's
skills and, for each, over the profile's skills (``S x P`` lookups), building a
:class:`~ranking.skillmatch.SkillMatch` per asked skill. Scoring needs only the signal's
value; explanations need the matches of the returned results alone. :class:`SkillTable`
inverts the brief's skills once per query (canonical key -> the asked skills that key *is*,
and those it is *related* to, with the similarity), so a profile costs one pass over its own
skills::

    exact(s) = s.key is among the profile's keys
    best(s)  = max over the profile's keys t of related(s, t)     (0 when none)
    match(s) = 1 if exact(s) else clamp01(best(s) * r)

then ``coverage = skill_coverage(must matches, nice matches)`` as
:mod:`ranking.signals.skills` defines it. These are the values of
:func:`~ranking.signals.skills.skill_match` bit for bit (the same maximum, the same product,
the same sums in the same order; ``tests/ranking/test_skillbatch.py`` compares them).

Knowing every candidate's skill value before the costly scoring, the ranker bounds scores
with the title as the only open signal (:mod:`ranking.pruning`): tighter bounds, fewer
candidates scored in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ranking.features import QueryContext
from ranking.profileview import ProfileView
from ranking.signals import clamp01
from ranking.signals.skills import skill_coverage
from ranking.skillmatch import AskedSkill


@dataclass(frozen=True, slots=True)
class SkillTable:
    """The brief's skills by canonical key (see the module docstring)."""

    n: int
    exact: dict[str, tuple[int, ...]]  # key -> asked skills with that key
    related: dict[str, tuple[tuple[int, float], ...]]  # key -> (asked skill, similarity)
    must: tuple[int, ...]  # asked skills that are must-haves, in the brief's order
    nice: tuple[int, ...]

    @classmethod
    def of(cls, skills: Sequence[AskedSkill]) -> SkillTable:
        exact: dict[str, list[int]] = {}
        related: dict[str, list[tuple[int, float]]] = {}
        for s, asked in enumerate(skills):
            exact.setdefault(asked.key, []).append(s)
            for key, sim in asked.related.items():
                related.setdefault(key, []).append((s, sim))
        return cls(
            n=len(skills),
            exact={k: tuple(v) for k, v in exact.items()},
            related={k: tuple(v) for k, v in related.items()},
            must=tuple(s for s, a in enumerate(skills) if a.must_have),
            nice=tuple(s for s, a in enumerate(skills) if not a.must_have),
        )


def skill_values(ctx: QueryContext, views: Sequence[ProfileView]) -> np.ndarray | None:
    """The skill signal of each of ``views`` (``None``: the brief asks for no skill)."""
    if not ctx.skills:
        return None
    table = SkillTable.of(ctx.skills)
    canonical = ctx.canonical
    cfg = ctx.config.skills
    credit = cfg.related_credit
    exact_of, related_of = table.exact, table.related
    must, nice, n = table.must, table.nice, table.n

    def coverage(match: list[float]) -> float:
        return skill_coverage([match[s] for s in must], [match[s] for s in nice],
                              cfg.must_have_weight, cfg.nice_to_have_weight)

    nothing = coverage([clamp01(0.0 * credit)] * n)  # no skill of the profile bears on the brief
    # per query, once per distinct profile skill name: what it does for the brief (None: nothing)
    bearing: dict[str, tuple[tuple[int, ...], tuple[tuple[int, float], ...]] | None] = {}
    # and once per distinct pattern of matches (candidates share a handful): the coverage
    covered: dict[tuple[float, ...], float] = {}
    out = np.full(len(views), nothing, dtype=np.float64)
    for i, view in enumerate(views):
        has: list[bool] | None = None
        best: list[float] = []
        for name in view.skill_names:
            if name in bearing:
                entry = bearing[name]
            else:
                key = canonical(name)
                exact, related = exact_of.get(key, ()), related_of.get(key, ())
                entry = bearing[name] = (exact, related) if exact or related else None
            if entry is None:
                continue
            if has is None:
                has, best = [False] * n, [0.0] * n
            for s in entry[0]:
                has[s] = True
            for s, sim in entry[1]:
                if sim > best[s]:
                    best[s] = sim
        if has is not None:
            match = tuple([1.0 if has[s] else clamp01(best[s] * credit) for s in range(n)])
            value = covered.get(match)
            if value is None:
                value = covered[match] = coverage(list(match))
            out[i] = value
    return out
