"""The embedded backend's batch encoder and its fast parts against their plain definitions:
the encoder against the row-by-row reference encoder, the tokenizer against the ``regex``
definition, term counting against ``analyze``, dictionary encoding against ``np.unique``."""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import analyze
from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.encode import encode, range_column, validate
from indexer.backends.embedded.lexical_encode import (
    MIN_PARALLEL_ROWS,
    LexicalEncoder,
    balanced_rows,
    lexical_arrays,
)
from indexer.backends.embedded.segment import dict_encode
from indexer.backends.protocol import Completeness, IndexedProfile
from indexer.backends.reference import _cmp_value
from indexer.errors import InvalidInputError
from indexer.generate import generate_profiles
from indexer.profile.enums import TextLanguage
from indexer.text import lexical_source, lexical_text
from indexer.tokens import tokenize, tokenize_by_definition, tokenize_bytes
from tests.factories import indexed, make_profile, unit_vector
from tests.indexer.edge_profiles import edge_profiles
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
    """The shared rarer-path profiles (:mod:`tests.indexer.edge_profiles`), indexed."""
    return [indexed(p, dim=DIM) for p in edge_profiles()]


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
    assert tokenize_bytes(text) == [
        t.encode("utf-8", "surrogatepass") for t in tokenize_by_definition(text)
    ]


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
    assert tokenize_bytes(text) == [
        t.encode("utf-8", "surrogatepass") for t in tokenize_by_definition(text)
    ]


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
    # and ``str.split`` never splits inside a token: no token character is whitespace
    assert [cp for cp in range(sys.maxunicode + 1) if chr(cp).isspace() and token.fullmatch(chr(cp))] == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(list(TextLanguage)))
def test_term_counts_equal_analyze(text: str, lang: TextLanguage) -> None:
    a = CachedAnalyzer()
    for t in (text, text + " " + text):  # cold, then warm memo
        terms = analyze(t, lang)
        length, counts = a.term_counts(t, lang)
        assert length == len(terms)
        assert list(counts.items()) == list(Counter(terms).items())


def _reference_lexical_arrays(
    sources: list[str], languages: list[TextLanguage]
) -> dict[str, np.ndarray]:
    """:func:`lexical_arrays` by its definition: ``analyze`` and ``np.unique``."""
    counts = [Counter(analyze(t, lang)) for t, lang in zip(sources, languages, strict=True)]
    off = np.zeros(len(sources) + 1, dtype=np.int64)
    np.cumsum([len(c) for c in counts], out=off[1:])
    terms, uniq = reference_dict_encode([t for c in counts for t in c])
    return {
        "lex.lang": np.array([list(TextLanguage).index(lang) for lang in languages], dtype=np.int8),
        "lex.dl": np.array([c.total() for c in counts], dtype=np.int32),
        "lex.off": off,
        "lex.terms": terms,
        "lex.terms.dict": uniq,
        "lex.tf": np.array([n for c in counts for n in c.values()], dtype=np.int32),
    }


_TEXTS = st.lists(st.tuples(st.text(max_size=80), st.sampled_from(list(TextLanguage))), max_size=12)


@settings(max_examples=200, deadline=None)
@given(_TEXTS, _TEXTS)
def test_lexical_arrays_equal_the_definition(
    first: list[tuple[str, TextLanguage]], second: list[tuple[str, TextLanguage]]
) -> None:
    analyzer = CachedAnalyzer()
    for batch in (first, second, first + second):  # cold, then warm memos
        sources, languages = [t for t, _ in batch], [lang for _, lang in batch]
        got = lexical_arrays(sources, languages, analyzer)
        assert list(got) == ["lex.lang", "lex.dl", "lex.off", "lex.terms", "lex.terms.dict", "lex.tf"]
        _assert_same_arrays(got, _reference_lexical_arrays(sources, languages))


def test_lexical_arrays_survive_forgetting_the_memos(monkeypatch: pytest.MonkeyPatch) -> None:
    """With tiny memo bounds the memos are cleared and the term ids renumbered between (and
    the bytes memo within) batches: the arrays stay the same."""
    monkeypatch.setattr("indexer.backends.embedded.analyzer.MAX_MEMO", 50)
    sources, languages = _lexical_batch(40)
    analyzer = CachedAnalyzer()
    for i in range(0, 40, 10):
        got = lexical_arrays(sources[i : i + 10], languages[i : i + 10], analyzer)
        _assert_same_arrays(got, _reference_lexical_arrays(sources[i : i + 10], languages[i : i + 10]))
        for text, lang in zip(sources[i : i + 10], languages[i : i + 10], strict=True):
            assert analyzer.analyze(text, lang) == analyze(text, lang)
    assert len(analyzer._terms) < 400  # renumbered, not grown without bound


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


