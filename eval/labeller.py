"""A synthetic relevance labeller for generated profiles (SYNTHETIC judgments, not human ones).

Generated profiles carry their role's skills (core skills almost always, pool skills drawn to
fill the rest; see :mod:`indexer.generate.roles`), so skill overlap with a brief is a known,
model-free notion of fit. The labeller grades every eligible profile of the index:

==========  =====================================================================
grade 3     every must-have skill and at least half of the nice-to-have skills
grade 2     every must-have skill
grade 1     at least half of the must-have skills
grade 0     otherwise (also every profile not eligible for the brief's mode at ``as_of``)
==========  =====================================================================

Skills are compared on :func:`indexer.profile.normalise_skill` keys, deliberately *without*
the ranker's skill vocabulary (synonyms, related skills), so the judgments do not share the
machinery under test. A brief without must-have skills cannot be labelled (an error names it).

These judgments let the comparison notebook and ``eval run`` work offline; they measure
agreement with a skill-overlap rule, not what clients want. Reports built on them say so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from eval.formats.briefs import BriefRecord
from eval.formats.qrels import Qrels
from indexer.backends.filters import filter_values
from indexer.backends.protocol import SearchBackend
from indexer.backends.reference import matches
from indexer.errors import InvalidInputError, Problem
from indexer.profile import Profile, normalise_skill

#: What a report built on these judgments prints.
SYNTHETIC_NOTE = (
    "judgments are SYNTHETIC: graded from skill overlap by eval.labeller, not by people; "
    "they measure agreement with that rule only"
)


def skill_grade(must_have: Sequence[str], nice_to_have: Sequence[str], profile_skills: Sequence[str]) -> int:
    r"""The grade of one profile for one brief (see the module table).

    With :math:`m = |M \cap P| / |M|` and :math:`n = |N \cap P| / |N|` (n = 1 when N is empty):
    3 if m = 1 and n >= 0.5; 2 if m = 1; 1 if m >= 0.5; else 0.
    """
    must = {normalise_skill(s) for s in must_have}
    nice = {normalise_skill(s) for s in nice_to_have}
    have = {normalise_skill(s) for s in profile_skills}
    if not must:
        raise ValueError("the labeller needs at least one must-have skill")
    m = len(must & have) / len(must)
    n = len(nice & have) / len(nice) if nice else 1.0
    if m == 1.0:
        return 3 if n >= 0.5 else 2
    return 1 if m >= 0.5 else 0


def eligible_profiles(backend: SearchBackend, brief_mode: object, as_of: datetime) -> list[Profile]:
    """Every stored profile eligible under the default policy for ``brief_mode`` at ``as_of``."""
    from ranking import EligibilityPolicy
    from ranking.rules import conjunction

    filt = conjunction(EligibilityPolicy.default().rules(brief_mode, as_of))  # type: ignore[arg-type]
    ids = sorted(backend.content_hashes())
    out: list[Profile] = []
    for start in range(0, len(ids), 1000):
        docs = backend.get(ids[start : start + 1000])
        out += [d.profile for d in docs.values() if matches(filt, filter_values(d.profile))]
    return sorted(out, key=lambda p: p.id)


def label(
    briefs: Sequence[BriefRecord], profiles_by_mode: Mapping[str, Sequence[Profile]], *, keep_zero: bool = False
) -> Qrels:
    """Grade the eligible profiles of each brief's mode; grades of 0 are left out unless asked."""
    missing = [b for b in briefs if not b.brief.must_have_skills]
    if missing:
        raise InvalidInputError(
            [Problem("must_have_skills", f"query '{b.query_id}' has none: the labeller cannot grade it") for b in missing]
        )
    qrels: Qrels = {}
    for rec in briefs:
        judged: dict[str, int] = {}
        for p in profiles_by_mode[str(rec.brief.mode)]:
            g = skill_grade(rec.brief.must_have_skills, rec.brief.nice_to_have_skills, [s.name for s in p.skills])
            if g > 0 or keep_zero:
                judged[p.id] = g
        qrels[rec.query_id] = judged
    return qrels


def label_index(backend: SearchBackend, briefs: Sequence[BriefRecord], as_of: datetime) -> Qrels:
    """Synthetic judgments of ``briefs`` over the eligible profiles of ``backend`` at ``as_of``."""
    modes = {rec.brief.mode for rec in briefs}
    pools = {str(m): eligible_profiles(backend, m, as_of) for m in modes}
    return label(briefs, pools)
