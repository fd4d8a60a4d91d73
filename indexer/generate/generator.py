"""The seeded profile generator: realistic, reproducible freelancer profiles at any size.

``generate_profiles(count, seed=..., as_of=...)`` yields validated :class:`Profile` objects.
Profiles are produced in fixed-size chunks; chunk ``k`` draws from its own generators seeded
with ``(seed, k)``, so the output is a pure function of ``(seed, as_of)`` and the first ``n``
profiles of a larger run equal a run of ``n`` (``generate_profiles(10)`` is a prefix of
``generate_profiles(1000)``). Numeric attributes are drawn with numpy for a whole chunk at a
time; choices among words and templates use a seeded :class:`random.Random` per chunk.

What the population looks like (shares are approximate):

* domains software 34 %, data 16 %, design 13 %, marketing 14 %, finance 10 %, consulting 13 %,
  each with real job titles and skill sets (:mod:`indexer.generate.roles`);
* ~50 European cities weighted by market size (:mod:`indexer.generate.cities`); text in the
  freelancer's language (de/fr/es) or in English (18 % of de/fr/es natives, and everyone else);
* last login over two years before ``as_of``, skewed recent; 6 % joined in the last 45 days;
* profile types (:data:`RARE_ROLE_TYPES`, ``interim-executive``): standard ~96 %, the rare
  ones log in less often (a fifth of them last came 12-18 months ago);
* 7 % sanctioned (every kind, expired, active and permanent), 2 % deleted, 3.5 % unpublished,
  6 % with away periods around ``as_of``, 12 % not working on weekends;
* completeness tiers: rich 25 % (200+ words, >= 7 skills, photo, portfolio), normal 55 %,
  sparse 20 % (short text, few skills, often no photo or rate).
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from indexer.errors import InvalidInputError, Problem
from indexer.generate.cities import (
    CITIES,
    TEXT_IN_ENGLISH,
    TEXT_LANGUAGE_OF_NATIVE,
    City,
    city_name,
)
from indexer.generate.extras import (
    CERTIFICATIONS,
    PORTFOLIO_TITLES,
    SANCTION_REASONS,
)
from indexer.generate.focus import ROLE_FOCUS
from indexer.generate.names import FIRST_NAMES, LAST_NAMES
from indexer.generate.rates import BASE_RATE_EUR, PER_EUR, TYPE_FACTOR, daily_rates
from indexer.generate.roles import DOMAIN_SECTORS, DOMAIN_WEIGHTS, ROLES, SECTORS, Domain, Role
from indexer.generate.skills import SkillNamer
from indexer.generate.texts import (
    LANGUAGE_NAMES,
    description,
    headline,
    join_list,
    title_in_sentence,
    years_phrase,
)
from indexer.profile.enums import (
    DEFAULT_SANCTION_SCOPE,
    AccountStatus,
    AvailabilityStatus,
    LanguageLevel,
    RemoteMode,
    SanctionKind,
    Seniority,
    SkillLevel,
)
from indexer.profile.model import Profile

#: The moment sample data is generated "as of" unless told otherwise: fixed (not the clock), so
#: a seed always gives the same file. Equal to ``tests.factories.NOW``'s day.
DEFAULT_AS_OF = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)

#: Profiles per chunk: numpy draws are vectorised over a chunk; each chunk has its own seed.
CHUNK_SIZE = 2048

#: Ids are ``fl`` + the profile's 0-based position, zero-padded to 7 digits.
ID_PREFIX = "fl"

_DAY = 86_400.0

_TIERS = ("rich", "normal", "sparse")
_TIER_P = (0.25, 0.55, 0.20)

_SANCTION_KINDS = tuple(SanctionKind)
_SANCTION_P = (0.30, 0.18, 0.12, 0.12, 0.16, 0.12)

_REMOTE = (RemoteMode.REMOTE, RemoteMode.HYBRID, RemoteMode.ONSITE)
_REMOTE_P = (0.38, 0.42, 0.20)

_SECOND_LANGUAGES = ("en", "fr", "de", "es", "it")

#: Roles whose freelancers are mostly of a rare profile type (names as in the eligibility
#: policy's ``extension_months``, ``ranking/defaults/policy.toml``).
RARE_ROLE_TYPES: dict[str, str] = {
    "sap": "sap-consultant",
    "mainframe": "mainframe",
    "actuary": "actuary",
}


@dataclass(frozen=True, slots=True)
class _ChunkDraws:
    """Numeric attributes of one chunk, drawn with numpy in one go (length CHUNK_SIZE)."""

    role: np.ndarray
    city: np.ndarray
    tier: np.ndarray
    years: np.ndarray
    login_days: np.ndarray
    tenure_days: np.ndarray
    new_joiner: np.ndarray
    rate_noise: np.ndarray
    u: np.ndarray  # (CHUNK_SIZE, 26) uniforms for yes/no decisions
    quality: np.ndarray
    answered: np.ndarray
    median_minutes: np.ndarray
    mission_rate: np.ndarray


def _role_probabilities() -> np.ndarray:
    totals: dict[Domain, float] = {}
    for role in ROLES:
        totals[role.domain] = totals.get(role.domain, 0.0) + role.weight
    p = np.array([DOMAIN_WEIGHTS[r.domain] * r.weight / totals[r.domain] for r in ROLES])
    return p / p.sum()


def _draw_chunk(rng: np.random.Generator) -> _ChunkDraws:
    n = CHUNK_SIZE
    city_w = np.array([c.weight for c in CITIES])
    years = np.exp(rng.normal(np.log(6.5), 0.65, n))
    years = np.clip(np.round(years * 2) / 2, 0.5, 40.0)
    # Last login, days before as_of: recent for most, spread over two years for the rest.
    mix = rng.random(n)
    login = np.where(
        mix < 0.45,
        rng.exponential(12.0, n),
        np.where(
            mix < 0.70,
            rng.uniform(0, 180, n),
            np.where(mix < 0.90, rng.uniform(180, 400, n), rng.uniform(400, 730, n)),
        ),
    )
    login = np.clip(login, 0.0, 730.0)
    tenure = np.clip(np.exp(rng.normal(np.log(600), 0.9, n)), 1.0, 3600.0)
    minutes = np.clip(np.exp(rng.normal(np.log(110), 1.1, n)), 2.0, 4320.0)
    return _ChunkDraws(
        role=rng.choice(len(ROLES), n, p=_role_probabilities()),
        city=rng.choice(len(CITIES), n, p=city_w / city_w.sum()),
        tier=rng.choice(3, n, p=_TIER_P),
        years=years,
        login_days=login,
        tenure_days=tenure,
        new_joiner=rng.random(n) < 0.06,
        rate_noise=rng.standard_normal(n),
        u=rng.random((n, 26)),
        quality=np.clip(rng.normal(4.55, 0.3, n), 2.5, 5.0),
        answered=rng.beta(6.0, 1.6, n),
        median_minutes=minutes,
        mission_rate=rng.gamma(2.0, 2.5, n),
    )


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _pick_native(rnd: random.Random, city: City) -> str:
    codes = [c for c, _ in city.languages]
    weights = [w for _, w in city.languages]
    return rnd.choices(codes, weights)[0]


def _language_level(u: float) -> LanguageLevel:
    if u < 0.05:
        return LanguageLevel.BASIC
    if u < 0.25:
        return LanguageLevel.CONVERSATIONAL
    if u < 0.60:
        return LanguageLevel.PROFESSIONAL
    return LanguageLevel.FLUENT


def _poisson(rnd: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth's method; normal approximation above 30)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rnd.gauss(lam, lam**0.5)))
    limit, k, p = math.exp(-lam), 0, rnd.random()
    while p > limit:
        k += 1
        p *= rnd.random()
    return k


def _skill_level(years: float, u: float) -> SkillLevel:
    score = years + 3 * (u - 0.5)
    if score < 1.5:
        return SkillLevel.BEGINNER
    if score < 4:
        return SkillLevel.INTERMEDIATE
    if score < 9:
        return SkillLevel.ADVANCED
    return SkillLevel.EXPERT


class _ChunkBuilder:
    """Builds the profiles of one chunk from its numpy draws and a seeded ``random.Random``."""

    def __init__(self, seed: int, chunk: int, as_of: datetime, namer: SkillNamer) -> None:
        seq = np.random.SeedSequence([seed, chunk, 0x7A1E47])
        self.draws = _draw_chunk(np.random.default_rng(seq))
        self.rnd = random.Random(int(seq.generate_state(1, np.uint64)[0]))
        self.chunk = chunk
        self.as_of = as_of
        self.namer = namer
        d = self.draws
        seniority = [Seniority.from_years(float(y)).value for y in d.years]
        self.seniority = seniority
        self.profile_type = [self._profile_type(i) for i in range(CHUNK_SIZE)]
        currency = [self._currency(i) for i in range(CHUNK_SIZE)]
        self.currency = currency
        self.rates = daily_rates(
            base_eur=np.array([BASE_RATE_EUR[ROLES[r].domain] for r in d.role]),
            seniority=seniority,
            years=d.years,
            city_factor=np.array([CITIES[c].rate_factor for c in d.city]),
            type_factor=np.array([TYPE_FACTOR[t] for t in self.profile_type]),
            per_eur=np.array([PER_EUR[c] for c in currency]),
            noise=d.rate_noise,
        )

    # --- attributes decided from the numpy draws ------------------------------------------
    def _profile_type(self, i: int) -> str:
        """Rare profile types (the ones the eligibility policy extends windows for): most SAP,
        mainframe and actuary freelancers, and senior finance/consulting interim executives."""
        d = self.draws
        role = ROLES[d.role[i]]
        u = d.u[i, 0]
        rare = RARE_ROLE_TYPES.get(role.key)
        if rare is not None and u < 0.85:
            return rare
        if self.seniority[i] == "senior" and (
            role.key in ("cfo", "interim-manager")
            or (role.domain in (Domain.FINANCE, Domain.CONSULTING) and u < 0.12)
        ):
            return "interim-executive"
        return "standard"

    def _currency(self, i: int) -> str:
        city = CITIES[self.draws.city[i]]
        if city.currency != "EUR" and self.draws.u[i, 1] < 0.2:
            return "EUR"  # some Swiss and British freelancers quote in euros
        return city.currency

    # --- one profile ----------------------------------------------------------------------
    def build(self, i: int, index: int) -> Profile:
        d, rnd, as_of = self.draws, self.rnd, self.as_of
        u = d.u[i]
        role: Role = ROLES[d.role[i]]
        domain = role.domain
        city = CITIES[d.city[i]]
        tier = _TIERS[d.tier[i]]
        years = float(d.years[i])
        seniority = self.seniority[i]

        # Who: native language (sometimes an expat), text language, name.
        local = _pick_native(rnd, city)
        native = local
        if u[2] < 0.08:
            native = rnd.choice(
                [c for c in ("fr", "de", "es", "en", "it", "pt", "pl") if c != local]
            )
        text_lang = TEXT_LANGUAGE_OF_NATIVE.get(native, "en")
        if text_lang != "en" and u[3] < TEXT_IN_ENGLISH:
            text_lang = "en"
        name_lang = native if native in FIRST_NAMES else "en"
        name = f"{rnd.choice(FIRST_NAMES[name_lang])} {rnd.choice(LAST_NAMES[name_lang])}"
        languages = self._languages(native, local, text_lang, tier, u)

        # Time line: created_at <= last_login_at <= as_of.
        if d.new_joiner[i]:
            created = as_of - timedelta(days=rnd.uniform(0.5, 45.0))
            last_login = created + (as_of - created) * rnd.random()
        else:
            login_days = float(d.login_days[i])
            if self.profile_type[i] != "standard" and u[24] < 0.2:
                login_days = 365.0 + 180.0 * float(u[25])  # rare profiles come back rarely
            last_login = as_of - timedelta(days=login_days, seconds=rnd.randrange(86_400))
            created = last_login - timedelta(days=float(d.tenure_days[i]))
        created = created.replace(microsecond=0)
        last_login = max(last_login.replace(microsecond=0), created)

        skills = self._skills(role, tier, years, text_lang, u)
        skill_names = [s["name"] for s in skills]
        sectors = self._sectors(domain, u)
        title = role.titles[text_lang]
        style = rnd.randrange(3)
        head = headline(title, seniority if u[4] < 0.8 else None, skill_names, text_lang, style)
        if tier == "sparse" and u[5] < 0.08:
            head = ""
        text_skills = skill_names[: rnd.randint(3, 4)]
        slots = {
            "title": title,
            "title_lc": title_in_sentence(title, text_lang),
            "years": years_phrase(round(years), text_lang),
            "city": city_name(city, text_lang),
            "skills": join_list(text_skills, text_lang),
            "skill1": skill_names[0],
            "skill2": skill_names[1] if len(skill_names) > 1 else skill_names[0],
            "sector": SECTORS[sectors[0]][text_lang],
            "sectors": join_list([SECTORS[s][text_lang] for s in sectors], text_lang),
            "langs": join_list(
                [LANGUAGE_NAMES[text_lang][lang["code"]] for lang in languages]
                or [LANGUAGE_NAMES[text_lang][text_lang]],
                text_lang,
            ),
            "since": str(max(as_of.year - round(years), created.year - 1, 1990)),
        }
        target = {
            "rich": rnd.randint(215, 280),
            "normal": rnd.randint(80, 190),
            "sparse": rnd.randint(40, 75),
        }[tier]
        focus = ROLE_FOCUS[role.key][text_lang] if u[4] < 0.85 or tier == "rich" else None
        text = description(rnd, text_lang, domain, target, slots, focus)

        has_rate = not ((tier == "sparse" and u[6] < 0.3) or u[6] > 0.97)
        rate = float(self.rates[i]) if has_rate else None

        sanctions, account = self._sanctions(created, u)
        if u[7] < 0.02:
            account = AccountStatus.DELETED
        published = not (u[8] < 0.035 or (tier == "sparse" and u[8] < 0.08))

        reviews, recommendations, missions = self._track_record(i, created, tier, sanctions)
        responsiveness = self._responsiveness(i, missions, u)
        super_status = bool(
            reviews["count"] >= 5
            and (reviews["mean_rating"] or 0) >= 4.6
            and (responsiveness["answered_within_24h"] or 0) >= 0.8
            and u[9] < 0.7
        ) and not any(
            s["kind"] == SanctionKind.SUPER_STATUS_LOSS and (s["end"] is None or s["end"] > as_of)
            for s in sanctions
        )

        handle = _ascii(name) or f"user{index}"
        coordinates = self._coordinates(city, rnd)
        no_location = tier == "sparse" and u[5] > 0.85  # never filled in the location fields
        profile: dict[str, Any] = {
            "id": f"{ID_PREFIX}{index:07d}",
            "name": name,
            "headline": head,
            "description": text,
            "text_language": text_lang,
            "skills": skills,
            "categories": [domain.value, role.key],
            "sectors": sectors,
            "languages": languages,
            "city": None if no_location else city.name,
            "country": None if no_location else city.country,
            "coordinates": None if no_location else coordinates,
            "remote": rnd.choices(_REMOTE, _REMOTE_P)[0],
            "daily_rate": rate,
            "currency": self.currency[i],
            "years_experience": years,
            "seniority": seniority if u[10] < 0.9 else None,
            "availability": self._availability(tier, last_login, u),
            "profile_type": self.profile_type[i],
            "has_photo": u[11] < {"rich": 0.98, "normal": 0.8, "sparse": 0.35}[tier],
            "portfolio": self._portfolio(domain, tier, handle, u),
            "certifications": self._certifications(domain, tier, years, u),
            "reviews": reviews,
            "recommendations": recommendations,
            "completed_missions": missions,
            "super_status": super_status,
            "created_at": created,
            "last_login_at": last_login,
            "responsiveness": responsiveness,
            "account_status": account,
            "published": published,
            "sanctions": sanctions,
            "schedule": self._schedule(u),
        }
        return Profile.model_validate(profile)

    # --- parts ----------------------------------------------------------------------------
    def _languages(
        self, native: str, local: str, text_lang: str, tier: str, u: np.ndarray
    ) -> list[dict[str, Any]]:
        if tier == "sparse" and u[12] < 0.3:
            return []
        langs = {native: LanguageLevel.NATIVE}
        if local not in langs:
            langs[local] = _language_level(0.3 + 0.7 * u[13])
        if "en" not in langs:
            langs["en"] = _language_level(u[14])
        if text_lang not in langs:
            langs[text_lang] = LanguageLevel.FLUENT
        if u[15] < 0.3:
            extra = self.rnd.choice([c for c in _SECOND_LANGUAGES if c not in langs] or ["it"])
            if extra not in langs:
                langs[extra] = _language_level(self.rnd.random() * 0.8)
        return [{"code": c, "level": lvl} for c, lvl in langs.items()]

    def _skills(
        self, role: Role, tier: str, years: float, lang: str, u: np.ndarray
    ) -> list[dict[str, Any]]:
        rnd = self.rnd
        low, high = {"rich": (7, 13), "normal": (4, 8), "sparse": (2, 4)}[tier]
        target = rnd.randint(low, high)
        core = list(role.core)
        if len(core) > 2 and u[16] < 0.15:
            core.pop(rnd.randrange(len(core)))
        extra = rnd.sample(role.pool, min(len(role.pool), max(0, target - len(core))))
        chosen = (core + extra)[: max(target, 2)]
        with_details = tier != "sparse" or u[17] < 0.4
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for rank, canonical in enumerate(chosen):
            shown = self.namer.display(canonical, lang, rnd)
            key = self.namer.key(shown)
            if key in seen:
                continue
            seen.add(key)
            skill: dict[str, Any] = {"name": shown}
            if with_details:
                share = 1.0 if rank < 2 else rnd.uniform(0.2, 1.0)
                s_years = max(0.5, round(years * share * 2) / 2)
                skill["years"] = min(s_years, years)
                skill["level"] = _skill_level(skill["years"], rnd.random())
            out.append(skill)
        return out

    def _sectors(self, domain: Domain, u: np.ndarray) -> list[str]:
        k = 1 + int(u[18] * 3)
        pool = list(DOMAIN_SECTORS[domain]) if u[19] < 0.8 else list(SECTORS)
        return self.rnd.sample(pool, min(k, len(pool)))

    @staticmethod
    def _coordinates(city: City, rnd: random.Random) -> dict[str, float]:
        # Somewhere in the metropolitan area (about +-10 km), not everyone on the town hall.
        return {
            "lat": round(city.lat + rnd.uniform(-0.09, 0.09), 5),
            "lon": round(city.lon + rnd.uniform(-0.13, 0.13), 5),
        }

    def _availability(self, tier: str, last_login: datetime, u: np.ndarray) -> dict[str, Any]:
        rnd, as_of = self.rnd, self.as_of
        today: date = as_of.date()
        x = u[20]
        if x < 0.5:
            status = AvailabilityStatus.AVAILABLE
            available_from = (
                None if rnd.random() < 0.6 else today - timedelta(days=rnd.randint(0, 30))
            )
        elif x < 0.7:
            status = AvailabilityStatus.PARTIALLY_AVAILABLE
            available_from = (
                None if rnd.random() < 0.5 else today + timedelta(days=rnd.randint(0, 30))
            )
        else:
            status = AvailabilityStatus.UNAVAILABLE
            available_from = today + timedelta(days=rnd.randint(7, 180))
        if tier == "sparse" and rnd.random() < 0.6:
            confirmed = None
        elif (tier == "rich" and (as_of - last_login).days <= 7) or (
            (as_of - last_login).days <= 30 and rnd.random() < 0.65
        ):
            confirmed = last_login  # confirmed at the last visit
        else:
            confirmed = last_login - timedelta(days=rnd.uniform(0, 60))
            confirmed = confirmed.replace(microsecond=0)
        return {"status": status, "available_from": available_from, "confirmed_at": confirmed}

    def _portfolio(
        self, domain: Domain, tier: str, handle: str, u: np.ndarray
    ) -> list[dict[str, Any]]:
        visual = domain in (Domain.DESIGN, Domain.MARKETING)
        hi = {"rich": 6 if visual else 4, "normal": 3 if visual else 2, "sparse": 0}[tier]
        lo = 1 if tier == "rich" else 0
        n = self.rnd.randint(lo, hi)
        titles = self.rnd.sample(PORTFOLIO_TITLES[domain], min(n, len(PORTFOLIO_TITLES[domain])))
        host = {
            Domain.DESIGN: f"https://www.behance.net/{handle}",
            Domain.SOFTWARE: f"https://github.com/{handle}",
        }.get(domain, f"https://{handle}.example.com/cases")
        items = []
        for k, title in enumerate(titles):
            item: dict[str, Any] = {"title": title}
            if u[21] < 0.7:
                item["url"] = (
                    f"{host}/{k + 1}" if domain != Domain.SOFTWARE else f"{host}/project-{k + 1}"
                )
            items.append(item)
        return items

    def _certifications(
        self, domain: Domain, tier: str, years: float, u: np.ndarray
    ) -> list[dict[str, Any]]:
        p = {"rich": 0.6, "normal": 0.25, "sparse": 0.03}[tier]
        if u[22] >= p:
            return []
        pool = CERTIFICATIONS[domain]
        n = self.rnd.randint(1, 3 if tier == "rich" else 1)
        first_year = self.as_of.year - max(1, round(years))
        return [
            {"name": name, "issuer": issuer, "year": self.rnd.randint(first_year, self.as_of.year)}
            for name, issuer in self.rnd.sample(pool, min(n, len(pool)))
        ]

    def _track_record(
        self, i: int, created: datetime, tier: str, sanctions: list[dict[str, Any]]
    ) -> tuple[dict[str, Any], int, int]:
        rnd, d = self.rnd, self.draws
        tenure_years = max(0.0, (self.as_of - created).total_seconds() / (365.25 * _DAY))
        lam = tenure_years * float(d.mission_rate[i]) * (0.4 if tier == "sparse" else 1.0)
        missions = _poisson(rnd, lam)
        count = round(missions * rnd.uniform(0.45, 0.85))
        mean: float | None = None
        if missions > 0 and count == 0 and rnd.random() < 0.25:
            count = 1
        if count == 1:
            mean = rnd.choices((5.0, 4.5, 4.0, 3.0), (0.55, 0.2, 0.17, 0.08))[0]
        elif count > 1:
            noise = rnd.gauss(0, 0.5 / count**0.5)
            mean = round(min(5.0, max(1.0, float(d.quality[i]) + noise)), 2)
        removed = any(s["kind"] == SanctionKind.REVIEWS_REMOVAL for s in sanctions)
        if removed:
            count, mean = 0, None
        recommendations = 0 if removed else int(rnd.random() * (1 + missions**0.5) * 1.5)
        return {"count": count, "mean_rating": mean}, recommendations, missions

    def _responsiveness(self, i: int, missions: int, u: np.ndarray) -> dict[str, Any]:
        d = self.draws
        if missions == 0 and u[23] < 0.5:
            return {"answered_within_24h": None, "median_first_response_minutes": None}
        answered = round(float(d.answered[i]), 2)
        minutes = float(d.median_minutes[i]) * (1.6 - answered)
        return {
            "answered_within_24h": answered,
            "median_first_response_minutes": round(max(1.0, minutes)),
        }

    def _sanctions(
        self, created: datetime, u: np.ndarray
    ) -> tuple[list[dict[str, Any]], AccountStatus]:
        rnd, as_of = self.rnd, self.as_of
        if rnd.random() >= 0.07:
            return [], AccountStatus.ACTIVE
        account = AccountStatus.ACTIVE
        kinds = [rnd.choices(_SANCTION_KINDS, _SANCTION_P)[0]]
        if rnd.random() < 0.15 and kinds[0] != SanctionKind.WARNING:
            kinds.insert(0, SanctionKind.WARNING)
        out = []
        for kind in kinds:
            x = rnd.random()
            if kind == SanctionKind.PERMANENT_SUSPENSION or (
                kind != SanctionKind.TEMPORARY_SUSPENSION and x < 0.2
            ):
                start = as_of - timedelta(days=rnd.uniform(1, 500))
                end = None
                if kind == SanctionKind.PERMANENT_SUSPENSION and rnd.random() < 0.5:
                    account = AccountStatus.SUSPENDED
            elif x < 0.6:  # in force at as_of
                start = as_of - timedelta(days=rnd.uniform(1, 90))
                end = as_of + timedelta(days=rnd.uniform(1, 120))
            else:  # over by as_of
                start = as_of - timedelta(days=rnd.uniform(60, 500))
                end = start + timedelta(days=rnd.uniform(7, 55))
            start = max(start, created + timedelta(hours=1)).replace(microsecond=0)
            if end is not None:
                end = max(end.replace(microsecond=0), start + timedelta(days=1))
            sanction: dict[str, Any] = {
                "kind": kind,
                "start": start,
                "end": end,
                "reason": rnd.choice(SANCTION_REASONS[kind]),
            }
            if rnd.random() < 0.2:
                sanction["scope"] = DEFAULT_SANCTION_SCOPE[kind]
            out.append(sanction)
        return out, account

    def _schedule(self, u: np.ndarray) -> dict[str, Any]:
        rnd, as_of = self.rnd, self.as_of
        no_weekends = rnd.random() < 0.12
        away = []
        if rnd.random() < 0.06:
            for _ in range(1 if rnd.random() < 0.8 else 2):
                x = rnd.random()
                if x < 0.5:  # away right now
                    start = as_of - timedelta(days=rnd.uniform(0, 10))
                    end = as_of + timedelta(days=rnd.uniform(1, 21))
                elif x < 0.8:  # planned
                    start = as_of + timedelta(days=rnd.uniform(3, 60))
                    end = start + timedelta(days=rnd.uniform(5, 30))
                else:  # already back
                    end = as_of - timedelta(days=rnd.uniform(1, 40))
                    start = end - timedelta(days=rnd.uniform(5, 30))
                away.append(
                    {"start": start.replace(microsecond=0), "end": end.replace(microsecond=0)}
                )
            away.sort(key=lambda p: p["start"])
        return {"no_weekends": no_weekends, "away": away}


def generate_profiles(
    count: int, *, seed: int = 0, as_of: datetime | None = None
) -> Iterator[Profile]:
    """Yield ``count`` realistic, valid profiles, deterministic for ``(seed, as_of)``.

    ``as_of`` (default :data:`DEFAULT_AS_OF`, never the clock) is the "now" of the data: last
    logins, sanctions and away periods are placed around it. Ids are ``fl0000000``,
    ``fl0000001``... so runs of different sizes agree on their common prefix.
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise InvalidInputError(
            [Problem("count", f"must be a non-negative integer (got {count!r})")]
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidInputError([Problem("seed", f"must be a non-negative integer (got {seed!r})")])
    moment = DEFAULT_AS_OF if as_of is None else as_of
    if moment.tzinfo is None:
        raise InvalidInputError([Problem("as_of", "must carry a time zone")])
    moment = moment.astimezone(UTC)
    namer = SkillNamer.default()
    for chunk_start in range(0, count, CHUNK_SIZE):
        builder = _ChunkBuilder(seed, chunk_start // CHUNK_SIZE, moment, namer)
        for i in range(min(CHUNK_SIZE, count - chunk_start)):
            yield builder.build(i, chunk_start + i)
