"""The skill signal of a whole batch equals the one computed profile by profile, exactly.

:func:`ranking.skillbatch.skill_values` (what the ranker scores with) against the skill value
of :func:`ranking.features.compute_features` (the per-profile path, checked against the
pre-view reference in ``test_fast_path``); the bounds that take it as known against
:func:`ranking.pruning.upper_bound` with the title as the only open signal; and the matches
that :func:`ranking.features.with_skill_matches` adds for the results against those of the
per-profile path. Equality is ``==``.
"""

from __future__ import annotations

import math
import sys
from datetime import timedelta
from types import SimpleNamespace
from typing import Any
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.vocabulary.vocabulary import CanonicalMemo, SkillVocabulary
from ranking import skillbatch
from ranking.batch import base_batch, open_signals, upper_bounds
from ranking.brief import Brief
from ranking.features import QueryContext, compute_features, with_skill_matches, with_title
from ranking.profileview import ProfileView
from ranking.pruning import upper_bound
from ranking.signals import SignalName
from ranking.signals.skills import skill_coverage, skill_match
from ranking.skillbatch import SkillTable, skill_values
from ranking.skillmatch import AskedSkill, CanonicalCache
from tests.factories import NOW
from tests.ranking.population import TinyVocabulary
from tests.ranking.test_batch import _ctx, _views
from tests.ranking.test_fast_path import _briefs, world  # noqa: F401  (fixture)
from tests.ranking.test_ranker_properties import as_ofs, briefs

pytestmark = pytest.mark.unit


def _check(ctx: QueryContext, views: list[ProfileView]) -> int:
    """Compare every view; return how many matched an asked skill only through a relation."""
    values = skill_values(ctx, views)
    if not ctx.skills:
        assert values is None
        return 0
    assert values is not None and values.shape == (len(views),)
    batch = base_batch(ctx, views, values)
    assert open_signals(ctx, batch) == (SignalName.TITLE,)
    weights = ctx.config.weights
    bounds = upper_bounds(batch, weights, open_signals(ctx, batch))
    related_only = 0
    for i, view in enumerate(views):
        one = compute_features(ctx, view)
        assert values[i] == one.values[SignalName.SKILLS], view.id
        titled = with_title(ctx, view, batch.features(i))
        assert titled.values == one.values, view.id
        assert titled.skill_matches == ()
        assert with_skill_matches(ctx, view, titled).skill_matches == one.skill_matches
        known = {**one.values, SignalName.TITLE: None}
        assert bounds[i] == upper_bound(known, weights, (SignalName.TITLE,))
        assert bounds[i] >= upper_bound(one.values, weights, ())  # still a bound
        related_only += any(m.via is not None for m in one.skill_matches)
    return related_only


def test_batch_skills_equal_one_by_one(world) -> None:  # noqa: F811
    views = _views(world)
    related = 0
    for seed, brief in enumerate(_briefs()):
        for as_of in (NOW, NOW + timedelta(days=40)):
            related += _check(_ctx(brief, as_of, seed), views)
    assert related > 0  # the related-skill path was taken


