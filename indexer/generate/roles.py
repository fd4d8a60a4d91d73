"""Freelance roles the generator draws from: localised job titles and coherent skill sets.

A role belongs to one domain (software, data, design, marketing, finance, consulting). Its
``core`` skills almost always appear on a profile with that role; ``pool`` skills are drawn to
fill the rest, so a "Java backend developer" lists Java and Spring Boot, and maybe Kafka or
Kotlin, but not Figma. Skill names are the canonical display names of the skill vocabulary
(``indexer/vocabulary/skills.toml``); the generator may localise or re-spell them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Domain(StrEnum):
    SOFTWARE = "software"
    DATA = "data"
    DESIGN = "design"
    MARKETING = "marketing"
    FINANCE = "finance"
    CONSULTING = "consulting"


@dataclass(frozen=True, slots=True)
class Role:
    """One kind of freelancer: ``titles`` maps a text language (en/de/fr/es) to the job title."""

    key: str
    domain: Domain
    titles: dict[str, str]
    core: tuple[str, ...]
    pool: tuple[str, ...]
    weight: float = 1.0


def _r(
    key: str,
    domain: Domain,
    en: str,
    de: str,
    fr: str,
    es: str,
    core: str,
    pool: str,
    weight: float = 1.0,
) -> Role:
    return Role(
        key=key,
        domain=domain,
        titles={"en": en, "de": de, "fr": fr, "es": es},
        core=tuple(s.strip() for s in core.split(";")),
        pool=tuple(s.strip() for s in pool.split(";")),
        weight=weight,
    )


S, D, G, M, F, C = (
    Domain.SOFTWARE,
    Domain.DATA,
    Domain.DESIGN,
    Domain.MARKETING,
    Domain.FINANCE,
    Domain.CONSULTING,
)

ROLES: tuple[Role, ...] = (
    # --- software -------------------------------------------------------------------------
    _r(
        "backend-java",
        S,
        "Java Backend Developer",
        "Java-Backend-Entwickler",
        "Développeur Java back-end",
        "Desarrollador backend Java",
        "Java; Spring Boot; SQL",
        "Hibernate; Apache Kafka; Microservices; REST APIs; PostgreSQL; Oracle Database; Docker; "
        "Kubernetes; Maven; JUnit; Kotlin; AWS; Git; Jenkins; Scala; Gradle",
        2.0,
    ),
    _r(
        "backend-python",
        S,
        "Python Backend Developer",
        "Python-Backend-Entwickler",
        "Développeur Python back-end",
        "Desarrollador backend Python",
        "Python; Django; PostgreSQL",
        "FastAPI; Flask; Celery; Redis; Docker; REST APIs; GraphQL; AWS; pytest; SQLAlchemy; "
        "Kubernetes; RabbitMQ; Git; Linux",
        1.6,
    ),
    _r(
        "fullstack-js",
        S,
        "Full-Stack JavaScript Developer",
        "Full-Stack-Entwickler (JavaScript)",
        "Développeur full-stack JavaScript",
        "Desarrollador full stack JavaScript",
        "JavaScript; TypeScript; React; Node.js",
        "Next.js; Express; GraphQL; MongoDB; PostgreSQL; Vue.js; HTML; CSS; Jest; Docker; AWS; "
        "Tailwind CSS; Redux; NestJS",
        2.0,
    ),
    _r(
        "frontend",
        S,
        "Front-End Developer",
        "Frontend-Entwickler",
        "Développeur front-end",
        "Desarrollador front-end",
        "JavaScript; TypeScript; HTML; CSS",
        "React; Vue.js; Angular; Svelte; Sass; Webpack; Vite; Jest; Cypress; Storybook; "
        "Accessibility; Figma; Redux; Next.js; Nuxt",
        1.6,
    ),
    _r(
        "mobile",
        S,
        "Mobile Developer (iOS/Android)",
        "Mobile-Entwickler (iOS/Android)",
        "Développeur mobile iOS/Android",
        "Desarrollador móvil iOS/Android",
        "Swift; Kotlin",
        "SwiftUI; Jetpack Compose; Flutter; Dart; React Native; Firebase; Objective-C; Android; "
        "iOS; Xcode; Fastlane; Java; Git",
        1.0,
    ),
    _r(
        "devops",
        S,
        "DevOps Engineer",
        "DevOps-Engineer",
        "Ingénieur DevOps",
        "Ingeniero DevOps",
        "Docker; Kubernetes; Terraform",
        "AWS; Microsoft Azure; Google Cloud Platform; Ansible; Jenkins; GitLab CI; GitHub Actions; "
        "Prometheus; Grafana; Linux; Bash; Helm; Argo CD; Python; Go; CI/CD",
        1.5,
    ),
    _r(
        "php",
        S,
        "PHP Developer",
        "PHP-Entwickler",
        "Développeur PHP",
        "Desarrollador PHP",
        "PHP; Symfony; MySQL",
        "Laravel; Drupal; WordPress; Magento; Doctrine; JavaScript; Docker; Redis; "
        "Elasticsearch; PHPUnit; Vue.js; Git",
        1.0,
    ),
    _r(
        "dotnet",
        S,
        ".NET Developer",
        ".NET-Entwickler",
        "Développeur .NET",
        "Desarrollador .NET",
        "C#; .NET; ASP.NET Core",
        "Entity Framework; SQL Server; Microsoft Azure; TypeScript; Angular; Blazor; Docker; "
        "Microservices; xUnit; Azure DevOps",
        1.0,
    ),
    _r(
        "qa",
        S,
        "QA Automation Engineer",
        "Testautomatisierer (QA)",
        "Ingénieur QA automatisation",
        "Ingeniero QA de automatización",
        "Test Automation; Selenium; Cypress",
        "Playwright; JUnit; pytest; Postman; JMeter; Jira; Cucumber; Java; JavaScript; CI/CD; "
        "TestRail; Manual Testing",
        0.7,
    ),
    _r(
        "architect",
        S,
        "Software Architect",
        "Softwarearchitekt",
        "Architecte logiciel",
        "Arquitecto de software",
        "Software Architecture; Microservices",
        "AWS; Microsoft Azure; Kubernetes; Apache Kafka; Domain-Driven Design; Event Sourcing; "
        "TOGAF; API Design; Java; Go; Scala; Cloud Architecture; Security",
        0.8,
    ),
    _r(
        "backend-go",
        S,
        "Go Developer",
        "Go-Entwickler",
        "Développeur Go",
        "Desarrollador Go",
        "Go; gRPC; Kubernetes",
        "PostgreSQL; Docker; Apache Kafka; Redis; Rust; Microservices; Prometheus; AWS; Linux; "
        "REST APIs",
        0.6,
    ),
    _r(
        "mainframe",
        S,
        "Mainframe COBOL Developer",
        "Mainframe-Entwickler (COBOL)",
        "Développeur mainframe COBOL",
        "Desarrollador mainframe COBOL",
        "COBOL; Mainframe",
        "JCL; DB2; CICS; SQL; Java; Bash; Performance Tuning",
        0.25,
    ),
    _r(
        "security",
        S,
        "Cybersecurity Consultant",
        "IT-Sicherheitsberater",
        "Consultant cybersécurité",
        "Consultor de ciberseguridad",
        "Cybersecurity; Penetration Testing",
        "ISO 27001; SIEM; Network Security; OWASP; Identity and Access Management; Linux; "
        "Python; Incident Response; Cloud Security; GDPR",
        0.6,
    ),
    # --- data -----------------------------------------------------------------------------
    _r(
        "data-scientist",
        D,
        "Data Scientist",
        "Data Scientist",
        "Data scientist",
        "Científico de datos",
        "Python; Machine Learning; pandas",
        "scikit-learn; TensorFlow; PyTorch; Statistics; SQL; NLP; Deep Learning; XGBoost; "
        "Jupyter; R; Time Series Forecasting; MLflow; Computer Vision; NumPy",
        1.6,
    ),
    _r(
        "data-engineer",
        D,
        "Data Engineer",
        "Data Engineer",
        "Data engineer",
        "Ingeniero de datos",
        "Python; SQL; Apache Spark",
        "Apache Airflow; dbt; Apache Kafka; Snowflake; BigQuery; Databricks; AWS; Scala; Docker; "
        "Terraform; PostgreSQL; Data Modeling; Hadoop; Microsoft Azure",
        1.6,
    ),
    _r(
        "data-analyst",
        D,
        "Data Analyst / BI Consultant",
        "Datenanalyst / BI-Berater",
        "Data analyst / consultant BI",
        "Analista de datos / consultor BI",
        "SQL; Power BI; Excel",
        "Tableau; Looker; Data Visualization; Python; DAX; Google Analytics; Qlik; R; "
        "Statistics; Snowflake; dbt; Looker Studio",
        1.3,
    ),
    _r(
        "ml-engineer",
        D,
        "Machine Learning Engineer",
        "Machine-Learning-Engineer",
        "Ingénieur machine learning",
        "Ingeniero de machine learning",
        "Python; MLOps; PyTorch",
        "Kubernetes; Docker; MLflow; Kubeflow; Amazon SageMaker; TensorFlow; Large Language Models; "
        "Hugging Face Transformers; FastAPI; LangChain; Vector Databases; NLP",
        1.0,
    ),
    _r(
        "dba",
        D,
        "Database Administrator",
        "Datenbankadministrator",
        "Administrateur de bases de données",
        "Administrador de bases de datos",
        "PostgreSQL; SQL; Performance Tuning",
        "Oracle Database; SQL Server; MySQL; MongoDB; Linux; Bash; Backup and Recovery; "
        "High Availability; Data Modeling",
        0.5,
    ),
    # --- design ---------------------------------------------------------------------------
    _r(
        "ux-ui",
        G,
        "UX/UI Designer",
        "UX/UI-Designer",
        "UX/UI designer",
        "Diseñador UX/UI",
        "Figma; UX Design; UI Design",
        "User Research; Prototyping; Wireframing; Sketch; Adobe XD; Design Systems; "
        "Usability Testing; Adobe Photoshop; Adobe Illustrator; Accessibility; Miro",
        1.6,
    ),
    _r(
        "product-designer",
        G,
        "Product Designer",
        "Product Designer",
        "Product designer",
        "Diseñador de producto",
        "Product Design; Figma; User Research",
        "Design Thinking; Prototyping; Design Systems; UX Writing; Miro; Framer; Sketch; "
        "Usability Testing; UI Design; Interaction Design",
        1.0,
    ),
    _r(
        "graphic-designer",
        G,
        "Graphic Designer",
        "Grafikdesigner",
        "Graphiste",
        "Diseñador gráfico",
        "Graphic Design; Adobe Illustrator; Adobe Photoshop",
        "Adobe InDesign; Branding; Typography; Print Design; Logo Design; Canva; "
        "Adobe After Effects; Packaging Design; Illustration",
        1.3,
    ),
    _r(
        "motion-designer",
        G,
        "Motion Designer",
        "Motion Designer",
        "Motion designer",
        "Motion designer",
        "Motion Design; Adobe After Effects",
        "Cinema 4D; Adobe Premiere Pro; Blender; Video Editing; 3D Modeling; Animation; "
        "DaVinci Resolve; Illustration",
        0.7,
    ),
    _r(
        "web-designer",
        G,
        "Web Designer",
        "Webdesigner",
        "Webdesigner",
        "Diseñador web",
        "Web Design; WordPress",
        "Webflow; HTML; CSS; Figma; SEO; Elementor; Adobe Photoshop; Responsive Design; Shopify",
        0.8,
    ),
    # --- marketing ------------------------------------------------------------------------
    _r(
        "seo",
        M,
        "SEO Consultant",
        "SEO-Berater",
        "Consultant SEO",
        "Consultor SEO",
        "SEO; Google Search Console; Semrush",
        "Ahrefs; Content Marketing; Google Analytics; Technical SEO; Keyword Research; "
        "Link Building; SEM; WordPress; Screaming Frog; Copywriting",
        1.2,
    ),
    _r(
        "sea",
        M,
        "SEA / Paid Media Manager",
        "SEA-Manager / Paid Media",
        "Consultant SEA / acquisition payante",
        "Especialista SEM / paid media",
        "SEM; Google Ads; Meta Ads",
        "LinkedIn Ads; Google Analytics; Google Tag Manager; Performance Marketing; A/B Testing; "
        "Looker Studio; Conversion Rate Optimization; Microsoft Advertising",
        1.0,
    ),
    _r(
        "growth",
        M,
        "Growth Marketer",
        "Growth Marketer",
        "Growth marketer",
        "Growth marketer",
        "Growth Marketing; A/B Testing; Marketing Automation",
        "HubSpot; Email Marketing; CRM; Google Analytics; Mixpanel; Amplitude; SQL; "
        "Product Marketing; SEO; SEM",
        0.9,
    ),
    _r(
        "content",
        M,
        "Content Marketing Manager / Copywriter",
        "Content-Marketing-Manager / Texter",
        "Responsable content marketing / rédacteur",
        "Content marketing manager / redactor",
        "Copywriting; Content Marketing; Content Strategy",
        "SEO; Storytelling; Social Media Marketing; WordPress; Editing; Translation; "
        "Email Marketing; Public Relations",
        1.0,
    ),
    _r(
        "social-media",
        M,
        "Social Media Manager",
        "Social-Media-Manager",
        "Social media manager",
        "Social media manager",
        "Social Media Marketing; Community Management",
        "Meta Ads; TikTok; Canva; Content Creation; Influencer Marketing; Hootsuite; "
        "Copywriting; Instagram; LinkedIn",
        1.0,
    ),
    _r(
        "crm",
        M,
        "CRM & Marketing Automation Consultant",
        "CRM- und Marketing-Automation-Berater",
        "Consultant CRM et marketing automation",
        "Consultor de CRM y automatización de marketing",
        "CRM; Marketing Automation; Email Marketing",
        "Salesforce Marketing Cloud; HubSpot; Marketo; Braze; Salesforce; SQL; Segmentation; "
        "A/B Testing",
        0.7,
    ),
    _r(
        "brand",
        M,
        "Brand & Product Marketing Manager",
        "Brand- und Produktmarketing-Manager",
        "Responsable marketing produit et marque",
        "Responsable de marca y marketing de producto",
        "Product Marketing; Brand Strategy",
        "Market Research; Go-to-Market Strategy; Public Relations; Copywriting; "
        "Event Marketing; Competitive Analysis; Storytelling",
        0.7,
    ),
    # --- finance --------------------------------------------------------------------------
    _r(
        "controller",
        F,
        "Financial Controller",
        "Controller",
        "Contrôleur de gestion",
        "Controller financiero",
        "Controlling; Financial Reporting; Budgeting",
        "Excel; SAP FI/CO; Forecasting; IFRS; Consolidation; Power BI; Cost Accounting; "
        "Business Intelligence; VBA",
        1.2,
    ),
    _r(
        "cfo",
        F,
        "Interim CFO",
        "Interim-CFO",
        "DAF de transition",
        "CFO interino",
        "Corporate Finance; Cash Management",
        "Fundraising; Mergers and Acquisitions; Financial Modeling; Treasury; Investor Relations; "
        "Budgeting; Restructuring; Leadership; IFRS",
        0.6,
    ),
    _r(
        "accountant",
        F,
        "Accountant",
        "Buchhalter",
        "Comptable",
        "Contable",
        "Accounting; Bookkeeping",
        "Tax; IFRS; DATEV; Sage; Xero; Payroll; VAT; Year-End Closing; Excel; SAP FI/CO",
        1.0,
    ),
    _r(
        "fpa",
        F,
        "FP&A Analyst",
        "FP&A-Analyst",
        "Analyste FP&A",
        "Analista FP&A",
        "Financial Modeling; FP&A; Excel",
        "Valuation; Forecasting; Power BI; VBA; Budgeting; Anaplan; SQL; Controlling",
        0.8,
    ),
    _r(
        "risk",
        F,
        "Risk & Compliance Consultant",
        "Risiko- und Compliance-Berater",
        "Consultant risques et conformité",
        "Consultor de riesgos y cumplimiento",
        "Risk Management; Compliance",
        "Basel III; Solvency II; AML/KYC; SOX; Regulatory Reporting; Internal Audit; "
        "Credit Risk; GDPR; Python; SAS",
        0.8,
    ),
    _r(
        "actuary",
        F,
        "Actuary",
        "Aktuar",
        "Actuaire",
        "Actuario",
        "Actuarial Science; Solvency II",
        "R; SAS; Python; Excel; Risk Management; IFRS; Statistics; VBA; Regulatory Reporting",
        0.3,
    ),
    _r(
        "m-and-a",
        F,
        "M&A / Transaction Services Consultant",
        "M&A-Berater",
        "Consultant M&A / transaction services",
        "Consultor de M&A",
        "Mergers and Acquisitions; Due Diligence; Valuation",
        "Financial Modeling; Private Equity; LBO; Excel; Corporate Finance; Negotiation",
        0.5,
    ),
    # --- consulting -----------------------------------------------------------------------
    _r(
        "project-manager",
        C,
        "IT Project Manager",
        "IT-Projektmanager",
        "Chef de projet IT",
        "Jefe de proyecto IT",
        "Project Management; Agile",
        "Jira; PRINCE2; Risk Management; Stakeholder Management; MS Project; Change Management; "
        "Budgeting; Scrum; PMO; Confluence",
        1.6,
    ),
    _r(
        "agile-coach",
        C,
        "Agile Coach / Scrum Master",
        "Agile Coach / Scrum Master",
        "Coach agile / Scrum Master",
        "Agile coach / Scrum Master",
        "Scrum; Agile Coaching",
        "SAFe; Kanban; Jira; Confluence; Facilitation; Change Management; Lean; OKRs",
        1.0,
    ),
    _r(
        "product-manager",
        C,
        "Product Manager / Product Owner",
        "Produktmanager / Product Owner",
        "Product manager / product owner",
        "Product manager / product owner",
        "Product Management; Agile",
        "User Stories; Product Roadmapping; Jira; Scrum; Product Discovery; OKRs; A/B Testing; "
        "SQL; Stakeholder Management",
        1.2,
    ),
    _r(
        "strategy",
        C,
        "Strategy Consultant",
        "Strategieberater",
        "Consultant en stratégie",
        "Consultor de estrategia",
        "Strategy Consulting; Market Research",
        "Due Diligence; Financial Modeling; Business Plan; Operating Model Design; "
        "PowerPoint; Excel; Go-to-Market Strategy; Competitive Analysis",
        0.9,
    ),
    _r(
        "transformation",
        C,
        "Transformation & Change Consultant",
        "Transformations- und Change-Berater",
        "Consultant transformation et conduite du changement",
        "Consultor de transformación y gestión del cambio",
        "Change Management; Digital Transformation",
        "Process Optimization; Lean Six Sigma; Training; Stakeholder Management; "
        "Organizational Design; Project Management; PMO",
        0.9,
    ),
    _r(
        "sap",
        C,
        "SAP Consultant",
        "SAP-Berater",
        "Consultant SAP",
        "Consultor SAP",
        "SAP S/4HANA; SAP FI/CO",
        "SAP SD; SAP MM; ABAP; SAP Fiori; ERP; SAP BW; Business Analysis",
        0.9,
    ),
    _r(
        "business-analyst",
        C,
        "Business Analyst",
        "Business Analyst",
        "Business analyst",
        "Analista de negocio",
        "Business Analysis; Requirements Engineering",
        "UML; BPMN; SQL; Jira; Confluence; Process Optimization; User Stories; Agile",
        1.0,
    ),
    _r(
        "interim-manager",
        C,
        "Interim Manager",
        "Interim Manager",
        "Manager de transition",
        "Directivo interino",
        "Interim Management; Leadership",
        "Restructuring; Change Management; P&L Management; Operations Management; "
        "Negotiation; Lean; Budgeting",
        0.4,
    ),
)

#: Share of profiles per domain (the marketplace is tech-heavy, like the real ones).
DOMAIN_WEIGHTS: dict[Domain, float] = {
    Domain.SOFTWARE: 0.34,
    Domain.DATA: 0.16,
    Domain.DESIGN: 0.13,
    Domain.MARKETING: 0.14,
    Domain.FINANCE: 0.10,
    Domain.CONSULTING: 0.13,
}

#: Client sectors a freelancer has worked in: slug → names in en/de/fr/es.
SECTORS: dict[str, dict[str, str]] = {
    "banking": {"en": "banking", "de": "Banken", "fr": "la banque", "es": "la banca"},
    "insurance": {
        "en": "insurance",
        "de": "Versicherungen",
        "fr": "l'assurance",
        "es": "los seguros",
    },
    "retail": {
        "en": "retail",
        "de": "Einzelhandel",
        "fr": "la grande distribution",
        "es": "el retail",
    },
    "e-commerce": {
        "en": "e-commerce",
        "de": "E-Commerce",
        "fr": "l'e-commerce",
        "es": "el comercio electrónico",
    },
    "healthcare": {
        "en": "healthcare",
        "de": "Gesundheitswesen",
        "fr": "la santé",
        "es": "la sanidad",
    },
    "pharma": {
        "en": "pharmaceuticals",
        "de": "Pharma",
        "fr": "la pharmacie",
        "es": "la industria farmacéutica",
    },
    "energy": {"en": "energy", "de": "Energiewirtschaft", "fr": "l'énergie", "es": "la energía"},
    "automotive": {
        "en": "automotive",
        "de": "Automobilindustrie",
        "fr": "l'automobile",
        "es": "la automoción",
    },
    "public-sector": {
        "en": "the public sector",
        "de": "öffentliche Verwaltung",
        "fr": "le secteur public",
        "es": "el sector público",
    },
    "telecom": {
        "en": "telecoms",
        "de": "Telekommunikation",
        "fr": "les télécoms",
        "es": "las telecomunicaciones",
    },
    "media": {"en": "media", "de": "Medien", "fr": "les médias", "es": "los medios"},
    "luxury": {"en": "luxury goods", "de": "Luxusgüter", "fr": "le luxe", "es": "el lujo"},
    "manufacturing": {
        "en": "manufacturing",
        "de": "Industrie",
        "fr": "l'industrie",
        "es": "la industria",
    },
    "logistics": {"en": "logistics", "de": "Logistik", "fr": "la logistique", "es": "la logística"},
    "saas": {"en": "SaaS", "de": "SaaS", "fr": "le SaaS", "es": "el SaaS"},
    "fintech": {"en": "fintech", "de": "Fintech", "fr": "la fintech", "es": "el fintech"},
    "travel": {
        "en": "travel and hospitality",
        "de": "Touristik",
        "fr": "le tourisme",
        "es": "el turismo",
    },
    "gaming": {
        "en": "video games",
        "de": "Games-Branche",
        "fr": "le jeu vidéo",
        "es": "los videojuegos",
    },
    "non-profit": {
        "en": "non-profits",
        "de": "Non-Profit-Organisationen",
        "fr": "l'associatif",
        "es": "las ONG",
    },
    "real-estate": {
        "en": "real estate",
        "de": "Immobilien",
        "fr": "l'immobilier",
        "es": "el sector inmobiliario",
    },
}

#: Sectors more typical of each domain (drawn more often; any sector can still appear).
DOMAIN_SECTORS: dict[Domain, tuple[str, ...]] = {
    Domain.SOFTWARE: (
        "saas",
        "e-commerce",
        "fintech",
        "banking",
        "telecom",
        "automotive",
        "media",
        "gaming",
    ),
    Domain.DATA: ("banking", "insurance", "retail", "e-commerce", "energy", "healthcare", "saas"),
    Domain.DESIGN: ("e-commerce", "luxury", "media", "saas", "retail", "travel", "gaming"),
    Domain.MARKETING: ("e-commerce", "retail", "luxury", "travel", "saas", "media", "non-profit"),
    Domain.FINANCE: (
        "banking",
        "insurance",
        "fintech",
        "real-estate",
        "manufacturing",
        "energy",
        "pharma",
    ),
    Domain.CONSULTING: (
        "public-sector",
        "banking",
        "insurance",
        "automotive",
        "manufacturing",
        "energy",
        "pharma",
        "logistics",
    ),
}


def roles_by_domain() -> dict[Domain, tuple[Role, ...]]:
    """The roles grouped by domain, in declaration order."""
    out: dict[Domain, list[Role]] = {d: [] for d in Domain}
    for role in ROLES:
        out[role.domain].append(role)
    return {d: tuple(rs) for d, rs in out.items()}
