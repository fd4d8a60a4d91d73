"""The texts and hard filters a brief turns into for retrieval.

* :func:`embedding_text` mirrors :func:`indexer.text.embedding_text` (title, skills, sector,
  description, same word budget) so brief and profiles are embedded alike;
* :func:`lexical_query` is what BM25 scores: title, skills, related skills from the
  vocabulary (so a Java brief matches Kotlin profiles lexically too), sector, description;
* :func:`hard_rules` are the brief's criteria that filter instead of score: the profile type,
  and the must-have skills when the configuration makes them hard.
"""

from __future__ import annotations

from indexer.backends.filters import KeywordField, Terms
from indexer.profile.model import Profile
from indexer.text import EMBEDDING_WORD_BUDGET, with_gloss
from ranking.brief import Brief
from ranking.config import MustHaveMode, RankingConfig
from ranking.rules import Rule
from ranking.skillmatch import AskedSkill, surface_forms


def _words(slug: str) -> str:
    return slug.replace("-", " ").replace("_", " ")


def embedding_text(brief: Brief) -> str:
    """Title, skills, sector, description, laid out as :func:`indexer.text.embedding_text`
    lays out a profile: parts end with a full stop except the last, so a brief with only a
    title is embedded as the bare title (as a headline-only profile is). A title detected as
    German or French carries its English gloss (:func:`indexer.text.with_gloss`)."""
    title = with_gloss(" ".join(brief.title.split()).rstrip(". "), None)
    parts = [title] if title else []
    skills = [*brief.must_have_skills, *brief.nice_to_have_skills]
    if skills:
        parts.append("Skills: " + ", ".join(skills))
    if brief.sector:
        parts.append(f"Fields: {_words(brief.sector)}")
    description = " ".join(brief.description.split())
    if description:
        parts.append(description)
    words = " ".join(p if i == len(parts) - 1 else p + "." for i, p in enumerate(parts)).split()
    return " ".join(words[:EMBEDDING_WORD_BUDGET])


def lexical_query(
    brief: Brief, expansions: list[str], *, description_words: int | None = None
) -> str:
    """Title, skills, related skills, sector, then the description's first
    ``description_words`` words (``None``: all of it; 0: none). Every extra query term costs a
    postings scan over the whole index, and the dense leg already reads the description."""
    parts = [brief.title, *brief.must_have_skills, *brief.nice_to_have_skills, *expansions]
    if brief.sector:
        parts.append(_words(brief.sector))
    words = brief.description.split()
    if description_words is not None:
        words = words[:description_words]
    if words:
        parts.append(" ".join(words))
    return "\n".join(p for p in parts if p.strip())


def hard_rules(brief: Brief, config: RankingConfig, skills: tuple[AskedSkill, ...]) -> list[Rule]:
    rules: list[Rule] = []
    if brief.profile_type:
        wanted = brief.profile_type
        rules.append(
            Rule(
                name="profile_type",
                filter=Terms(KeywordField.PROFILE_TYPE, wanted),
                admitted=lambda p: None,
                rejected=lambda p: f"profile type {p.profile_type}, the brief asks for {wanted}",
            )
        )
    if config.skills.must_have is MustHaveMode.HARD:
        for skill in skills:
            if not skill.must_have:
                continue

            def rejected(p: Profile, s: AskedSkill = skill) -> str:
                return f"lacks the must-have skill {s.name} (must-have skills are hard filters)"

            rules.append(
                Rule(
                    name=f"must_have:{skill.key}",
                    filter=Terms(KeywordField.SKILLS, sorted(surface_forms(skill))),
                    admitted=lambda p: None,
                    rejected=rejected,
                )
            )
    return rules