@given(brief=briefs, as_of=as_ofs)
@settings(max_examples=30, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_batch_skills_equal_one_by_one_on_generated_briefs(world, brief, as_of) -> None:  # noqa: F811
    _check(_ctx(brief, as_of, 11), _views(world))


def test_the_table_inverts_the_brief() -> None:
    brief = Brief(title="JVM developer", must_have_skills=("Java", "SQL"),
                  nice_to_have_skills=("Kotlin",))
    ctx = _ctx(brief, NOW, 2)
    table = SkillTable.of(ctx.skills)
    java, sql, kotlin = (s.key for s in ctx.skills)
    assert list(table.columns)[:3] == [java, sql, kotlin]  # the asked keys first
    assert table.own.tolist() == [0, 1, 2]
    assert table.must == (0, 1) and table.nice == (2,)
    never = len(table.columns) + 1
    groups = np.split(np.arange(len(table.pair_columns)), table.group_starts[1:])
    assert len(groups) == 3
    for s, group in enumerate(groups):
        cols, sims = table.pair_columns[group].tolist(), table.pair_sims[group].tolist()
        assert cols[0] == never and sims[0] == 0.0  # no group is empty
        by_key = {k: c for k, c in table.columns.items()}
        assert dict(zip(cols[1:], sims[1:], strict=True)) == {
            by_key[k]: sim for k, sim in ctx.skills[s].related.items()}
    assert table.own[2] in table.pair_columns[groups[0]]  # Kotlin counts for Java
    assert table.own[0] not in table.pair_columns[groups[0]]  # never related to itself


def test_no_candidates_and_no_skills() -> None:
    ctx = _ctx(Brief(title="SEO consultant", must_have_skills=("Java",)), NOW, 3)
    values = skill_values(ctx, [])
    assert values is not None and values.shape == (0,)
    assert skill_values(_ctx(Brief(title="SEO consultant"), NOW, 3), []) is None


def test_views_sharing_their_bearing_skills_in_other_orders(world) -> None:  # noqa: F811
    """A value is computed once per distinct tuple of a view's skills that bear on the brief;
    views whose skills come in another order, repeat one, add unrelated ones or keep only
    some of them still get the values of the per-profile path."""
    views = _views(world)
    variants = [
        v._replace(id=f"{v.id}-{tag}", skill_names=names)
        for v in views[::3]
        for tag, names in (
            ("rev", v.skill_names[::-1]),
            ("dup", v.skill_names + v.skill_names[:1]),
            ("extra", ("Basket weaving", *v.skill_names, "Origami")),
            ("half", v.skill_names[::2]),
        )
    ]
    related = 0
    for seed, brief in enumerate(_briefs()):
        related += _check(_ctx(brief, NOW, seed), views + variants)
    assert related > 0


# -- the array form against the plain definition, on generated vocabularies and profiles -----

_KEYS = ("java", "kotlin", "sql", "go", "rust", "excel")
_NAMES = st.sampled_from([*_KEYS, "Java", " KOTLIN ", "Sql", "GO", "basket weaving", "origami"])
_SIMS = st.one_of(st.floats(0.0, 1.0), st.floats(1.0, 4.0), st.sampled_from(
    [0.0, -0.0, -0.3, math.nan, math.inf, 1.0, 0.25]))


class _Vocabulary:
    """``canonical``: trimmed lower case; with ``memo``, a ``canonical_memo`` as
    :class:`~indexer.vocabulary.vocabulary.SkillVocabulary` has."""

    def __init__(self, memo: bool) -> None:
        if memo:
            self.canonical_memo = CanonicalMemo(self.canonical, max_size=3)

    def canonical(self, name: str) -> str:
        return name.strip().lower()

    def related(self, key: str) -> dict[str, float]:
        return {}  # the asked skills carry their relations


@st.composite
def _asked(draw: st.DrawFn) -> tuple[AskedSkill, ...]:
    out = []
    for _ in range(draw(st.integers(1, 5))):
        key = draw(st.sampled_from(_KEYS))
        others = st.sampled_from([k for k in _KEYS if k != key])
        related: dict[str, float] = draw(st.dictionaries(others, _SIMS, max_size=4))
        out.append(AskedSkill(name=key, key=key, related=related, must_have=draw(st.booleans())))
    return tuple(out)


def _reference(ctx: Any, names: tuple[str, ...]) -> float:
    """The skill value by the definition (:mod:`ranking.signals.skills`), for one profile."""
    cfg = ctx.config.skills
    keys = {ctx.canonical(n) for n in names}
    matches = [(a.must_have, skill_match(a.related, a.key in keys, keys, cfg.related_credit))
               for a in ctx.skills]
    return skill_coverage([m for must, m in matches if must], [m for must, m in matches if not must],
                          cfg.must_have_weight, cfg.nice_to_have_weight)


@given(asked=_asked(), profiles=st.lists(st.lists(_NAMES, max_size=7).map(tuple), max_size=12),
       credit=st.one_of(st.floats(0.0, 1.0, exclude_max=True), st.just(-0.0)),
       must_weight=st.one_of(st.just(0.0), st.floats(0.0, 5.0)),
       nice_weight=st.one_of(st.just(0.0), st.floats(0.0, 5.0)),
       memo=st.booleans(), sequential=st.booleans())
@settings(max_examples=400, derandomize=True, deadline=None)
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # inf * 0
def test_array_form_equals_the_definition_bit_for_bit(asked, profiles, credit, must_weight,
                                                      nice_weight, memo, sequential) -> None:
    """Odd similarities (0, -0, negative, NaN, infinite, above 1), a credit of -0, weights of
    0, names that bear on nothing, repeated or spelt otherwise; both ways of summing."""
    cfg = SimpleNamespace(related_credit=credit, must_have_weight=must_weight,
                          nice_to_have_weight=nice_weight)
    ctx = SimpleNamespace(skills=asked, canonical=CanonicalCache(_Vocabulary(memo)),
                          config=SimpleNamespace(skills=cfg))
    views = [SimpleNamespace(skill_names=names) for names in profiles]
    with patch.object(skillbatch, "SEQUENTIAL_SUM", sequential and skillbatch.SEQUENTIAL_SUM):
        values = skill_values(ctx, views)  # type: ignore[arg-type]
    assert values is not None and values.dtype == np.float64
    assert [repr(v) for v in values.tolist()] == [repr(_reference(ctx, n)) for n in profiles]


def test_the_sum_probe_tells_sequential_from_compensated() -> None:
    """``SEQUENTIAL_SUM`` is what this Python's ``sum`` does, not an assumption."""
    values = [1.0, 1e100, 1.0, -1e100]
    sequential = 0.0
    for v in values:
        sequential += v
    assert (sum(values) == sequential) == skillbatch.SEQUENTIAL_SUM
    assert (sys.version_info < (3, 12)) == skillbatch.SEQUENTIAL_SUM


def test_the_canonical_memo_is_the_vocabulary_s_and_bounded() -> None:
    vocabulary = SkillVocabulary.default()
    names = ["K8s", "  node.JS ", "Basket Weaving", "Projektmanagement", "k8s"]
    first = CanonicalCache(vocabulary)
    assert [first(n) for n in names] == [vocabulary._canonical(n) for n in names]
    assert CanonicalCache(vocabulary).keys is first.keys is vocabulary.canonical_memo  # shared
    assert set(vocabulary.canonical_memo) == set(names)
    own = CanonicalCache(TinyVocabulary())  # no memo of its own: one per cache
    assert own("Golang") == "go" and own.keys is not CanonicalCache(TinyVocabulary()).keys
    small = CanonicalMemo(str.upper, max_size=2)
    assert [small[n] for n in "abcab"] == list("ABCAB")
    assert len(small) <= 2
