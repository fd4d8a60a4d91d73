"""Rejects degrading, insulting or abusive wording found in per-language word lists.

Matching is on whole words after normalisation (case folding, accents removed, common
character substitutions such as ``1→i``, ``0→o``, ``3→e``, ``@→a``, ``$→s`` undone), so
"Idi0t" and "IDIOT" match "idiot" but "Scunthorpe"-style substrings inside longer words do
not. Inflected forms match through a short list of plural / case / gender endings of the four
languages ("Vollidioten" → "vollidiot", "cretinos" → "cretino"), only when what remains is a
listed term of at least four letters. Multi-word entries match as consecutive words. Lists live in ``wordlists/<lang>.txt``
(one term per line, ``#`` comments); extra lists can be added from a directory.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

import regex

from api.moderation.protocol import Verdict

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es")

#: Endings stripped to find a listed stem (longest first).
_ENDINGS: tuple[str, ...] = ("innen", "es", "en", "er", "in", "os", "as", "e", "n", "s", "a", "o")
_MIN_STEM = 4

_WORD = regex.compile(r"[\p{L}\p{N}@$]+")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s"})


def normalise_words(text: str) -> list[str]:
    """Lower-case, accent-free, de-leeted words of ``text``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("ß", "ss")
    return [w.translate(_LEET) for w in _WORD.findall(folded)]


def _read_terms(lines: Iterable[str]) -> list[tuple[str, ...]]:
    terms = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            words = tuple(normalise_words(line))
            if words:
                terms.append(words)
    return terms


class WordListClassifier:
    """Whole-word (and phrase) matching against per-language lists of abusive terms."""

    def __init__(self, terms: dict[str, list[tuple[str, ...]]]) -> None:
        self._single: dict[str, str] = {}
        self._phrases: list[tuple[tuple[str, ...], str]] = []
        for lang, entries in terms.items():
            for words in entries:
                if len(words) == 1:
                    self._single.setdefault(words[0], lang)
                else:
                    self._phrases.append((words, lang))

    @classmethod
    def default(cls, extra_dir: Path | None = None) -> WordListClassifier:
        """The bundled lists for en/de/fr/es, plus ``<lang>.txt`` files from ``extra_dir``."""
        base = files("api.moderation") / "wordlists"
        terms = {lang: _read_terms((base / f"{lang}.txt").read_text("utf-8").splitlines())
                 for lang in LANGUAGES}
        if extra_dir is not None:
            for path in sorted(extra_dir.glob("*.txt")):
                terms.setdefault(path.stem, []).extend(
                    _read_terms(path.read_text("utf-8").splitlines()))
        return cls(terms)

    @property
    def name(self) -> str:
        return "wordlist"

    def _lookup(self, word: str) -> str | None:
        """The list that has ``word`` or its stem (see the module docstring), else ``None``."""
        lang = self._single.get(word)
        if lang is not None:
            return lang
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                lang = self._single.get(word[: -len(ending)])
                if lang is not None:
                    return lang
        return None

    def classify(self, text: str) -> Verdict | None:
        words = normalise_words(text)
        for w in words:
            lang = self._lookup(w)
            if lang is not None:
                return Verdict(self.name, "abusive_language",
                               f"contains abusive or degrading wording ('{w}', {lang} list)")
        for phrase, lang in self._phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) == phrase:
                    return Verdict(self.name, "abusive_language",
                                   f"contains abusive or degrading wording "
                                   f"('{' '.join(phrase)}', {lang} list)")
        return None
