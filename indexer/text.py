"""The texts derived from a profile: what gets embedded, and what the lexical index analyses.

Two functions, used by the indexer and by both search backends, so the same profile always
yields the same text everywhere:

* :func:`embedding_text` — the input of the embedding model. all-MiniLM-L6-v2 reads at most
  256 word pieces and drops the rest, so the text is ordered from most to least informative
  (headline, skills, categories and sectors, then the description) and cut at
  :data:`EMBEDDING_WORD_BUDGET` words. Only the description is ever shortened; the structured
  parts come first so a long biography never pushes them out. Measured on 2,000 generated
  profiles with MiniLM's (English) word-piece vocabulary: English texts stay inside the window
  (max 254 pieces); German, French and Spanish words split into more pieces (mean 270-315),
  so for those the model's own truncation also cuts the tail of the description.
* :func:`lexical_text` — the text BM25 indexes: headline, skill names and the full
  description (no window limit there). Analysis (stemming, stop words) happens in
  :mod:`indexer.analysis`, not here.
"""

from __future__ import annotations

from indexer.glossary import title_gloss
from indexer.profile.model import Profile

#: Words kept in the embedding text (≈ 180-250 MiniLM word pieces for English text).
EMBEDDING_WORD_BUDGET = 160
#: At most this many skills go into the embedding text (the first ones, as the freelancer ordered them).
EMBEDDING_MAX_SKILLS = 25
#: Version of the embedding-text layout; part of the content hash
#: (:mod:`indexer.pipeline.content_hash`), so a layout change re-indexes every profile (the
#: vectors of texts that did not change come from the embedding cache).
#: 2: no full stop after the last part (a headline alone is embedded bare, as briefs' titles are).
#: 3: German and French headlines carry their English gloss (:mod:`indexer.glossary`).
EMBEDDING_TEXT_VERSION = "3"

def _clean(text: str) -> str:
    """Collapse whitespace (newlines, tabs) to single spaces."""
    return " ".join(text.split())


def _slug_words(slug: str) -> str:
    """``"financial-services"`` → ``"financial services"`` (models read words, not slugs)."""
    return slug.replace("-", " ").replace("_", " ")


def _sentence(text: str) -> str:
    """The text ending with a full stop, so parts read as separate sentences."""
    text = _clean(text)
    if not text:
        return ""
    return text if text[-1] in ".!?" else text + "."


def with_gloss(title: str, language: str | None) -> str:
    """``title`` followed by its English gloss in brackets when it is German or French
    (``language``; ``None``: detected), e.g. ``"Vertriebsleiter (sales manager)"``: the
    default embedding model reads English only (:mod:`indexer.glossary`). Measured on the dev
    half of the job-title benchmark: MAP +30 % (de) and +22 % (fr) for the dense ranking."""
    if not title:
        return title
    gloss = title_gloss(title, language)
    return f"{title} ({gloss})" if gloss else title


def _join_sentences(parts: list[str]) -> str:
    """``parts`` as sentences: each but the last ends with a full stop (unless it ends with
    ``.``, ``!`` or ``?`` already); the last part gets none."""
    out = [p if p[-1] in ".!?" else p + "." for p in parts[:-1]]
    return " ".join([*out, parts[-1]]) if parts else ""


def embedding_text(profile: Profile) -> str:
    """The text embedded for ``profile``: most informative parts first, within the model window.

    Layout::

        <headline>. Skills: <s1>, <s2>, ... Fields: <categories and sectors>. <description…>

    A German or French headline (``text_language``) carries its English gloss in brackets
    (:func:`with_gloss`). Missing parts are left out. The text never gets a full stop of its own at the end: a
    profile with only a headline is embedded as the bare headline, like a brief's title
    (:func:`ranking.query.embedding_text`). Measured on the job-title benchmark
    (``eval/README.md``): MiniLM ranks bare titles 1-7 % better (MAP) than ``"Title."``. Words beyond :data:`EMBEDDING_WORD_BUDGET` are dropped from
    the end (so from the description). The name, the city and numbers are not embedded: they
    carry no meaning about the work and are matched by filters and signals instead.
    """
    parts: list[str] = []
    headline = with_gloss(_clean(profile.headline).rstrip(". "), profile.text_language)
    if headline:
        parts.append(headline)
    skills = [s.name for s in profile.skills[:EMBEDDING_MAX_SKILLS]]
    if skills:
        parts.append("Skills: " + ", ".join(_clean(s) for s in skills))
    fields = list(dict.fromkeys(_slug_words(s) for s in (*profile.categories, *profile.sectors)))
    if fields:
        parts.append("Fields: " + ", ".join(fields))
    description = profile.description.strip()
    if description and parts:
        parts[-1] = _sentence(parts[-1])
    words = _join_sentences(parts).split()
    room = EMBEDDING_WORD_BUDGET - len(words)
    if room > 0 and description:
        words += description.split(maxsplit=room)[:room]
    return " ".join(words[:EMBEDDING_WORD_BUDGET])


def _lexical_parts(profile: Profile) -> tuple[str, ...]:
    """What the lexical index reads, in order: headline, each skill name, full description."""
    return (profile.headline, *[s.name for s in profile.skills], profile.description)


def lexical_text(profile: Profile) -> str:
    """The text the lexical (BM25) index analyses: headline, skill names, full description.

    Parts are separated by newlines; the analyser treats them as one field in the profile's
    ``text_language``.
    """
    headline, *skills, description = _lexical_parts(profile)
    parts = [_clean(headline), " ".join(_clean(s) for s in skills), _clean(description)]
    return "\n".join(p for p in parts if p)


def lexical_source(profile: Profile) -> str:
    """The same parts as :func:`lexical_text`, hence the same tokens, without its whitespace
    clean-up (which only collapses runs of whitespace and drops empty parts; whitespace only
    ever separates tokens). About 10 µs cheaper per profile, for the embedded backend's bulk
    encoder; ``tests/indexer/test_embedded_encode.py`` checks the tokens are equal."""
    return "\n".join(_lexical_parts(profile))
