"""Who a generated freelancer is and what they show: spoken languages, skills, sectors,
location, portfolio and certifications.

Each function draws from the ``random.Random`` it is given, in a fixed order; numbers named
``u_*`` are uniforms in [0, 1) drawn beforehand with numpy (see :mod:`indexer.generate.draws`).
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from indexer.generate.cities import City
from indexer.generate.extras import CERTIFICATIONS, PORTFOLIO_TITLES
from indexer.generate.roles import DOMAIN_SECTORS, SECTORS, Domain, Role
from indexer.generate.skills import SkillNamer
from indexer.profile.enums import LanguageLevel, SkillLevel

_SECOND_LANGUAGES = ("en", "fr", "de", "es", "it")
_EXPAT_LANGUAGES = ("fr", "de", "es", "en", "it", "pt", "pl")

#: How many skills a profile lists, by completeness tier (inclusive bounds).
SKILL_COUNTS = {"rich": (7, 13), "normal": (4, 8), "sparse": (2, 4)}


def handle(name: str) -> str:
    """An ASCII user handle from a name ("Zoë Müller" → "zoemuller"), for portfolio URLs."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def native_language(rnd: random.Random, city: City, u_expat: float) -> tuple[str, str]:
    """(native language, local language): a local language of the city by its share, except
    for 8 % of expats whose native language is another European one."""
    codes = [c for c, _ in city.languages]
    weights = [w for _, w in city.languages]
    local = rnd.choices(codes, weights)[0]
    if u_expat < 0.08:
        return rnd.choice([c for c in _EXPAT_LANGUAGES if c != local]), local
    return local, local


def language_level(u: float) -> LanguageLevel:
    """A non-native level: basic 5 %, conversational 20 %, professional 35 %, fluent 40 %."""
    if u < 0.05:
        return LanguageLevel.BASIC
    if u < 0.25:
        return LanguageLevel.CONVERSATIONAL
    if u < 0.60:
        return LanguageLevel.PROFESSIONAL
    return LanguageLevel.FLUENT


def languages(
    rnd: random.Random,
    native: str,
    local: str,
    text_lang: str,
    *,
    omitted: bool,
    u_local: float,
    u_english: float,
    u_extra: float,
) -> list[dict[str, Any]]:
    """Native language, the local one (expats), English, the text language, sometimes one
    more; empty when the freelancer never filled the field (``omitted``)."""
    if omitted:
        return []
    langs = {native: LanguageLevel.NATIVE}
    if local not in langs:
        langs[local] = language_level(0.3 + 0.7 * u_local)
    if "en" not in langs:
        langs["en"] = language_level(u_english)
    if text_lang not in langs:
        langs[text_lang] = LanguageLevel.FLUENT
    if u_extra < 0.3:
        extra = rnd.choice([c for c in _SECOND_LANGUAGES if c not in langs] or ["it"])
        if extra not in langs:
            langs[extra] = language_level(rnd.random() * 0.8)
    return [{"code": c, "level": lvl} for c, lvl in langs.items()]


def skill_level(years: float, u: float) -> SkillLevel:
    """Level from years with the skill, give or take 1.5 years of talent."""
    score = years + 3 * (u - 0.5)
    if score < 1.5:
        return SkillLevel.BEGINNER
    if score < 4:
        return SkillLevel.INTERMEDIATE
    if score < 9:
        return SkillLevel.ADVANCED
    return SkillLevel.EXPERT


def skills(
    rnd: random.Random,
    namer: SkillNamer,
    role: Role,
    tier: str,
    years: float,
    lang: str,
    *,
    u_drop_core: float,
    u_details: float,
) -> list[dict[str, Any]]:
    """The role's core skills (one sometimes left out) then pool skills up to the tier's
    count, written as the freelancer would (:class:`SkillNamer`), with years and level except
    on most sparse profiles. The first two skills have the full experience."""
    low, high = SKILL_COUNTS[tier]
    target = rnd.randint(low, high)
    core = list(role.core)
    if len(core) > 2 and u_drop_core < 0.15:
        core.pop(rnd.randrange(len(core)))
    extra = rnd.sample(role.pool, min(len(role.pool), max(0, target - len(core))))
    chosen = (core + extra)[: max(target, 2)]
    with_details = tier != "sparse" or u_details < 0.4
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for rank, canonical in enumerate(chosen):
        shown = namer.display(canonical, lang, rnd)
        key = namer.key(shown)
        if key in seen:
            continue
        seen.add(key)
        skill: dict[str, Any] = {"name": shown}
        if with_details:
            share = 1.0 if rank < 2 else rnd.uniform(0.2, 1.0)
            s_years = max(0.5, round(years * share * 2) / 2)
            skill["years"] = min(s_years, years)
            skill["level"] = skill_level(skill["years"], rnd.random())
        out.append(skill)
    return out


def sectors(rnd: random.Random, domain: Domain, u_count: float, u_pool: float) -> list[str]:
    """1-3 client sectors, usually ones typical of the domain."""
    k = 1 + int(u_count * 3)
    pool = list(DOMAIN_SECTORS[domain]) if u_pool < 0.8 else list(SECTORS)
    return rnd.sample(pool, min(k, len(pool)))


def coordinates(rnd: random.Random, city: City) -> dict[str, float]:
    """Somewhere in the metropolitan area (about ±10 km), not everyone on the town hall."""
    return {
        "lat": round(city.lat + rnd.uniform(-0.09, 0.09), 5),
        "lon": round(city.lon + rnd.uniform(-0.13, 0.13), 5),
    }


def portfolio(
    rnd: random.Random, domain: Domain, tier: str, user: str, u_urls: float
) -> list[dict[str, Any]]:
    """Past work: more items for visual domains and rich profiles, none for sparse ones; most
    with a link (Behance for designers, GitHub for developers)."""
    visual = domain in (Domain.DESIGN, Domain.MARKETING)
    hi = {"rich": 6 if visual else 4, "normal": 3 if visual else 2, "sparse": 0}[tier]
    lo = 1 if tier == "rich" else 0
    n = rnd.randint(lo, hi)
    titles = rnd.sample(PORTFOLIO_TITLES[domain], min(n, len(PORTFOLIO_TITLES[domain])))
    host = {
        Domain.DESIGN: f"https://www.behance.net/{user}",
        Domain.SOFTWARE: f"https://github.com/{user}",
    }.get(domain, f"https://{user}.example.com/cases")
    items = []
    for k, title in enumerate(titles):
        item: dict[str, Any] = {"title": title}
        if u_urls < 0.7:
            item["url"] = (
                f"{host}/project-{k + 1}" if domain == Domain.SOFTWARE else f"{host}/{k + 1}"
            )
        items.append(item)
    return items


def certifications(
    rnd: random.Random, domain: Domain, tier: str, years: float, this_year: int, u: float
) -> list[dict[str, Any]]:
    """Real certifications of the domain (60 % of rich, 25 % of normal, 3 % of sparse
    profiles), obtained during the freelancer's career."""
    p = {"rich": 0.6, "normal": 0.25, "sparse": 0.03}[tier]
    if u >= p:
        return []
    pool = CERTIFICATIONS[domain]
    n = rnd.randint(1, 3 if tier == "rich" else 1)
    first_year = this_year - max(1, round(years))
    return [
        {"name": name, "issuer": issuer, "year": rnd.randint(first_year, this_year)}
        for name, issuer in rnd.sample(pool, min(n, len(pool)))
    ]
