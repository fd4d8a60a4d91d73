"""Seeded, realistic freelancer profile texts (~60-120 words) in English, German, French and
Spanish, for tests and benchmarks that need real language rather than random tokens."""

from __future__ import annotations

import random

ROLES: list[tuple[str, list[str]]] = [
    (
        "Senior Python developer",
        ["Python", "Django", "FastAPI", "PostgreSQL", "Docker", "AWS", "Celery", "Redis"],
    ),
    (
        "Data engineer",
        ["Spark", "Airflow", "dbt", "Snowflake", "Kafka", "Python", "SQL", "Terraform"],
    ),
    (
        "Data scientist",
        ["Python", "scikit-learn", "PyTorch", "forecasting", "statistics", "SQL", "MLOps"],
    ),
    (
        "Frontend developer",
        ["React", "TypeScript", "Next.js", "CSS", "accessibility", "Storybook", "GraphQL"],
    ),
    (
        "Java backend engineer",
        ["Java", "Spring Boot", "Kafka", "Kubernetes", "microservices", "Oracle"],
    ),
    ("iOS developer", ["Swift", "SwiftUI", "Combine", "Xcode", "Core Data", "App Store"]),
    (
        "UX/UI designer",
        ["Figma", "user research", "prototyping", "design systems", "usability testing"],
    ),
    ("Brand designer", ["Illustrator", "InDesign", "visual identity", "typography", "packaging"]),
    (
        "SEO consultant",
        ["SEO", "Google Analytics", "content strategy", "technical audit", "link building"],
    ),
    (
        "Performance marketing manager",
        ["Google Ads", "Meta Ads", "attribution", "A/B testing", "Looker Studio"],
    ),
    (
        "Financial controller",
        ["IFRS", "consolidation", "budgeting", "SAP FI", "cash-flow forecasting"],
    ),
    ("Interim CFO", ["fundraising", "financial modelling", "M&A", "reporting", "treasury"]),
    (
        "Management consultant",
        ["strategy", "operating model", "due diligence", "PowerPoint", "workshops"],
    ),
    ("Agile coach", ["Scrum", "Kanban", "SAFe", "coaching", "OKR", "facilitation"]),
    ("DevOps engineer", ["Kubernetes", "Terraform", "GitLab CI", "Prometheus", "AWS", "Linux"]),
    (
        "Copywriter",
        ["copywriting", "tone of voice", "newsletters", "landing pages", "storytelling"],
    ),
]

SECTORS = [
    "banking",
    "insurance",
    "retail",
    "e-commerce",
    "healthcare",
    "energy",
    "public sector",
    "automotive",
    "media",
]

SENTENCES = {
    "en": [
        "I have worked for {years} years with teams in {sector}, from start-ups to large groups.",
        "My recent missions: {skill1} for a {sector} platform and a migration to {skill2}.",
        "I like clear requirements, short feedback loops and documentation that people actually read.",
        "I usually join for three to six months, remote or on site two days a week.",
        "Clients value that I take ownership, explain trade-offs and hand over cleanly.",
        "Before freelancing I led a team of {n} people and ran the hiring process.",
    ],
    "de": [
        "Seit {years} Jahren arbeite ich mit Teams aus der Branche {sector}, vom Start-up bis zum Konzern.",
        "Meine letzten Projekte: {skill1} für eine Plattform im Bereich {sector} und eine Migration auf {skill2}.",
        "Ich schätze klare Anforderungen, kurze Feedbackschleifen und verständliche Dokumentation.",
        "Meist unterstütze ich Projekte für drei bis sechs Monate, remote oder zwei Tage vor Ort.",
        "Vor der Selbstständigkeit habe ich ein Team von {n} Personen geleitet.",
    ],
    "fr": [
        "J'accompagne depuis {years} ans des équipes du secteur {sector}, de la start-up au grand groupe.",
        "Missions récentes : {skill1} pour une plateforme {sector} et une migration vers {skill2}.",
        "J'aime les besoins clairs, les cycles courts et une documentation utile.",
        "J'interviens en général trois à six mois, en télétravail ou deux jours sur site.",
        "Avant d'être indépendant, j'ai dirigé une équipe de {n} personnes.",
    ],
    "es": [
        "Trabajo desde hace {years} años con equipos del sector {sector}, desde start-ups hasta grandes grupos.",
        "Proyectos recientes: {skill1} para una plataforma de {sector} y una migración a {skill2}.",
        "Me gustan los requisitos claros, los ciclos cortos y la documentación útil.",
        "Suelo colaborar de tres a seis meses, en remoto o dos días presencial.",
        "Antes de ser autónomo dirigí un equipo de {n} personas.",
    ],
}


def profile_text(rng: random.Random, language: str | None = None) -> str:
    """One profile text: headline, skills, sector and a few description sentences."""
    lang = language or rng.choice(list(SENTENCES))
    headline, skills = rng.choice(ROLES)
    chosen = rng.sample(skills, k=min(len(skills), rng.randint(4, 7)))
    sector = rng.choice(SECTORS)
    fill = {
        "years": rng.randint(2, 20),
        "sector": sector,
        "skill1": chosen[0],
        "skill2": chosen[-1],
        "n": rng.randint(3, 15),
    }
    sentences = rng.sample(SENTENCES[lang], k=min(len(SENTENCES[lang]), rng.randint(3, 5)))
    body = " ".join(s.format(**fill) for s in sentences)
    return f"{headline}. Skills: {', '.join(chosen)}. Fields: {sector}. {body}"


def profile_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` seeded profile texts across the four languages."""
    rng = random.Random(seed)
    return [profile_text(rng) for _ in range(n)]
