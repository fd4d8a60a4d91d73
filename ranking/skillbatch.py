"""The skill signal of all the candidates of a query at once, from the brief's skills inverted.

:func:`ranking.features.with_text_features` matches one profile by looping over the brief's
skills and, for each, over the profile's skills (``S x P`` lookups), building a
:class:`~ranking.skillmatch.SkillMatch` per asked skill. Scoring needs only the signal's
value; explanations need the matches of the returned results alone. :class:`SkillTable`
inverts the brief's skills once per query: the canonical keys that *bear* on the brief (the
key of an asked skill, or a key related to one with a positive similarity), numbered as the
columns of a matrix. The candidates become a boolean matrix ``B`` (candidate x bearing key: the
candidate has a skill with that key); then, column by column over all candidates at once::

    exact(s) = B[:, col(s.key)]
    best(s)  = max(0, max over the keys t related to s of (sim(s, t) if B[:, col(t)] else 0))
    match(s) = 1 if exact(s) else clamp01(best(s) * r)

and ``coverage`` as :func:`ranking.signals.skills.skill_coverage` computes it (each group's
sum added left to right from 0, as ``sum`` does before Python 3.12; where ``sum``
compensates rounding, 3.12 on, ``skill_coverage`` itself sums each row: ``SEQUENTIAL_SUM``).
These are the values of :func:`~ranking.signals.skills.skill_match` bit for bit: the maximum
of the same numbers (a similarity that is not positive, NaN included, never raises the running
best of ``skill_match``, which starts at 0, so the table leaves it out), the same products,
the same sums in the same order (``tests/ranking/test_skillbatch.py`` compares them, on the
test population and on generated skills with odd similarities and weights).

Canonical keys come from the vocabulary's memo (``CanonicalCache.keys``: kept across
queries), so a name costs two dict reads at C speed, not a canonicalisation per query.
Measured at 100k profiles (the benchmark's briefs, ~105 candidates and ~600 skill names a
call): 154 -> 80 µs a call, the Python loops per distinct name
and per distinct set of bearing names gone.

Knowing every candidate's skill value before the costly scoring, the ranker bounds scores
with the title as the only open signal (:mod:`ranking.pruning`): tighter bounds, fewer
candidates scored in full.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np

from ranking.features import QueryContext
from ranking.profileview import ProfileView
from ranking.signals.skills import skill_coverage
from ranking.skillmatch import AskedSkill

#: Whether ``sum`` of floats adds left to right (before Python 3.12; from 3.12 it compensates
#: rounding errors, and a sequential sum would differ): probed, not assumed.
SEQUENTIAL_SUM = sum([1.0, 1e100, 1.0, -1e100]) == 0.0


@dataclass(frozen=True, slots=True)
class SkillTable:
    """The brief's skills by canonical key (see the module docstring)."""

    n: int
    must: tuple[int, ...]  # asked skills that are must-haves, in the brief's order
    nice: tuple[int, ...]
    #: the bearing keys -> their column: the asked skills' keys first, then the keys related
    #: to one with a positive similarity, each once; ``len(columns)`` is the column of the
    #: names that bear on nothing, ``len(columns) + 1`` one never set
    columns: dict[str, int]
    #: the column of each asked skill's own key
    own: np.ndarray
    #: per asked skill, a group: the column never set (similarity 0, so that no group is
    #: empty), then the columns of its related keys with their similarities; groups in the
    #: brief's order, starting at ``group_starts``
    pair_columns: np.ndarray
    pair_sims: np.ndarray
    group_starts: np.ndarray

    @classmethod
    def of(cls, skills: Sequence[AskedSkill]) -> SkillTable:
        columns: dict[str, int] = {}
        for asked in skills:
            columns.setdefault(asked.key, len(columns))
        positive = [[(k, sim) for k, sim in a.related.items() if sim > 0.0] for a in skills]
        for pairs in positive:
            for key, _ in pairs:
                columns.setdefault(key, len(columns))
        never = len(columns) + 1
        pair_columns: list[int] = []
        pair_sims: list[float] = []
        starts: list[int] = []
        for pairs in positive:
            starts.append(len(pair_columns))
            pair_columns += [never, *(columns[k] for k, _ in pairs)]
            pair_sims += [0.0, *(sim for _, sim in pairs)]
        return cls(
            n=len(skills),
            must=tuple(s for s, a in enumerate(skills) if a.must_have),
            nice=tuple(s for s, a in enumerate(skills) if not a.must_have),
            columns=columns,
            own=np.array([columns[a.key] for a in skills], dtype=np.intp),
            pair_columns=np.array(pair_columns, dtype=np.intp),
            pair_sims=np.array(pair_sims, dtype=np.float64),
            group_starts=np.array(starts, dtype=np.intp),
        )


