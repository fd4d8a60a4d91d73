"""Hand-made profiles on the rarer paths, shared by the tests that compare a fast batch form
with its per-profile reference (the embedded encoder, the batch filter values)."""

from __future__ import annotations

from datetime import timedelta

from indexer.profile.enums import (
    AccountStatus,
    AvailabilityStatus,
    LanguageLevel,
    RemoteMode,
    SanctionKind,
    SanctionScope,
    Seniority,
    TextLanguage,
)
from indexer.profile.model import Profile
from tests.factories import NOW, make_profile


def edge_profiles() -> list[Profile]:
    """Profiles on the rarer paths: every sanction kind and scope, away periods, an
    unpublished super profile, no coordinates, text, skills, languages or rate, odd city and
    skill names (padding, a NUL, a tab), non-ASCII and punctuation-heavy text, and one profile
    per value of each closed set (account status, remote mode, seniority, availability, text
    language, language level), plus the seniority boundaries of the years of experience."""
    start = NOW - timedelta(days=3)
    out = [
        make_profile(
            "sanctioned",
            sanctions=[
                {"kind": "permanent_suspension", "start": start.isoformat()},
                {"kind": "warning", "scope": "curated", "start": start.isoformat(), "end": NOW.isoformat()},
                *({"kind": k.value, "start": start.isoformat()} for k in SanctionKind),
                *(
                    {"kind": "warning", "scope": s.value, "start": start.isoformat()}
                    for s in SanctionScope
                ),
            ],
            schedule={
                "no_weekends": True,
                "away": [
                    {"start": start.isoformat(), "end": NOW.isoformat()},
                    {"start": NOW.isoformat(), "end": (NOW + timedelta(days=9)).isoformat()},
                ],
            },
            published=False,
            super_status=True,
        ),
        make_profile(
            "bare",
            coordinates=None,
            city=None,
            country=None,
            headline="",
            description="",
            skills=[],
            languages=[],
            daily_rate=None,
        ),
        make_profile(
            "unicode-text",
            text_language="de",
            headline="Straße–Bau · C++/C# «Größe» l’équipe…",
            description="Ünïcödé\u00a0text\u2003with\u3000spaces, ½ ² ¹ and émojis 🚀 e_mail",
        ),
        make_profile("blank-city", city="", categories=["data", "web-dev"], sectors=["finance"]),
        make_profile(
            "odd-city",
            city="  Köln\0 ",
            skills=[{"name": "  Node.JS  "}, {"name": "C++"}, {"name": "Straße\tBau"}],
        ),
        make_profile(
            "available-later",
            availability={"status": "partially_available", "available_from": "2027-01-15"},
            seniority="senior",
            years_experience=1,
            profile_type="expert",
            currency="CHF",
        ),
    ]
    out += [make_profile(f"years-{y}", years_experience=y) for y in (0, 2.99, 3, 7.99, 8, 60)]
    out += [make_profile(f"acct-{a.value}", account_status=a.value) for a in AccountStatus]
    out += [make_profile(f"remote-{r.value}", remote=r.value) for r in RemoteMode]
    out += [make_profile(f"sen-{s.value}", seniority=s.value) for s in Seniority]
    out += [
        make_profile(f"avail-{a.value}", availability={"status": a.value}) for a in AvailabilityStatus
    ]
    out += [make_profile(f"text-{t.value}", text_language=t.value) for t in TextLanguage]
    out += [
        make_profile(
            f"lang-{lvl.value}",
            languages=[{"code": c, "level": lvl.value} for c in ("en", "de", "zz")],
        )
        for lvl in LanguageLevel
    ]
    return out
