"""The skill signal of all the candidates of a query at once, from the brief's skills inverted.

:func:`ranking.features.with_text_features` matches one profile by looping over the brief's
skills and, for each, over the profile's skills (``S x P`` lookups), building a
:class:`~ranking.skillmatch.SkillMatch` per asked skill. Scoring needs only the signal's
value; explanations need the matches of the returned results alone. :class:`SkillTable`
inverts the brief's skills once per query (canonical key -> the asked skills that key *is*,
and those it is *related* to, with the similarity); each distinct skill name of the candidates
is looked up once, and a profile's value depends only on which of its names *bear* on the
brief (have a key that is or is related to an asked skill), so it is computed once per
distinct tuple of those (candidates share a handful)::

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

    # once per distinct skill name of the candidates: what it does for the brief (None: nothing)
    names = [view.skill_names for view in views]
    bearing: dict[str, tuple[tuple[int, ...], tuple[tuple[int, float], ...]]] = {}
    for name in set().union(*names):
        key = canonical(name)
        exact, related = exact_of.get(key, ()), related_of.get(key, ())
        if exact or related:
            bearing[name] = (exact, related)

    def value(bearing_names: tuple[str, ...]) -> float:
        has, best = [False] * n, [0.0] * n
        for name in bearing_names:
            exact, related = bearing[name]
            for s in exact:
                has[s] = True
            for s, sim in related:
                if sim > best[s]:
                    best[s] = sim
        return coverage([1.0 if has[s] else clamp01(best[s] * credit) for s in range(n)])

    # a view's value depends only on which of its names bear on the brief (the has/max above
    # do not depend on their order), and candidates share a handful of those: once per
    # distinct tuple of them (found at C speed: filter)
    bears = bearing.keys().__contains__
    memo: dict[tuple[str, ...], float] = {}
    values = []
    for skill_names in names:
        found = tuple(filter(bears, skill_names))
        v = memo.get(found)
        if v is None:
            v = memo[found] = value(found)
        values.append(v)
    return np.array(values, dtype=np.float64)
