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
from collections.abc import Iterable

import Stemmer

from indexer.analysis import SNOWBALL_NAME, STOPWORDS, fold_ascii
from indexer.profile.enums import TextLanguage
from indexer.tokens import tokenize

#: Forget the memo when it holds more tokens than this (bounded memory on odd input).
MAX_MEMO = 2_000_000


class CachedAnalyzer:
    """``analyze(text, language)`` with a per-language token → term memo (``None``: stop word)."""

    def __init__(self) -> None:
        self._memo: dict[TextLanguage, dict[str, str | None]] = {lang: {} for lang in TextLanguage}
        self._stemmers = {lang: Stemmer.Stemmer(name) for lang, name in SNOWBALL_NAME.items()}

    def _learn(self, tokens: Iterable[str], language: TextLanguage) -> dict[str, str | None]:
        """The language's memo, holding every token of ``tokens``."""
        memo = self._memo[language]
        unknown = [t for t in set(tokens) if t not in memo]
        if unknown:
            if len(memo) + len(unknown) > MAX_MEMO:
                memo.clear()
            stop = STOPWORDS[language]
            keep = [t for t in unknown if t not in stop]
            for t in unknown:
                memo[t] = None
            for t, stem in zip(keep, self._stemmers[language].stemWords(keep), strict=True):
                memo[t] = fold_ascii(stem)
        return memo

    def analyze(self, text: str, language: TextLanguage) -> list[str]:
        """The analysed terms of ``text`` in order (what :func:`indexer.analysis.analyze` returns)."""
        tokens = tokenize(text)
        memo = self._learn(tokens, language)
        out = [memo[t] for t in tokens]
        return [t for t in out if t is not None]

    def term_counts(self, text: str, language: TextLanguage) -> tuple[int, Counter[str]]:
        """(number of analysed terms, term → frequency in order of first occurrence): the same
        as ``len(terms), Counter(terms)`` of :meth:`analyze`, counted at C speed."""
        tokens = tokenize(text)
        memo = self._memo[language]
        try:
            counts: Counter[str | None] = Counter(map(memo.__getitem__, tokens))
        except KeyError:  # a token not seen yet (rare once the memo is warm)
            memo = self._learn(tokens, language)
            counts = Counter(map(memo.__getitem__, tokens))
        stop = counts.pop(None, 0)
        return len(tokens) - stop, counts  # type: ignore[return-value]
