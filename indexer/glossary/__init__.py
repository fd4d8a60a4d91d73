"""English glosses of German and French job titles, for an English-only embedding model.

The default model (all-MiniLM-L6-v2) was trained on English: it embeds "Vertriebsleiter" or
"Directeur des ventes" far from "Sales Director" and from each other. A :class:`TitleGlossary`
turns a German or French title into a word-by-word English gloss ("sales manager", "sales
director") that the embedding text carries next to the original
(:func:`indexer.text.embedding_text`, :func:`ranking.query.embedding_text`).

The glossaries (``de.txt``, ``fr.txt`` next to this module) were written by hand from general
knowledge of job titles; which words to cover was decided by how often they occur in job titles
(the job-title benchmark's corpus titles among them, never its judgments). Lookup of one word,
case- and accent-insensitive (``ä`` → ``a``, ``é`` → ``e``, ``ß`` → ``ss``):

1. the word itself;
2. the word without an inflection ending (German: ``-en``, ``-er``, ``-es``, ``-em``, ``-e``,
   ``-n``, ``-s``, ``-in``, ``-innen``; French: plural ``-s``/``-x``, feminine ``-e``,
   ``-euse`` → ``-eur``, ``-trice`` → ``-teur``, ``-ière`` → ``-ier``, ``-ienne`` → ``-ien``);
3. German only: a compound split into known parts, the head last, with an optional linking
   ``s`` ("Vertriebs|leiter" → "sales manager"; "Netzwerk|sicherheit|s|techniker" →
   "network security technician"); if only the head is known the rest stays as it is.

French phrases of several words ("chef de projet", "ressources humaines") are matched first,
longest first. Words that are not found stay as they are (names such as "Java" or "SAP" read
the same in English); function words have the gloss ``-`` and are dropped. French titles put
the head first ("Directeur des ventes"), English last, so the French gloss is read backwards
("sales director").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from indexer.errors import ConfigurationError
from indexer.gender_markers import strip_gender_markers
from indexer.profile.enums import TextLanguage

_HERE = Path(__file__).parent
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
#: Where a title splits into separately glossed segments ("Développeur Java – Java, Spring").
_SEGMENT = re.compile(r"[–—|·,;:()\[\]/+]|\s-\s")
_MAX_PHRASE = 4
_DE_ENDINGS = ("innen", "in", "en", "er", "es", "em", "e", "n", "s")
_FR_ENDINGS = (
    ("euses", "eur"), ("euse", "eur"), ("trices", "teur"), ("trice", "teur"),
    ("ieres", "ier"), ("iere", "ier"), ("iennes", "ien"), ("ienne", "ien"),
    ("elles", "el"), ("elle", "el"), ("es", ""), ("s", ""), ("x", ""), ("e", ""),
)
#: Share of a title's words that must be distinctively German (or French) before a brief's
#: title, whose language is unknown, is glossed (see :func:`detect_title_language`).
DETECTION_SHARE = 0.5
#: Words of German or French glossaries that are English title words as well ("Commercial
#: Analyst", "Assistant Principal", "Chef"): they never count as a sign of German or French.
ENGLISH_HOMOGRAPHS = frozenset(
    """principal commercial chef personal client clients assurance location cameraman barman
    direction employee handler labor operative in de reporter tester supporter programmer
    office service services support agent""".split()
)


def fold(text: str) -> str:
    """Lower case without accents (``ß`` → ``ss``), apostrophes as spaces."""
    text = text.replace("ß", "ss").replace("’", " ").replace("'", " ").casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class TitleGlossary:
    """One language's glossary (see the module docstring). ``head_first``: read backwards."""

    language: TextLanguage
    entries: dict[str, str]
    head_first: bool

    @classmethod
    def parse(cls, language: TextLanguage, text: str, *, head_first: bool, source: str) -> TitleGlossary:
        entries: dict[str, str] = {}
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, gloss = line.partition("=")
            if not sep or not key.strip() or not gloss.strip():
                raise ConfigurationError(f"{source}, line {lineno}: expected 'word = gloss'")
            entries[" ".join(_TOKEN.findall(fold(key)))] = gloss.strip()
        return cls(language, entries, head_first)

    @classmethod
    def default(cls, language: TextLanguage | str) -> TitleGlossary | None:
        """The bundled glossary of ``language`` (German, French), ``None`` for the others."""
        return _bundled(TextLanguage(language))

    # -- lookup ---------------------------------------------------------------------------

    def word(self, word: str) -> str | None:
        """The gloss of one folded word (rules 1-3), ``None`` if unknown."""
        return self._word(word, compounds=True)

    def _word(self, word: str, *, compounds: bool) -> str | None:
        found = self.entries.get(word)
        if found is not None:
            return found
        if self.language is TextLanguage.DE:
            for ending in _DE_ENDINGS:
                if len(word) - len(ending) >= 3 and word.endswith(ending):
                    found = self.entries.get(word[: -len(ending)])
                    if found is not None:
                        return found
            return self._compound(word) if compounds else None
        if self.language is TextLanguage.FR:
            for ending, replacement in _FR_ENDINGS:
                if len(word) - len(ending) >= 3 and word.endswith(ending):
                    found = self.entries.get(word[: -len(ending)] + replacement)
                    if found is not None:
                        return found
        return None

    def _compound(self, word: str) -> str | None:
        """German compound: the longest known head, then the rest (recursively)."""
        for cut in range(3, len(word) - 3):  # modifier and head of at least 3 and 4 letters
            head = self._word(word[cut:], compounds=False)
            if head is None or head == "-":
                continue
            modifier = word[:cut]
            mod = self._word(modifier, compounds=True)
            if mod is None and modifier.endswith("s") and len(modifier) > 3:
                mod = self._word(modifier[:-1], compounds=True)
            if mod == "-":
                mod = None
            return f"{mod or modifier} {head}"
        return None

    def units(self, title: str) -> list[tuple[str, str | None]]:
        """``(folded word or phrase, gloss or None)`` for each unit of ``title``, in order
        (gender markers dropped)."""
        tokens = [
            t for t in _TOKEN.findall(fold(strip_gender_markers(title))) if len(t) > 1 or t.isdigit()
        ]
        out: list[tuple[str, str | None]] = []
        i = 0
        while i < len(tokens):
            for n in range(min(_MAX_PHRASE, len(tokens) - i), 1, -1):
                phrase = " ".join(tokens[i : i + n])
                if phrase in self.entries:
                    out.append((phrase, self.entries[phrase]))
                    i += n
                    break
            else:
                out.append((tokens[i], self.word(tokens[i])))
                i += 1
        return out

    def gloss(self, title: str) -> str:
        """The English gloss of ``title`` ("" if no word of it is known). Each segment of the
        title (split at dashes, bars, commas, slashes, brackets: "Développeur Java – Java,
        Spring Boot") is glossed on its own; when segments are read backwards (French), a run
        of unknown words stays in order ("Ingénieur machine learning" → "machine learning
        engineer")."""
        segments = [self._segment(s) for s in _SEGMENT.split(strip_gender_markers(title))]
        if not any(known for _, known in segments):
            return ""
        return ", ".join(text for text, _ in segments if text)

    def _segment(self, segment: str) -> tuple[str, bool]:
        """``(gloss of one segment, whether any word of it was known)``."""
        groups: list[list[str]] = []  # runs of unknown words stay together
        known = False
        previous_unknown = False
        for word, gloss in self.units(segment):
            if gloss == "-":
                previous_unknown = False
                continue
            if gloss is None:
                if previous_unknown:
                    groups[-1].append(word)
                else:
                    groups.append([word])
                previous_unknown = True
            else:
                known = True
                groups.append([gloss])
                previous_unknown = False
        if self.head_first:
            groups.reverse()
        return " ".join(w for g in groups for w in g), known

    def distinctive_share(self, title: str) -> float:
        """Share of the words of ``title`` that are distinctively of this language: glossed
        to something else than the word or its stem, and not an English word as well
        (:data:`ENGLISH_HOMOGRAPHS`); function words count. 1 for "Directeur des ventes" in
        French, 0 for "Service Technician"."""
        units = self.units(title)
        if not units:
            return 0.0
        hits = 0
        for word, gloss in units:
            if gloss is None or word in ENGLISH_HOMOGRAPHS:
                continue
            g = fold(gloss).replace(" ", "")
            if not (word.startswith(g) or g.startswith(word.replace(" ", ""))):
                hits += 1
        return hits / len(units)


