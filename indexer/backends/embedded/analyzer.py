"""A memoising front end to :func:`indexer.analysis.analyze` for bulk indexing.

``analyze`` stems and ASCII-folds token by token, and the cost is dominated by doing that
again for every occurrence of the same word. Stemming and folding are per-token functions,
so the result for a token depends only on (token, language): this class remembers it. The
output is identical to ``analyze`` by construction (same tokens — :mod:`.tokens` is a faster
implementation of the same tokenizer —, stop words, stemmer and folding), which
``tests/indexer/test_embedded_search.py`` checks on random text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import Stemmer

from indexer.analysis import SNOWBALL_NAME, STOPWORDS, fold_ascii
from indexer.profile.enums import TextLanguage
from indexer.tokens import tokenize, tokenize_bytes

#: Forget the memo when it holds more tokens than this (bounded memory on odd input).
MAX_MEMO = 2_000_000


class CachedAnalyzer:
    """``analyze(text, language)`` with a per-language token → term memo (``None``: stop word).

    Bulk indexing (:meth:`term_id_counts`) uses a second memo, keyed by the tokens' UTF-8
    bytes (:func:`~indexer.tokens.tokenize_bytes`: no decoding of the text) and holding term
    *ids*, indexes into a table of the terms: counting small ints, and dictionary-encoding
    a batch's terms with numpy, costs less than doing both with strings.
    """

    def __init__(self) -> None:
        self._memo: dict[TextLanguage, dict[str, str | None]] = {lang: {} for lang in TextLanguage}
        self._stemmers = {lang: Stemmer.Stemmer(name) for lang, name in SNOWBALL_NAME.items()}
        self._reset_ids()

    def _reset_ids(self) -> None:
        """Forget the term ids (and the bytes memo that holds them)."""
        self._id_memo: dict[TextLanguage, dict[bytes, int | None]] = {lang: {} for lang in TextLanguage}
        self._term_id: dict[str, int] = {}
        self._terms: list[str] = []

    def _learn(self, tokens: Iterable[str], language: TextLanguage) -> dict[str, str | None]:
        """The language's memo, holding every token of ``tokens``."""
        memo = self._memo[language]
        distinct = set(tokens)
        unknown = [t for t in distinct if t not in memo]
        if unknown:
            if len(memo) + len(unknown) > MAX_MEMO:
                memo.clear()
                unknown = list(distinct)  # the known ones were forgotten too
            stop = STOPWORDS[language]
            keep = [t for t in unknown if t not in stop]
            for t in unknown:
                memo[t] = None
            for t, stem in zip(keep, self._stemmers[language].stemWords(keep), strict=True):
                memo[t] = fold_ascii(stem)
        return memo

    def _learn_ids(self, tokens: Iterable[bytes], language: TextLanguage) -> dict[bytes, int | None]:
        """The language's bytes memo, holding every token of ``tokens`` (UTF-8 encoded, as
        :func:`~indexer.tokens.tokenize_bytes` gives them): the id of the term of each new one
        (its decoded form analysed through the ``str`` memo)."""
        memo = self._id_memo[language]
        distinct = set(tokens)
        unknown = [t for t in distinct if t not in memo]
        if unknown:
            if len(memo) + len(unknown) > MAX_MEMO:
                memo.clear()  # the ids stay valid: only :meth:`_reset_ids` renumbers
                unknown = list(distinct)
            words = [t.decode("utf-8", "surrogatepass") for t in unknown]
            terms = self._learn(words, language)
            term_id, table = self._term_id, self._terms
            for t, w in zip(unknown, words, strict=True):
                term = terms[w]
                if term is None:
                    memo[t] = None
                    continue
                i = term_id.get(term)
                if i is None:
                    i = term_id[term] = len(table)
                    table.append(term)
                memo[t] = i
        return memo

    def analyze(self, text: str, language: TextLanguage) -> list[str]:
        """The analysed terms of ``text`` in order (what :func:`indexer.analysis.analyze` returns)."""
        tokens = tokenize(text)
        memo = self._learn(tokens, language)
        out = [memo[t] for t in tokens]
        return [t for t in out if t is not None]

    def term_id_counts(
        self, texts: Sequence[str], languages: Sequence[TextLanguage]
    ) -> tuple[list[int], list[Counter[int]], list[str]]:
        """Per text: the number of analysed terms and term id → frequency in order of first
        occurrence (the ids of ``Counter(analyze(text, language))``, counted at C speed);
        and the table of terms the ids index (valid until the next call)."""
        if len(self._terms) > MAX_MEMO:  # bounded memory on odd input: renumber
            self._reset_ids()
        lengths: list[int] = []
        counts: list[Counter[int]] = []
        memos = self._id_memo
        for text, language in zip(texts, languages, strict=True):
            tokens = tokenize_bytes(text)
            memo = memos[language]
            try:
                c: Counter[int | None] = Counter(map(memo.__getitem__, tokens))
            except KeyError:  # a token not seen yet (rare once the memo is warm)
                c = Counter(map(self._learn_ids(tokens, language).__getitem__, tokens))
            lengths.append(len(tokens) - c.pop(None, 0))
            counts.append(c)  # type: ignore[arg-type]
        return lengths, counts, self._terms

    def term_counts(self, text: str, language: TextLanguage) -> tuple[int, Counter[str]]:
        """(number of analysed terms, term → frequency in order of first occurrence): the same
        as ``len(terms), Counter(terms)`` of :meth:`analyze` (through :meth:`term_id_counts`)."""
        (length,), (ids,), terms = self.term_id_counts([text], [language])
        return length, Counter({terms[i]: n for i, n in ids.items()})
