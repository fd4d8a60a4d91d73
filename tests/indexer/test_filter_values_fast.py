"""``filter_values`` with its memoised parts (language-level keywords, skill keys) gives what
the plain definition gives, on generated profiles and on odd skill names and levels."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.backends.filters import filter_values
from indexer.generate import generate_profiles
from indexer.profile.enums import LanguageLevel
from tests.factories import make_profile
from tests.indexer.reference_filter_values import reference_filter_values


def test_filter_values_equal_the_reference_on_generated_profiles() -> None:
    for p in generate_profiles(1500, seed=21):
        assert filter_values(p) == reference_filter_values(p)
    for p in generate_profiles(300, seed=21):  # memo warm
        assert filter_values(p) == reference_filter_values(p)


_NAME = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20).filter(str.strip)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_NAME, max_size=5, unique_by=lambda s: " ".join(s.lower().split())),
    st.lists(
        st.tuples(st.sampled_from(["en", "de", "fr", "zz"]), st.sampled_from(list(LanguageLevel))),
        max_size=4,
        unique_by=lambda t: t[0],
    ),
)
def test_filter_values_equal_the_reference_on_odd_values(
    skills: list[str], languages: list[tuple[str, LanguageLevel]]
) -> None:
    try:
        p = make_profile(
            "x",
            skills=[{"name": s} for s in skills],
            languages=[{"code": c, "level": lvl.value} for c, lvl in languages],
        )
    except ValueError:  # not a valid profile (e.g. two names with the same key)
        return
    assert filter_values(p) == reference_filter_values(p)
