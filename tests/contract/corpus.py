"""A seeded, deliberately varied set of profiles for the backend contract suite.

Every filterable field takes several values (including missing ones, odd casing and white
space, open-ended and expired intervals), texts come in all four analysed languages, and the
profile texts stay short so that BM25 document lengths are exact in every engine (Lucene
stores lengths below 24 tokens exactly).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from indexer.profile import Profile
from tests.factories import NOW, make_profile

CORPUS_SIZE = 300
SEED = 20261101

SKILLS = [
    "Python", "Django", "FastAPI", "PostgreSQL", "Docker", "Kubernetes", "React", "TypeScript",
    "Figma", "SEO", "Google Ads", "SAP FI", "C++", "C#", "Node.JS", "Data Engineering",
]
CATEGORIES = ["software", "data", "design", "marketing", "finance", "consulting"]
SECTORS = ["banking", "retail", "health-care", "public_sector", "energy"]
PROFILE_TYPES = ["standard", "agency", "new-talent"]
CITIES = [  # (city as typed, country, lat, lon)
    ("Berlin", "DE", 52.52, 13.405),
    (" berlin ", "DE", 52.50, 13.40),
    ("München", "DE", 48.137, 11.575),
    ("Paris", "FR", 48.857, 2.352),
    ("Lyon", "FR", 45.764, 4.836),
    ("Madrid", "ES", 40.417, -3.704),
    ("Barcelona", "ES", 41.387, 2.170),
    ("London", "GB", 51.507, -0.128),
]
TEXTS: dict[str, tuple[list[str], list[str]]] = {
    "en": (
        ["Python developer", "Data engineer", "Graphic designer", "Marketing consultant",
         "Financial controller", "Backend developers"],
        ["I build data pipelines and APIs", "Designing brands and logos for startups",
         "Running campaigns and analysing results", "Controlling budgets for banks",
         "Developing services with clean code"],
    ),
    "de": (
        ["Python Entwickler", "Dateningenieur", "Grafikdesignerin", "Marketingberater",
         "Finanzcontroller", "Softwareentwicklerin"],
        ["Ich entwickle Datenpipelines für Banken", "Gestaltung von Marken und Logos",
         "Kampagnen planen und auswerten", "Budgets kontrollieren und berichten",
         "Entwicklung sauberer Software"],
    ),
    "fr": (
        ["Développeur Python", "Ingénieur données", "Graphiste", "Consultante marketing",
         "Contrôleur financier"],
        ["Je développe des services web", "Création de marques et de logos",
         "Gestion des campagnes publicitaires", "Contrôle des budgets bancaires"],
    ),
    "es": (
        ["Desarrollador Python", "Ingeniero de datos", "Diseñadora gráfica",
         "Consultor de marketing", "Controlador financiero"],
        ["Desarrollo servicios web con Python", "Diseño de marcas y logotipos",
         "Gestión de campañas digitales", "Control de presupuestos bancarios"],
    ),
}
LANG_LEVELS = ["basic", "conversational", "professional", "fluent", "native"]
SANCTION_KINDS = [
    "warning", "curated_exclusion", "reviews_removal", "super_status_loss",
    "temporary_suspension", "permanent_suspension",
]


def _profile(i: int, rng: random.Random) -> Profile:
    pid = f"c{i:03d}"
    lang = rng.choice(list(TEXTS))
    headlines, descriptions = TEXTS[lang]
    over: dict[str, Any] = {
        "text_language": lang,
        "headline": rng.choice(headlines),
        "description": rng.choice(descriptions) if rng.random() < 0.9 else "",
        "skills": [
            {"name": s if rng.random() < 0.7 else s.upper()}
            for s in rng.sample(SKILLS, rng.randint(0, 4))
        ],
        "categories": rng.sample(CATEGORIES, rng.randint(0, 2)),
        "sectors": rng.sample(SECTORS, rng.randint(0, 2)),
        "languages": [
            {"code": c, "level": rng.choice(LANG_LEVELS)}
            for c in rng.sample(["en", "de", "fr", "es", "it"], rng.randint(0, 3))
        ],
        "remote": rng.choice(["remote", "onsite", "hybrid"]),
        "currency": rng.choice(["EUR", "EUR", "GBP", "CHF"]),
        "years_experience": rng.choice([0, 1, 2.5, 3, 5, 7.9, 8, 12, 25]),
        "profile_type": rng.choice(PROFILE_TYPES),
        "account_status": rng.choices(["active", "suspended", "deleted"], [8, 1, 1])[0],
        "published": rng.random() < 0.85,
        "super_status": rng.random() < 0.2,
    }
    if rng.random() < 0.85:
        city, country, lat, lon = rng.choice(CITIES)
        over.update(city=city, country=country)
        over["coordinates"] = (
            {"lat": lat + rng.uniform(-0.3, 0.3), "lon": lon + rng.uniform(-0.3, 0.3)}
            if rng.random() < 0.9 else None
        )
    else:
        over.update(city=None, country=None, coordinates=None)
    over["daily_rate"] = rng.choice([None, 250, 400, 500, 650.5, 800, 1200])
    if rng.random() < 0.3:
        over["seniority"] = rng.choice(["junior", "mid", "senior"])
    created = NOW - timedelta(days=rng.randint(30, 1500))
    over["created_at"] = created.isoformat()
    over["last_login_at"] = min(NOW, created + timedelta(days=rng.randint(0, 800))).isoformat()
    avail: dict[str, Any] = {
        "status": rng.choice(["available", "partially_available", "unavailable"])
    }
    if rng.random() < 0.5:
        avail["available_from"] = (NOW.date() + timedelta(days=rng.randint(-60, 120))).isoformat()
    over["availability"] = avail
    sanctions = []
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        start = NOW - timedelta(days=rng.randint(-30, 400))
        end = None if rng.random() < 0.3 else start + timedelta(days=rng.randint(1, 200))
        s: dict[str, Any] = {"kind": rng.choice(SANCTION_KINDS), "start": start.isoformat()}
        if end is not None:
            s["end"] = end.isoformat()
        if rng.random() < 0.3:
            s["scope"] = rng.choice(["none", "curated", "all"])
        sanctions.append(s)
    over["sanctions"] = sanctions
    away = []
    if rng.random() < 0.3:
        start = NOW - timedelta(days=rng.randint(-20, 20))
        away.append({"start": start.isoformat(), "end": (start + timedelta(days=rng.randint(1, 30))).isoformat()})
    over["schedule"] = {"no_weekends": rng.random() < 0.3, "away": away}
    return make_profile(pid, **over)


def corpus_profiles(n: int = CORPUS_SIZE, seed: int = SEED) -> list[Profile]:
    """``n`` varied, valid profiles, the same for the same seed."""
    rng = random.Random(seed)
    return [_profile(i, rng) for i in range(n)]