def _lexical_batch(n: int) -> tuple[list[str], list[TextLanguage]]:
    profiles = list(generate_profiles(n, seed=13))
    return [lexical_source(p) for p in profiles], [p.text_language for p in profiles]


def _wait_until_ready(enc: LexicalEncoder) -> None:
    deadline = time.monotonic() + 60
    while not enc.helper_ready:
        assert time.monotonic() < deadline, "the lexical helper did not start"
        time.sleep(0.05)


def test_lexical_helper_process_gives_the_same_arrays() -> None:
    sources, languages = _lexical_batch(MIN_PARALLEL_ROWS)
    want = lexical_arrays(sources, languages, CachedAnalyzer())
    enc = LexicalEncoder(CachedAnalyzer(), parallel=True)
    try:
        first = enc.submit(sources, languages)()  # starts the helper, encodes here meanwhile
        _assert_same_arrays(first, want)
        _wait_until_ready(enc)
        for _ in range(2):
            _assert_same_arrays(enc.submit(sources, languages)(), want)
        assert enc.helper_ready
    finally:
        enc.close()


def test_batches_split_between_here_and_the_helper_give_the_same_arrays() -> None:
    """Rows analysed here and rows analysed by the helper, joined, are the whole batch's arrays
    (wherever the split falls), and the adaptive split stays within its bounds."""
    sources, languages = _lexical_batch(MIN_PARALLEL_ROWS)
    want = lexical_arrays(sources, languages, CachedAnalyzer())
    for local_rows in (1, 37, MIN_PARALLEL_ROWS // 2, MIN_PARALLEL_ROWS - 1):
        enc = LexicalEncoder(CachedAnalyzer(), parallel=True, local_rows=local_rows)
        try:
            enc.submit(sources, languages)()
            _wait_until_ready(enc)
            _assert_same_arrays(enc.submit(sources, languages)(), want)
        finally:
            enc.close()
    enc = LexicalEncoder(CachedAnalyzer(), parallel=True)
    try:
        enc.submit(sources, languages)()
        _wait_until_ready(enc)
        for _ in range(4):
            _assert_same_arrays(enc.submit(sources, languages)(), want)
            assert 0.0 <= enc._local_share <= 0.5
    finally:
        enc.close()


def test_balanced_rows_equalises_both_sides() -> None:
    # 1,000 rows, the helper 30 us a row; here 10 ms of other work, then 20 us a row
    x = balanced_rows(1000, 0.010, 20e-6, 30e-6)
    assert x == 400 and abs((0.010 + x * 20e-6) - (1000 - x) * 30e-6) < 1e-9
    assert balanced_rows(1000, 0.050, 20e-6, 30e-6) == 0  # the helper finishes first anyway
    assert balanced_rows(1000, 0.0, 1e-6, 30e-6) == 500  # never more than half here
    assert balanced_rows(0, 0.0, 1e-6, 1e-6) == balanced_rows(10, 0.0, 0.0, 1e-6) == 0


def test_a_reply_left_unread_is_drained_before_the_next_request() -> None:
    sources, languages = _lexical_batch(MIN_PARALLEL_ROWS)
    enc = LexicalEncoder(CachedAnalyzer(), parallel=True)
    try:
        enc.submit(sources, languages)()
        _wait_until_ready(enc)
        enc.submit(sources[::-1], languages[::-1])  # the caller failed before waiting
        got = enc.submit(sources, languages)()
        _assert_same_arrays(got, lexical_arrays(sources, languages, CachedAnalyzer()))
    finally:
        enc.close()


def test_a_dead_helper_falls_back_to_encoding_here() -> None:
    sources, languages = _lexical_batch(MIN_PARALLEL_ROWS)
    want = lexical_arrays(sources, languages, CachedAnalyzer())
    enc = LexicalEncoder(CachedAnalyzer(), parallel=True)
    try:
        enc.submit(sources, languages)()
        _wait_until_ready(enc)
        helper = enc._helper
        assert helper is not None
        pending = enc.submit(sources, languages)
        helper.proc.kill()
        helper.proc.wait()
        _assert_same_arrays(pending(), want)  # the reply may or may not have arrived
        _assert_same_arrays(enc.submit(sources, languages)(), want)
        assert not enc.helper_ready  # given up: encoded here from now on
    finally:
        enc.close()


def test_small_batches_and_single_cpu_stay_in_process() -> None:
    sources, languages = _lexical_batch(20)
    enc = LexicalEncoder(CachedAnalyzer(), parallel=True)
    enc.submit(sources, languages)()
    assert enc._helper is None
    big, big_languages = _lexical_batch(MIN_PARALLEL_ROWS)
    serial = LexicalEncoder(CachedAnalyzer(), parallel=False)
    serial.submit(big, big_languages)()
    assert serial._helper is None


def test_upserts_through_the_helper_read_back_and_search_the_same(tmp_path: Path) -> None:
    """Batches encoded by the helper process end up in an index identical in behaviour to
    one built in process: the same documents back, the same BM25 hits."""
    from indexer.backends.embedded import EmbeddedBackend

    profiles = list(generate_profiles(3 * MIN_PARALLEL_ROWS, seed=17))
    docs = [indexed(p, dim=DIM) for p in profiles]
    results = []
    for parallel in (True, False):
        b = EmbeddedBackend.open(tmp_path / f"p{parallel}", DIM)
        b._lexical_encoder = LexicalEncoder(b._analyzer, parallel=parallel)
        try:
            for i in range(0, len(docs), MIN_PARALLEL_ROWS):
                if parallel and i:
                    _wait_until_ready(b._lexical_encoder)
                b.upsert(docs[i : i + MIN_PARALLEL_ROWS])
            assert b._lexical_encoder.helper_ready is parallel
            got = b.get([d.id for d in docs[::97]])
            assert all(got[d.id].profile == d.profile for d in docs[::97])
            results.append(
                [b.lexical_search(q, 20) for q in ("python developer", "Marketing Berlin", "sql")]
            )
        finally:
            b.close()
    assert results[0] == results[1]


def test_a_helper_inherited_through_fork_is_not_used() -> None:
    sources, languages = _lexical_batch(MIN_PARALLEL_ROWS)
    enc = LexicalEncoder(CachedAnalyzer(), parallel=True)
    try:
        enc.submit(sources, languages)()
        _wait_until_ready(enc)
        inherited = enc._helper
        assert inherited is not None
        inherited.owner = -1  # as if this process were a fork of the helper's owner
        got = enc.submit(sources, languages)()  # encoded here, a helper of our own starting
        assert enc._helper is not inherited and not inherited.outstanding
        _assert_same_arrays(got, lexical_arrays(sources, languages, CachedAnalyzer()))
        inherited.stop()
    finally:
        enc.close()


def test_merged_segments_keep_every_document_byte_for_byte(tmp_path: Path) -> None:
    """Merges (of segments with and without deleted rows) carry the stored JSON over unchanged."""
    from indexer.backends.embedded import EmbeddedBackend
    from indexer.backends.embedded.manifest import read_manifest

    profiles = list(generate_profiles(180, seed=23))
    want = {p.id: p.model_dump_json().encode() for p in profiles}
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    try:
        for i in range(0, len(profiles), 10):
            b.upsert([indexed(p, dim=DIM) for p in profiles[i : i + 10]])
            if i % 30 == 0:
                b.delete([profiles[i].id])
                del want[profiles[i].id]
        b.wait_for_merges()
        m = read_manifest(tmp_path / "i")
        assert m is not None and len(m.segments) < 18  # merges happened
        assert {k: v[0] for k, v in b.raw_documents(list(want)).items()} == want
    finally:
        b.close()
    b = EmbeddedBackend.open(tmp_path / "i", DIM)
    try:
        assert {k: v[0] for k, v in b.raw_documents(list(want)).items()} == want
    finally:
        b.close()


@pytest.mark.parametrize(
    "col",
    [
        [],
        [datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), datetime(1999, 1, 1, tzinfo=timezone(timedelta(hours=-3)))],
        [datetime(2026, 1, 2, 3, 4, 5)],  # naive: local time, as the reference
        [None, None],
        [500.0, None, -0.0, 0.0, float("nan"), 1e300, 5e-324],
        [date(2026, 1, 2), None, date(2026, 1, 2), date(1970, 1, 1)],
        [3, 2.5, None, True],  # ints (years_experience's default), a bool
        [datetime(2026, 1, 2, tzinfo=UTC), None, date(2026, 1, 3), 7],
    ],
)
def test_range_column_equals_the_reference_conversion(col: list[object]) -> None:
    want = np.array([math.nan if x is None else _cmp_value(x) for x in col], dtype=np.float64)  # type: ignore[arg-type]
    got = range_column(col)
    assert got.dtype == np.float64 and got.shape == want.shape
    assert got.tobytes() == want.tobytes()  # bit for bit: -0.0 and NaN included
