"""The seeded profile generator: realistic, reproducible freelancer profiles at any size.

``generate_profiles(count, seed=..., as_of=...)`` yields validated :class:`Profile` objects.
Profiles are produced in fixed-size chunks; chunk ``k`` draws from its own generators seeded
with ``(seed, k)``, so the output is a pure function of ``(seed, as_of)`` and the first ``n``
profiles of a larger run equal a run of ``n`` (``generate_profiles(10)`` is a prefix of
``generate_profiles(1000)``). Numeric attributes are drawn with numpy for a whole chunk at a
time (:mod:`indexer.generate.draws`); choices among words and templates use a seeded
:class:`random.Random` per chunk.

What the population looks like (shares are approximate):

* domains software 34 %, data 16 %, design 13 %, marketing 14 %, finance 10 %, consulting 13 %,
  each with real job titles and skill sets (:mod:`indexer.generate.roles`);
* ~50 European cities weighted by market size (:mod:`indexer.generate.cities`); text in the
  freelancer's language (de/fr/es) or in English (18 % of de/fr/es natives, and everyone else);
* last login over two years before ``as_of``, skewed recent; 6 % joined in the last 45 days;
* profile types (:data:`RARE_ROLE_TYPES`, ``interim-executive``): standard ~96 %, the rare
  ones log in less often (a fifth of them last came 12-18 months ago);
* 7 % sanctioned (every kind, expired, active and permanent), 2 % deleted, 3.5 % unpublished,
  6 % with away periods around ``as_of``, 12 % not working on weekends
  (:mod:`indexer.generate.activity`);
* completeness tiers: rich 25 % (200+ words, >= 7 skills, photo, portfolio), normal 55 %,
  sparse 20 % (short text, few skills, often no photo, rate or location);
* reviews, missions, responsiveness and "super" status (:mod:`indexer.generate.reputation`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import numpy as np

from indexer.errors import InvalidInputError, Problem
from indexer.generate import activity, profile_parts, reputation
from indexer.generate.cities import (
    CITIES,
    TEXT_IN_ENGLISH,
    TEXT_LANGUAGE_OF_NATIVE,
    City,
    city_name,
)
from indexer.generate.draws import CHUNK_SIZE, TIERS, UNIFORM_COLUMNS, draw_chunk
from indexer.generate.focus import ROLE_FOCUS
from indexer.generate.names import FIRST_NAMES, LAST_NAMES
from indexer.generate.rates import BASE_RATE_EUR, PER_EUR, TYPE_FACTOR, daily_rates
from indexer.generate.roles import ROLES, SECTORS, Domain, Role
from indexer.generate.skills import SkillNamer
from indexer.generate.texts import (
    LANGUAGE_NAMES,
    description,
    headline,
    join_list,
    title_in_sentence,
    years_phrase,
)
from indexer.profile.enums import AccountStatus, RemoteMode, Seniority
from indexer.profile.model import Profile

#: The moment sample data is generated "as of" unless told otherwise: fixed (not the clock), so
#: a seed always gives the same file. Equal to ``tests.factories.NOW``'s day.
DEFAULT_AS_OF = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)

#: Ids are ``fl`` + the profile's 0-based position, zero-padded to 7 digits.
ID_PREFIX = "fl"

#: Roles whose freelancers are mostly of a rare profile type (names as in the eligibility
#: policy's ``extension_months``, ``ranking/defaults/policy.toml``).
RARE_ROLE_TYPES: dict[str, str] = {
    "sap": "sap-consultant",
    "mainframe": "mainframe",
    "actuary": "actuary",
}

_REMOTE = (RemoteMode.REMOTE, RemoteMode.HYBRID, RemoteMode.ONSITE)
_REMOTE_P = (0.38, 0.42, 0.20)

# Columns of ChunkDraws.u, one per independent decision.
(
    U_TYPE, U_CURRENCY, U_EXPAT, U_TEXT_EN, U_SENIORITY_SHOWN, U_HEADLINE, U_RATE, U_DELETED,
    U_PUBLISHED, U_SUPER, U_SENIORITY_SET, U_PHOTO, U_NO_LANGUAGES, U_LOCAL_LEVEL,
    U_ENGLISH_LEVEL, U_EXTRA_LANGUAGE, U_DROP_CORE, U_SKILL_DETAILS, U_SECTOR_COUNT,
    U_SECTOR_POOL, U_AVAILABILITY, U_PORTFOLIO_URLS, U_CERTIFICATIONS, U_NO_REQUESTS,
    U_RARE_LOGIN, U_RARE_LOGIN_DAYS,
) = range(UNIFORM_COLUMNS)  # fmt: skip


class _ChunkBuilder:
    """Builds the profiles of one chunk from its numpy draws and a seeded ``random.Random``."""

    def __init__(self, seed: int, chunk: int, as_of: datetime, namer: SkillNamer) -> None:
        seq = np.random.SeedSequence([seed, chunk, 0x7A1E47])
        self.draws = draw_chunk(np.random.default_rng(seq))
        self.rnd = random.Random(int(seq.generate_state(1, np.uint64)[0]))
        self.as_of = as_of
        self.namer = namer
        d = self.draws
        self.seniority = [Seniority.from_years(float(y)).value for y in d.years]
        self.profile_type = [self._profile_type(i) for i in range(CHUNK_SIZE)]
        self.currency = [self._currency(i) for i in range(CHUNK_SIZE)]
        self.rates = daily_rates(
            base_eur=np.array([BASE_RATE_EUR[ROLES[r].domain] for r in d.role]),
            seniority=self.seniority,
            years=d.years,
            city_factor=np.array([CITIES[c].rate_factor for c in d.city]),
            type_factor=np.array([TYPE_FACTOR[t] for t in self.profile_type]),
            per_eur=np.array([PER_EUR[c] for c in self.currency]),
            noise=d.rate_noise,
        )

    def _profile_type(self, i: int) -> str:
        """Rare profile types (the ones the eligibility policy extends windows for): most SAP,
        mainframe and actuary freelancers, and senior finance/consulting interim executives."""
        role = ROLES[self.draws.role[i]]
        u = self.draws.u[i, U_TYPE]
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
        if city.currency != "EUR" and self.draws.u[i, U_CURRENCY] < 0.2:
            return "EUR"  # some Swiss and British freelancers quote in euros
        return city.currency

    def build(self, i: int, index: int) -> Profile:
        """Profile ``i`` of the chunk (profiles must be built in order: they share ``rnd``)."""
        d, rnd, as_of = self.draws, self.rnd, self.as_of
        u = d.u[i]
        role: Role = ROLES[d.role[i]]
        domain = role.domain
        city = CITIES[d.city[i]]
        tier = TIERS[d.tier[i]]
        years = float(d.years[i])
        seniority = self.seniority[i]

        # Who: native language (sometimes an expat), text language, name.
        native, local = profile_parts.native_language(rnd, city, u[U_EXPAT])
        text_lang = TEXT_LANGUAGE_OF_NATIVE.get(native, "en")
        if text_lang != "en" and u[U_TEXT_EN] < TEXT_IN_ENGLISH:
            text_lang = "en"
        name_lang = native if native in FIRST_NAMES else "en"
        name = f"{rnd.choice(FIRST_NAMES[name_lang])} {rnd.choice(LAST_NAMES[name_lang])}"
        languages = profile_parts.languages(
            rnd,
            native,
            local,
            text_lang,
            omitted=tier == "sparse" and u[U_NO_LANGUAGES] < 0.3,
            u_local=u[U_LOCAL_LEVEL],
            u_english=u[U_ENGLISH_LEVEL],
            u_extra=u[U_EXTRA_LANGUAGE],
        )

        login_days = float(d.login_days[i])
        if self.profile_type[i] != "standard" and u[U_RARE_LOGIN] < 0.2:
            login_days = 365.0 + 180.0 * float(u[U_RARE_LOGIN_DAYS])  # rare profiles: rarely
        created, last_login = activity.timeline(
            rnd,
            as_of,
            new_joiner=bool(d.new_joiner[i]),
            login_days=login_days,
            tenure_days=float(d.tenure_days[i]),
        )

        # What they show: skills, sectors, headline, description.
        skills = profile_parts.skills(
            rnd,
            self.namer,
            role,
            tier,
            years,
            text_lang,
            u_drop_core=u[U_DROP_CORE],
            u_details=u[U_SKILL_DETAILS],
        )
        skill_names = [s["name"] for s in skills]
        sectors = profile_parts.sectors(rnd, domain, u[U_SECTOR_COUNT], u[U_SECTOR_POOL])
        title = role.titles[text_lang]
        style = rnd.randrange(3)
        shown_seniority = seniority if u[U_SENIORITY_SHOWN] < 0.8 else None
        head = headline(title, shown_seniority, skill_names, text_lang, style)
        if tier == "sparse" and u[U_HEADLINE] < 0.08:
            head = ""
        text = self._description(
            rnd, role, tier, years, text_lang, city, skill_names, sectors, languages, created, u
        )

        has_rate = not ((tier == "sparse" and u[U_RATE] < 0.3) or u[U_RATE] > 0.97)
        sanctions, account = activity.sanctions(rnd, as_of, created)
        if u[U_DELETED] < 0.02:
            account = AccountStatus.DELETED
        published = not (u[U_PUBLISHED] < 0.035 or (tier == "sparse" and u[U_PUBLISHED] < 0.08))

        reviews, recommendations, missions = reputation.track_record(
            rnd,
            as_of,
            created,
            sparse=tier == "sparse",
            mission_rate=float(d.mission_rate[i]),
            quality=float(d.quality[i]),
            sanctions=sanctions,
        )
        responsiveness = reputation.responsiveness(
            missions, u[U_NO_REQUESTS] < 0.5, float(d.answered[i]), float(d.median_minutes[i])
        )
        is_super = reputation.super_status(
            reviews, responsiveness, sanctions, as_of, lucky=u[U_SUPER] < 0.7
        )

        user = profile_parts.handle(name) or f"user{index}"
        coordinates = profile_parts.coordinates(rnd, city)
        no_location = tier == "sparse" and u[U_HEADLINE] > 0.85  # never filled in the location
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
            "daily_rate": float(self.rates[i]) if has_rate else None,
            "currency": self.currency[i],
            "years_experience": years,
            "seniority": seniority if u[U_SENIORITY_SET] < 0.9 else None,
            "availability": activity.availability(rnd, as_of, tier, last_login, u[U_AVAILABILITY]),
            "profile_type": self.profile_type[i],
            "has_photo": u[U_PHOTO] < {"rich": 0.98, "normal": 0.8, "sparse": 0.35}[tier],
            "portfolio": profile_parts.portfolio(rnd, domain, tier, user, u[U_PORTFOLIO_URLS]),
            "certifications": profile_parts.certifications(
                rnd, domain, tier, years, as_of.year, u[U_CERTIFICATIONS]
            ),
            "reviews": reviews,
            "recommendations": recommendations,
            "completed_missions": missions,
            "super_status": is_super,
            "created_at": created,
            "last_login_at": last_login,
            "responsiveness": responsiveness,
            "account_status": account,
            "published": published,
            "sanctions": sanctions,
            "schedule": activity.schedule(rnd, as_of),
        }
        return Profile.model_validate(profile)

    def _description(
        self,
        rnd: random.Random,
        role: Role,
        tier: str,
        years: float,
        text_lang: str,
        city: City,
        skill_names: list[str],
        sectors: list[str],
        languages: list[dict[str, Any]],
        created: datetime,
        u: np.ndarray,
    ) -> str:
        """The description in ``text_lang``: its slots filled from the profile, its length
        from the completeness tier (rich 215-280 words, normal 80-190, sparse 40-75)."""
        title = role.titles[text_lang]
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
            "since": str(max(self.as_of.year - round(years), created.year - 1, 1990)),
        }
        target = {
            "rich": rnd.randint(215, 280),
            "normal": rnd.randint(80, 190),
            "sparse": rnd.randint(40, 75),
        }[tier]
        shows_focus = u[U_SENIORITY_SHOWN] < 0.85 or tier == "rich"
        focus = ROLE_FOCUS[role.key][text_lang] if shows_focus else None
        return description(rnd, text_lang, role.domain, target, slots, focus)


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