@cache
def _bundled(language: TextLanguage) -> TitleGlossary | None:
    path = _HERE / f"{language.value}.txt"
    if not path.is_file():
        return None
    return TitleGlossary.parse(
        language, path.read_text(encoding="utf-8"), head_first=language is TextLanguage.FR,
        source=str(path),
    )


def detect_title_language(title: str) -> TextLanguage | None:
    """German or French if at least :data:`DETECTION_SHARE` of the title's words are
    distinctively so (and more than in the other language); ``None`` otherwise (English,
    Spanish, or too little to tell). Briefs carry no language; profiles do."""
    shares = {
        language: glossary.distinctive_share(title)
        for language in (TextLanguage.DE, TextLanguage.FR)
        if (glossary := TitleGlossary.default(language)) is not None
    }
    ranked = sorted(shares.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < DETECTION_SHARE:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # as German as French ("Chef"): too little to tell
    return ranked[0][0]


#: Titles whose gloss :func:`title_gloss` remembers (a brief's title is glossed for every
#: search, a profile's headline at every write; both repeat).
TITLE_GLOSS_MEMO = 16_384


@lru_cache(maxsize=TITLE_GLOSS_MEMO)
def title_gloss(title: str, language: TextLanguage | str | None) -> str:
    """The English gloss of ``title`` in ``language`` (detected when ``None``); "" if none.
    A pure function of its arguments and the bundled glossaries, remembered for the last
    :data:`TITLE_GLOSS_MEMO` of them (the detection alone is ~60 µs a title)."""
    lang = detect_title_language(title) if language is None else TextLanguage(language)
    if lang is None:
        return ""
    glossary = TitleGlossary.default(lang)
    if glossary is None:
        return ""
    gloss = glossary.gloss(title)
    return "" if fold(gloss) == " ".join(_TOKEN.findall(fold(title))) else gloss
