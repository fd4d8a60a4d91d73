"""A candidate's score read from its batch row equals the score of its full features, exactly.

:func:`ranking.rowscore.row_scorer` (what the ranker orders candidates by) against
``weighted_by(batch.titled(ctx, i).values, effective)`` (what a returned result carries), on
the generated population and its odd copies, for briefs setting every criterion and none
and generated ones, at several ``as_of``. Equality is ``==``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from ranking.batch import base_batch
from ranking.batchparts import signals_of
from ranking.features import QueryContext, text_signals_applicable
from ranking.rowscore import row_scorer
from ranking.scoring import effective_weights, weighted_by
from ranking.signals import SignalName
from tests.factories import NOW
from tests.ranking.test_batch import _ctx, _views
from tests.ranking.test_fast_path import _briefs, world  # noqa: F401  (fixture)
from tests.ranking.test_ranker_properties import as_ofs, briefs

pytestmark = pytest.mark.unit


def _check(ctx: QueryContext, views) -> int:
    batch = signals_of(ctx, views)
    applicable = [n for n, col in batch.columns.items() if col is not None]
    effective = effective_weights([*applicable, *text_signals_applicable(ctx)], ctx.config.weights)
    score = row_scorer(ctx, batch, effective)
    for i in range(len(views)):
        assert score(i) == weighted_by(batch.titled(ctx, i).values, effective)[0], views[i].id
    return sum(1 for n, _ in effective if n is SignalName.TITLE)


def test_row_scores_equal_full_scores_on_every_criterion(world) -> None:  # noqa: F811
    views = _views(world)
    with_title = 0
    for seed, brief in enumerate(_briefs()):
        for as_of in (NOW, NOW + timedelta(days=40), NOW - timedelta(days=200)):
            with_title += _check(_ctx(brief, as_of, seed), views)
    assert with_title > 0  # the title signal took part


@given(brief=briefs, as_of=as_ofs)
@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_row_scores_equal_full_scores_on_generated_briefs(world, brief, as_of) -> None:  # noqa: F811
    _check(_ctx(brief, as_of, 7), _views(world))


def test_a_signal_without_a_column_is_an_error(world) -> None:  # noqa: F811
    ctx = _ctx(_briefs()[0], NOW, 1)
    batch = base_batch(ctx, _views(world)[:3])  # no skill values given: no skill column
    with pytest.raises(ValueError, match="skills"):
        row_scorer(ctx, batch, ((SignalName.SEMANTIC, 0.5), (SignalName.SKILLS, 0.5)))
