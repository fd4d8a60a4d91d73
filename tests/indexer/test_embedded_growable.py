"""GrowArray against a plain list of rows: appends, resizes with the fill value, growth in
place (``realloc``) when nothing refers to the buffer and by copying when a view does."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.backends.embedded.growable import GrowArray

_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("extend"), st.integers(0, 300)),
        st.tuples(st.just("resize"), st.integers(0, 2_000)),
        st.tuples(st.just("view"), st.just(0)),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(_OPS)
def test_grow_array_equals_a_list_of_rows(ops: list[tuple[str, int]]) -> None:
    g = GrowArray(np.float32, (3,), fill=-1.0)
    want: list[list[float]] = []
    views = []  # views kept alive: the buffer must then be copied, the views stay valid
    for op, k in ops:
        if op == "extend":
            rows = np.arange(len(want) * 3, (len(want) + k) * 3, dtype=np.float32).reshape(k, 3)
            g.extend(rows)
            want += rows.tolist()
        elif op == "resize":
            g.resize(k)
            want += [[-1.0] * 3] * (k - len(want))
        else:
            views.append((g.data, [list(r) for r in want]))
        assert len(g) == len(want)
        assert g.data.tolist() == want
    for view, rows in views:
        assert view.tolist() == rows


def test_growth_is_in_place_without_views_and_a_copy_with_one() -> None:
    g = GrowArray(np.int64)
    g.extend(np.arange(100))
    before = id(g._buf)  # not a reference: that would stop the resize
    g.extend(np.arange(100, 110))  # grows to 141 rows
    assert id(g._buf) == before  # resized in place
    view = g.data
    g.extend(np.arange(110, 200))
    assert id(g._buf) != before  # a view refers to the old buffer (alive): copied
    assert view.tolist() == list(range(110))
    assert g.data.tolist() == list(range(200))
