"""Title match: how alike the brief's title and the profile's headline are, letter by letter.

Job titles are short and full of compounds and variants ("Softwareentwickler" and
"Software-Entwickler", "Développeur" and "Developpeur", "Verkäufer (m/w/d)" and
"Verkäuferin") that a word-level index misses and an English-only embedding model reads
poorly. Both texts are first normalised (:func:`normalise_title`):

1. gender markers are dropped (:func:`indexer.gender_markers.strip_gender_markers`):
   bracketed markers such as ``(m/w/d)``, ``(w/m/d)``, ``(h/f)``, ``(f/h)``, ``(H/F/X)``,
   ``(e)``, and feminine endings attached with ``/``, ``*``, ``:``, ``_``, ``·``, ``.`` or
   ``/-`` (``Verkäufer/in``, ``Lehrer*innen``, ``employé·e``, ``vendeur/euse``,
   ``directeur.rice``) and the capital-I ending (``LehrerIn``), so every variant reads as the
   base form;
2. case is folded, accents are removed (``é`` → ``e``, ``ä`` → ``a``, ``ß`` → ``ss``);
3. feminine word endings are folded to the masculine ones, so both forms share their grams:
   German ``-erin``, ``-istin``, ``-antin``, ``-entin``, ``-eurin``, ``-orin`` (and their
   ``-innen`` plurals) lose the ``in``/``innen``, ``-ärztin`` becomes ``-arzt``, ``-frau``
   becomes ``-mann`` (Kauffrau, Kaufmann); French ``-euse`` → ``-eur``, ``-trice`` → ``-teur``,
   ``-ière`` → ``-ier``, ``-ienne`` → ``-ien`` (words of at least six letters only);
4. every character that is not a letter or digit separates words (so hyphenated and spaced
   forms share their pieces), and the function words of en/de/fr (``of``, ``für``, ``de``,
   ``des``, ...) are dropped.

Then, with ``G(t)`` the multiset of character ``n``-grams of the words of ``t``, each word
padded with one space on either side (``n`` = 3 by default; a word shorter than ``n - 2``
letters contributes nothing)::

    title_match = |G(a) ∩ G(b)|_multiset / sqrt(|G(a)| * |G(b)|)

the cosine of the two n-gram count vectors restricted to binary-like counts (the multiset
intersection counts a gram ``min(count_a, count_b)`` times). It is 1 for titles equal after
normalisation, 0 when no gram is shared (or either title is empty), symmetric, and needs no
corpus statistics, so a profile's value never depends on the other profiles.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from indexer.gender_markers import strip_gender_markers
from ranking.signals import clamp01

#: Feminine endings (accents already removed) → masculine ones; longest first.
_FEMININE_ENDINGS = (
    ("erinnen", "er"), ("istinnen", "ist"), ("antinnen", "ant"), ("entinnen", "ent"),
    ("eurinnen", "eur"), ("orinnen", "or"), ("arztinnen", "arzt"),
    ("erin", "er"), ("istin", "ist"), ("antin", "ant"), ("entin", "ent"), ("eurin", "eur"),
    ("orin", "or"), ("arztin", "arzt"), ("frau", "mann"), ("frauen", "leute"),
    ("euses", "eurs"), ("euse", "eur"), ("trices", "teurs"), ("trice", "teur"),
    ("ieres", "iers"), ("iere", "ier"), ("iennes", "iens"), ("ienne", "ien"),
)


def fold_feminine(word: str) -> str:
    """``word`` with a feminine ending replaced by the masculine one (module docstring)."""
    if len(word) < 6:
        return word
    for ending, masculine in _FEMININE_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + masculine
    return word


#: Function words dropped from titles (en, de, fr): they carry no meaning about the work.
STOP_WORDS = frozenset(
    """a an and the of for in on at to with by or
    und oder der die das des den dem für fur im in am zum zur von vom mit bei
    de des du la le les l d et en au aux pour chez sur par""".split()
)


def normalise_title(text: str) -> str:
    """The title without gender markers, accents, case, punctuation and function words."""
    t = strip_gender_markers(text).replace("ß", "ss").casefold()
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    words = re.split(r"[^0-9a-z]+", t)
    return " ".join(fold_feminine(w) for w in words if w and w not in STOP_WORDS)


@lru_cache(maxsize=65536)
def title_grams(text: str, n: int = 3) -> Counter[str]:
    """The multiset ``G`` of padded character n-grams of the normalised ``text``."""
    grams: Counter[str] = Counter()
    for word in normalise_title(text).split():
        padded = f" {word} "
        grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


class _Grams(NamedTuple):
    """``G`` of one title in the form :func:`title_match` compares fastest: the distinct
    grams, the counts of those that occur more than once, and ``|G|``."""

    distinct: frozenset[str]
    repeated: dict[str, int]
    size: int


@lru_cache(maxsize=65536)
def _grams(text: str, n: int) -> _Grams:
    grams = title_grams(text, n)
    return _Grams(frozenset(grams), {g: c for g, c in grams.items() if c > 1}, sum(grams.values()))


def gram_similarity(a: Counter[str], b: Counter[str]) -> float:
    """``|a ∩ b| / sqrt(|a| |b|)`` over multisets (see the module docstring)."""
    size_a = sum(a.values())
    size_b = sum(b.values())
    if size_a == 0 or size_b == 0:
        return 0.0
    shared = sum(min(c, b[g]) for g, c in a.items() if g in b)
    return clamp01(shared / math.sqrt(size_a * size_b))


def title_match(brief_title: str, headline: str, n: int = 3) -> float:
    """Similarity in [0, 1] of a brief's title and a profile's headline (module docstring).

    Equal to ``gram_similarity(title_grams(brief_title), title_grams(headline))``, computed
    as a set intersection in C (each shared gram counts once) plus, for the few grams
    repeated in a title, the extra ``min(count_a, count_b) - 1``."""
    a = _grams(brief_title, n)
    b = _grams(headline, n)
    if a.size == 0 or b.size == 0:
        return 0.0
    shared = len(a.distinct & b.distinct)
    if a.repeated and b.repeated:
        shared += sum(
            min(c, b.repeated[g]) - 1 for g, c in a.repeated.items() if g in b.repeated
        )
    return clamp01(shared / math.sqrt(a.size * b.size))
