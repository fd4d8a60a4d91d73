"""Seeded synthetic briefs for a generated index: realistic projects built from real roles.

Each brief starts from an eligible profile drawn at random (so at least one freelancer fits):
the role whose core skills it shares most gives the title (in the profile's text language),
two of the profile's skills become must-haves and one or two more nice-to-haves. Some briefs
(one in three) also ask for a spoken language the seed profile has. Everything is driven by
``seed``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from eval.formats.briefs import BriefRecord
from indexer.generate.roles import ROLES, Role
from indexer.profile import Profile, normalise_skill


def _role_of(profile: Profile) -> Role | None:
    have = {normalise_skill(s.name) for s in profile.skills}
    best = max(ROLES, key=lambda r: (len(have & {normalise_skill(c) for c in r.core}), -ROLES.index(r)))
    return best if have & {normalise_skill(c) for c in best.core} else None


def synthesise_briefs(profiles: Sequence[Profile], n: int, *, seed: int = 0, prefix: str = "b") -> list[BriefRecord]:
    """``n`` briefs (self-service mode) seeded from ``profiles`` (eligible ones, ideally)."""
    from ranking import Brief

    rng = random.Random(seed)
    pool = [p for p in sorted(profiles, key=lambda p: p.id) if len(p.skills) >= 3 and _role_of(p) is not None]
    if not pool:
        return []
    out: list[BriefRecord] = []
    for i in range(n):
        p = rng.choice(pool)
        role = _role_of(p)
        if role is None:  # excluded from the pool above
            continue
        skills = [s.name for s in p.skills]
        core = [s for s in skills if normalise_skill(s) in {normalise_skill(c) for c in role.core}]
        rest = [s for s in skills if s not in core]
        must = rng.sample(core, min(2, len(core))) if core else rng.sample(skills, 2)
        others = [s for s in rest + core if s not in must]
        nice = rng.sample(others, min(len(others), rng.randint(1, 2)))
        lang = str(p.text_language)
        data: dict[str, object] = {
            "title": role.titles.get(lang, role.titles["en"]),
            "must_have_skills": must,
            "nice_to_have_skills": nice,
        }
        if p.languages and rng.random() < 1 / 3:
            spoken = rng.choice(p.languages)
            data["languages"] = [{"code": spoken.code, "min_level": "conversational"}]
        out.append(BriefRecord(f"{prefix}{i + 1:03d}", Brief.model_validate(data)))
    return out
