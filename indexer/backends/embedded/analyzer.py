"""A memoising front end to :func:`indexer.analysis.analyze` for bulk indexing.

``analyze`` stems and ASCII-folds token by token, and the cost is dominated by doing that
again for every occurrence of the same word. Stemming and folding are per-token functions,
so the result for a token depends only on (token, language): this class remembers it. The
output is identical to ``analyze`` by construction (same tokenizer, stop words, stemmer and
folding), which ``tests/indexer/test_embedded_analyzer.py`` checks on random text.
"""

from __future__ import annotations

import Stemmer

from indexer.analysis import SNOWBALL_NAME, STOPWORDS, fold_ascii, tokenize
from indexer.profile.enums import TextLanguage

#: Forget the memo when it holds more tokens than this (bounded memory on odd input).
MAX_MEMO = 2_000_000


class CachedAnalyzer:
    """``analyze(text, language)`` with a per-language token → term memo (``None``: stop word)."""

    def __init__(self) -> None:
        self._memo: dict[TextLanguage, dict[str, str | None]] = {lang: {} for lang in TextLanguage}
        self._stemmers = {lang: Stemmer.Stemmer(name) for lang, name in SNOWBALL_NAME.items()}

    def analyze(self, text: str, language: TextLanguage) -> list[str]:
        memo = self._memo[language]
        tokens = tokenize(text)
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
        out = [memo[t] for t in tokens]
        return [t for t in out if t is not None]
