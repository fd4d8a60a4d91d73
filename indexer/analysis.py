"""Language-aware text analysis for lexical search, shared by both backends.

The pipeline, identical to the custom analyzers the OpenSearch backend declares:

1. tokenize: maximal runs of letters, digits, ``+`` and ``#`` (so ``c++`` and ``c#`` survive);
   everything else separates tokens (OpenSearch: ``pattern`` tokenizer on :data:`TOKEN_SPLIT`);
2. lowercase;
3. drop the language's stop words (:data:`STOPWORDS`);
4. Snowball stemming for the language (PyStemmer; OpenSearch ``snowball`` filter);
5. ASCII folding (``é`` → ``e``, ``ß`` → ``ss``).
"""

from __future__ import annotations

import functools
import unicodedata

import Stemmer

from indexer.profile.enums import TextLanguage
from indexer.tokens import TOKEN_SPLIT as TOKEN_SPLIT
from indexer.tokens import tokenize

SNOWBALL_NAME = {
    TextLanguage.EN: "english",
    TextLanguage.DE: "german",
    TextLanguage.FR: "french",
    TextLanguage.ES: "spanish",
}

STOPWORDS: dict[TextLanguage, frozenset[str]] = {
    TextLanguage.EN: frozenset(
        "a an and are as at be but by for from has have i in into is it its of on or our "
        "over than that the their them then there these they this to was we were which will "
        "with you your".split()
    ),
    TextLanguage.DE: frozenset(
        "aber als am an auch auf aus bei bin bis das dass dem den der des die ein eine einem "
        "einen einer eines er es für hat ich ihr im in ist ja mit nach nicht noch oder sie "
        "sind so und uns von vor war wie wir zu zum zur über".split()
    ),
    TextLanguage.FR: frozenset(
        "a au aux avec ce ces dans de des du elle en est et il ils je la le les leur lui ma "
        "mais me mes mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur "
        "ta te un une vos votre vous y".split()
    ),
    TextLanguage.ES: frozenset(
        "a al con de del el en es esta este la las lo los mas mi mis muy no nos o para pero "
        "por que se sin sobre su sus un una uno unos y ya".split()
    ),
}

_EXTRA_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})


def fold_ascii(token: str) -> str:
    """Strip accents and fold the few letters that do not decompose."""
    decomposed = unicodedata.normalize("NFKD", token.translate(_EXTRA_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _stemmer(language: TextLanguage) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(SNOWBALL_NAME[language])


def analyze(text: str, language: TextLanguage) -> list[str]:
    """All five steps: the terms a text contributes to the index in ``language`` (steps 1
    and 2 are :func:`indexer.tokens.tokenize`)."""
    stop = STOPWORDS[language]
    kept = [t for t in tokenize(text) if t not in stop]
    return [fold_ascii(t) for t in _stemmer(language).stemWords(kept)]
