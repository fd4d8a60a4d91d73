"""The skill signal of a whole batch equals the one computed profile by profile, exactly.

:func:`ranking.skillbatch.skill_values` (what the ranker scores with) against the skill value
of :func:`ranking.features.compute_features` (the per-profile path, checked against the
pre-view reference in ``test_fast_path``); the bounds that take it as known against
:func:`ranking.pruning.upper_bound` with the title as the only open signal; and the matches
that :func:`ranking.features.with_skill_matches` adds for the results against those of the
per-profile path. Equality is ``==``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from ranking.batch import base_batch, open_signals, upper_bounds
from ranking.brief import Brief
from ranking.features import QueryContext, compute_features, with_skill_matches, with_title
from ranking.profileview import ProfileView
from ranking.pruning import upper_bound
from ranking.signals import SignalName
from ranking.skillbatch import SkillTable, skill_values
from tests.factories import NOW
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
    assert table.exact == {java: (0,), sql: (1,), kotlin: (2,)}
    assert table.must == (0, 1) and table.nice == (2,)
    assert (0, ctx.skills[0].related[kotlin]) in table.related[kotlin]  # Kotlin counts for Java
    assert all(s != 0 for s, _ in table.related.get(java, ()))  # never related to itself


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
