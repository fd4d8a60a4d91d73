"""The seeded dev/test split of the job-title queries."""

from __future__ import annotations

import pytest

from eval.titles import read_title_set
from eval.titles_split import TitleSplit, select_queries, split_queries
from tests.eval.test_titles import EN

pytestmark = pytest.mark.unit


def test_split_is_a_seeded_partition_in_halves() -> None:
    ids = [f"q{i:03d}" for i in range(105)]
    dev, test = split_queries(ids)
    assert len(dev) == 52 and len(test) == 53
    assert set(dev) | set(test) == set(ids) and not set(dev) & set(test)
    assert split_queries(reversed(ids)) == (dev, test)  # depends on the ids, not their order
    assert split_queries(ids, seed=1) != (dev, test)


def test_select_keeps_the_given_order() -> None:
    ids = [f"q{i}" for i in range(10)]
    dev = select_queries(ids, "dev")
    test = select_queries(ids, TitleSplit.TEST)
    assert dev == [q for q in ids if q in set(dev)]
    assert sorted(dev + test) == sorted(ids)
    assert select_queries(ids, "all") == ids
    with pytest.raises(ValueError):
        select_queries(ids, "train")


def test_the_documented_english_split() -> None:
    dev, test = split_queries(read_title_set(EN).queries)
    assert (len(dev), len(test)) == (52, 53)
    assert dev[:3] == ["3D_Animator", "Acupuncturist", "Aerospace_Engineer"]
