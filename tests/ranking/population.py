"""A seeded population of profiles that exercises every eligibility rule, and index helpers."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path

from indexer.backends.embedded import EmbeddedBackend
from indexer.embedding.hashing import HashingEmbedder
from indexer.embedding.protocol import Embedder
from indexer.pipeline import Indexer
from indexer.profile import Profile, normalise_skill
from indexer.settings import IndexerSettings
from tests.factories import NOW, make_profile

SKILLS = [
    "Java",
    "Kotlin",
    "Scala",
    "Python",
    "Django",
    "React",
    "TypeScript",
    "SQL",
    "Excel",
    "Figma",
    "SEO",
    "SAP",
    "COBOL",
    "Docker",
    "Kubernetes",
    "Go",
]
TITLES = [
    "Java backend developer",
    "Python data engineer",
    "Frontend developer React",
    "UX designer",
    "SEO consultant",
    "SAP consultant",
    "Mainframe COBOL engineer",
    "DevOps engineer Kubernetes",
    "Financial controller Excel",
]
TYPES = ["standard", "standard", "standard", "sap-consultant", "mainframe", "designer"]
CITIES = [
    ("Berlin", "DE", 52.52, 13.405),
    ("Paris", "FR", 48.857, 2.352),
    ("Madrid", "ES", 40.417, -3.704),
    ("Munich", "DE", 48.137, 11.575),
    ("Lyon", "FR", 45.764, 4.835),
]
SANCTIONS = [
    "warning",
    "curated_exclusion",
    "reviews_removal",
    "super_status_loss",
    "temporary_suspension",
    "permanent_suspension",
]


def population(n: int, seed: int = 7) -> list[Profile]:
    """``n`` varied profiles around ``NOW`` (seeded: the same every run)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        created = NOW - timedelta(days=rng.uniform(0, 900))
        login = created + (NOW + timedelta(days=120) - created) * rng.random()
        city, country, lat, lon = rng.choice(CITIES)
        skills = rng.sample(SKILLS, rng.randint(1, 5))
        sanctions = []
        if rng.random() < 0.25:
            start = NOW + timedelta(days=rng.uniform(-400, 100))
            end = None if rng.random() < 0.3 else start + timedelta(days=rng.uniform(1, 200))
            s = {"kind": rng.choice(SANCTIONS), "start": start.isoformat()}
            if end:
                s["end"] = end.isoformat()
            sanctions.append(s)
        away = []
        if rng.random() < 0.2:
            start = NOW + timedelta(days=rng.uniform(-300, 100))
            away.append(
                {
                    "start": start.isoformat(),
                    "end": (start + timedelta(days=rng.uniform(1, 60))).isoformat(),
                }
            )
        reviews = rng.randint(0, 60)
        out.append(
            make_profile(
                f"p{i:04d}",
                headline=rng.choice(TITLES),
                description=f"I work with {', '.join(skills)} for clients in {city}.",
                skills=[{"name": s, "years": rng.randint(1, 15)} for s in skills],
                languages=[
                    {
                        "code": c,
                        "level": rng.choice(["conversational", "professional", "fluent", "native"]),
                    }
                    for c in rng.sample(["en", "de", "fr", "es"], rng.randint(1, 3))
                ],
                city=city,
                country=country,
                coordinates={"lat": lat, "lon": lon},
                remote=rng.choice(["remote", "onsite", "hybrid"]),
                daily_rate=rng.randint(250, 1200),
                currency=rng.choice(["EUR", "EUR", "EUR", "GBP", "CHF"]),
                years_experience=rng.randint(0, 25),
                profile_type=rng.choice(TYPES),
                reviews={
                    "count": reviews,
                    "mean_rating": round(rng.uniform(3, 5), 2) if reviews else None,
                },
                recommendations=rng.randint(0, 10),
                super_status=rng.random() < 0.1,
                created_at=created.isoformat(),
                last_login_at=login.isoformat(),
                responsiveness={
                    "answered_within_24h": rng.random(),
                    "median_first_response_minutes": rng.uniform(5, 3000),
                },
                account_status=rng.choices(["active", "suspended", "deleted"], [0.9, 0.05, 0.05])[
                    0
                ],
                published=rng.random() < 0.92,
                sanctions=sanctions,
                schedule={"no_weekends": rng.random() < 0.2, "away": away},
                availability={
                    "status": rng.choice(["available", "partially_available", "unavailable"]),
                    "confirmed_at": (NOW - timedelta(days=rng.uniform(0, 90))).isoformat(),
                },
            )
        )
    return out


def build_index(
    path: Path, profiles: Iterable[Profile], embedder: Embedder | None = None
) -> EmbeddedBackend:
    """A real embedded index in ``path`` holding ``profiles`` (completeness as of ``NOW``)."""
    emb = embedder or HashingEmbedder(32)
    backend = EmbeddedBackend.open(path / "index", emb.dimension)
    settings = IndexerSettings(data_dir=path)
    with Indexer(backend, emb, settings, use_cache=False) as idx:
        idx.index_profiles(profiles, as_of=NOW, progress=False)
    return backend


class TinyVocabulary:
    """A small skill vocabulary for tests where the real one's contents do not matter."""

    SYNONYMS: Mapping[str, str] = {"golang": "go", "k8s": "kubernetes", "js": "javascript"}
    RELATED: Mapping[str, Mapping[str, float]] = {
        "java": {"kotlin": 0.7, "scala": 0.5},
        "kotlin": {"java": 0.7},
        "scala": {"java": 0.5},
        "django": {"python": 0.6},
        "python": {"django": 0.6},
    }

    def canonical(self, name: str) -> str:
        key = normalise_skill(name)
        return self.SYNONYMS.get(key, key)

    def related(self, key: str) -> Mapping[str, float]:
        return self.RELATED.get(key, {})
