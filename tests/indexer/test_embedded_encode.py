"""The embedded backend's batch encoder and its fast parts against their plain definitions:
the encoder against the row-by-row reference encoder, the tokenizer against the ``regex``
definition, term counting against ``analyze``, dictionary encoding against ``np.unique``."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import timedelta

import numpy as np
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import analyze
from indexer.analysis import tokenize as tokenize_by_definition
from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.encode import encode, lexical_source, validate
from indexer.backends.embedded.segment import dict_encode
from indexer.backends.embedded.tokens import tokenize
from indexer.backends.protocol import Completeness, IndexedProfile
from indexer.errors import InvalidInputError
from indexer.generate import generate_profiles
from indexer.profile.enums import TextLanguage
from indexer.text import lexical_text
from tests.factories import NOW, indexed, make_profile, unit_vector
from tests.indexer.embedded_reference_encode import dict_encode as reference_dict_encode
from tests.indexer.embedded_reference_encode import reference_encode

DIM = 16


def _assert_same_arrays(got: dict[str, np.ndarray], want: dict[str, np.ndarray]) -> None:
    assert sorted(got) == sorted(want)
    for key in want:
        g, w = np.asarray(got[key]), np.asarray(want[key])
        assert g.dtype == w.dtype, key
        assert g.shape == w.shape, key
        if g.dtype.kind == "f":
            np.testing.assert_array_equal(g, w, err_msg=key)  # NaN == NaN here
        else:
            assert (g == w).all(), key


def _edge_profiles() -> list[IndexedProfile]:
    """Profiles exercising the rarer paths: sanctions, away periods, no coordinates, no text,
    punctuation-heavy and non-ASCII text, a NUL at the end of a keyword value."""
    start = NOW - timedelta(days=3)
    profiles = [
        make_profile(
            "s1",
            sanctions=[
                {"kind": "permanent_suspension", "start": start.isoformat()},
                {
                    "kind": "warning",
                    "scope": "curated",
                    "start": start.isoformat(),
                    "end": NOW.isoformat(),
                },
            ],
            schedule={"away": [{"start": start.isoformat(), "end": NOW.isoformat()}]},
        ),
        make_profile(
            "s2", coordinates=None, city=None, country=None, headline="", description="", skills=[]
        ),
        make_profile(
            "s3",
            text_language="de",
            headline="Straße–Bau · C++/C# «Größe» l’équipe…",
            description="Ünïcödé\u00a0text\u2003with\u3000spaces, ½ ² ¹ and émojis 🚀 e_mail",
        ),
        make_profile("s4", city="Köln\0", daily_rate=None),
    ]
    return [indexed(p, dim=DIM) for p in profiles]


def test_encoder_equals_the_reference_encoder() -> None:
    profiles = list(generate_profiles(700, seed=11))
    docs = [indexed(p, dim=DIM) for p in profiles] + _edge_profiles()
    slots = np.arange(100, 100 + len(docs))
    _assert_same_arrays(
        encode(docs, slots, DIM, CachedAnalyzer()), reference_encode(docs, slots, DIM)
    )


def test_encoder_of_an_empty_batch() -> None:
    slots = np.zeros(0, dtype=np.int64)
    _assert_same_arrays(encode([], slots, DIM, CachedAnalyzer()), reference_encode([], slots, DIM))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_tokenize_equals_the_definition(text: str) -> None:
    assert tokenize(text) == tokenize_by_definition(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Java",
                "c++",
                "C#",
                "–",
                "·",
                "’",
                "é",
                "ß",
                "_",
                "\u00a0",
                "\u2003",
                "½",
                ".",
                ",",
                "a+b",
                "x#y",
                "🚀",
                "\ud800",
                "İ",
                "١٢٣",
                " ",
                "\n",
            ]
        ),
        max_size=30,
    )
)
def test_tokenize_equals_the_definition_on_separator_soup(parts: list[str]) -> None:
    text = "".join(parts)
    assert tokenize(text) == tokenize_by_definition(text)


def test_tokenize_equals_the_definition_on_profile_texts() -> None:
    for p in generate_profiles(300, seed=5):
        text = lexical_text(p)
        assert tokenize(text) == tokenize_by_definition(text)


_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT, st.lists(_TEXT.filter(str.strip), max_size=4, unique_by=str.lower))
def test_lexical_source_has_the_tokens_of_lexical_text(
    headline: str, description: str, skills: list[str]
) -> None:
    try:
        p = make_profile(
            "t", headline=headline, description=description, skills=[{"name": s} for s in skills]
        )
    except ValueError:  # e.g. two skills with the same key, a name too long: not a profile
        return
    assert tokenize(lexical_source(p)) == tokenize_by_definition(lexical_text(p))


def test_every_alphanumeric_character_is_a_token_character() -> None:
    """What the fast tokenizer relies on: ``str.isalnum`` implies a letter or digit for the
    ``regex`` module (fails loudly if a Python or ``regex`` upgrade breaks it)."""
    token = regex.compile(r"[\p{L}\p{N}+#]")
    bad = [
        cp for cp in range(sys.maxunicode + 1) if chr(cp).isalnum() and not token.fullmatch(chr(cp))
    ]
    assert bad == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(list(TextLanguage)))
def test_term_counts_equal_analyze(text: str, lang: TextLanguage) -> None:
    a = CachedAnalyzer()
    for t in (text, text + " " + text):  # cold, then warm memo
        terms = analyze(t, lang)
        length, counts = a.term_counts(t, lang)
        assert length == len(terms)
        assert list(counts.items()) == list(Counter(terms).items())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=6), max_size=40))
def test_dict_encode_equals_np_unique(values: list[str]) -> None:
    codes, uniq = dict_encode(values)
    want_codes, want_uniq = reference_dict_encode(values)
    assert codes.dtype == want_codes.dtype and uniq.dtype == want_uniq.dtype
    assert codes.tolist() == want_codes.tolist()
    assert uniq.tolist() == want_uniq.tolist()


def _doc(pid: str, vector: object, score: float = 0.5) -> IndexedProfile:
    return IndexedProfile(make_profile(pid), vector, Completeness(score), "h")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "field", "words"),
    [
        (_doc("b", unit_vector(1, DIM + 1)), "vector", "shape"),
        (_doc("b", np.full(DIM, np.nan, np.float32)), "vector", "non-finite"),
        (_doc("b", np.zeros(DIM, np.float32)), "vector", "all zeros"),
        (_doc("b", unit_vector(1, DIM), 1.5), "completeness", "outside"),
        (_doc("b", ["x"] * DIM), "vector", "non-finite"),
    ],
)
def test_validate_names_the_bad_row_and_field(bad: IndexedProfile, field: str, words: str) -> None:
    good = [_doc(f"g{i}", unit_vector(i, DIM)) for i in range(3)]
    validate(good, DIM)  # the batch path accepts
    with pytest.raises((InvalidInputError, TypeError)) as e:
        validate([*good[:2], bad, good[2]], DIM)
    if isinstance(e.value, InvalidInputError):
        [problem] = e.value.problems
        assert problem.field == field and problem.row == 3 and words in problem.message