def bearing_matrix(table: SkillTable, keys: Mapping[str, str],
                   names: Sequence[tuple[str, ...]]) -> np.ndarray:
    """``B[i, c]``: the ``i``-th tuple of ``names`` has a name whose canonical key
    (``keys[name]``) has column ``c`` in ``table`` (two more columns: see
    :attr:`SkillTable.columns`). One pass over the names at C speed."""
    lengths = np.fromiter(map(len, names), dtype=np.intp, count=len(names))
    none = len(table.columns)
    cols = np.fromiter(
        map(table.columns.get, map(keys.__getitem__, chain.from_iterable(names)), repeat(none)),
        dtype=np.intp, count=int(lengths.sum()))
    out = np.zeros((len(names), none + 2), dtype=np.bool_)
    out[np.repeat(np.arange(len(names)), lengths), cols] = True
    return out


def clamp01_nonneg(x: np.ndarray) -> np.ndarray:
    """:func:`~ranking.signals.clamp01` of each entry of ``x``, for entries that are not
    ``-0.0`` (NaN becomes 0: ``fmax`` ignores it): two ufuncs, where ``clamp01_array`` takes
    four and a ``clip``."""
    return np.fmin(np.fmax(x, 0.0), 1.0)


def match_matrix(table: SkillTable, bearing: np.ndarray, credit: float) -> np.ndarray:
    """``match(s)`` of every row of ``bearing`` (rows) and asked skill (columns).

    ``best * credit`` is not ``-0.0`` unless ``credit`` is; then ``clamp01`` keeps it where
    :func:`clamp01_nonneg` may not, and the coverage, which adds it to ``0``, is ``0.0``
    either way."""
    exact = bearing[:, table.own]
    sims = np.where(bearing[:, table.pair_columns], table.pair_sims, 0.0)
    if not len(sims):
        return np.zeros(exact.shape, dtype=np.float64)
    best = np.maximum.reduceat(sims, table.group_starts, axis=1)
    return np.where(exact, 1.0, clamp01_nonneg(best * credit))


def _group_term(match: np.ndarray, group: tuple[int, ...], weight: float) -> np.ndarray:
    """``weight * sum(the group's matches) / len(group)`` per row, the sum as ``sum`` adds
    (before Python 3.12): ``((0 + m0) + m1) + ...``."""
    total = match[:, group[0]] + 0.0
    for s in group[1:]:
        total = total + match[:, s]
    return weight * total / len(group)


def coverages(match: np.ndarray, must: tuple[int, ...], nice: tuple[int, ...],
              must_weight: float, nice_weight: float) -> np.ndarray:
    """:func:`~ranking.signals.skills.skill_coverage` of every row of ``match``, with the
    same operations in the same order (``num`` is ``0.0 + ...``: never ``-0.0``)."""
    if not SEQUENTIAL_SUM:
        return np.array([skill_coverage([r[s] for s in must], [r[s] for s in nice],
                                        must_weight, nice_weight) for r in match.tolist()],
                        dtype=np.float64)
    num = np.zeros(len(match))
    den = 0.0
    if must:
        num = num + _group_term(match, must, must_weight)
        den += must_weight
    if nice:
        num = num + _group_term(match, nice, nice_weight)
        den += nice_weight
    if not den > 0:
        return np.zeros(len(match))
    return clamp01_nonneg(num / den)


def skill_values(ctx: QueryContext, views: Sequence[ProfileView]) -> np.ndarray | None:
    """The skill signal of each of ``views`` (``None``: the brief asks for no skill)."""
    if not ctx.skills:
        return None
    table = SkillTable.of(ctx.skills)
    cfg = ctx.config.skills
    bearing = bearing_matrix(table, ctx.canonical.keys, [v.skill_names for v in views])
    match = match_matrix(table, bearing, cfg.related_credit)
    return coverages(match, table.must, table.nice, cfg.must_have_weight,
                     cfg.nice_to_have_weight)
