"""What each role specialises in, as a noun phrase in en/de/fr/es.

Used in a description's "specialty" sentence (``FOCUS_SENTENCES``), so two profiles of the
same domain but different roles (a DBA and a data scientist) read differently.
"""

from __future__ import annotations

FOCUS_SENTENCES: dict[str, tuple[str, ...]] = {
    "en": ("My specialty: {focus}.", "What clients hire me for: {focus}."),
    "de": ("Mein Spezialgebiet: {focus}.", "Wofür Kunden mich holen: {focus}."),
    "fr": ("Ma spécialité : {focus}.", "Ce pour quoi mes clients font appel à moi : {focus}."),
    "es": ("Mi especialidad: {focus}.", "Para qué me contratan mis clientes: {focus}."),
}


def _f(en: str, de: str, fr: str, es: str) -> dict[str, str]:
    return {"en": en, "de": de, "fr": fr, "es": es}


ROLE_FOCUS: dict[str, dict[str, str]] = {
    "backend-java": _f(
        "scalable Java back ends, Spring Boot microservices and event-driven systems",
        "skalierbare Java-Backends, Spring-Boot-Microservices und ereignisgesteuerte Systeme",
        "des back-ends Java scalables, des microservices Spring Boot et des architectures "
        "événementielles",
        "backends Java escalables, microservicios con Spring Boot y sistemas orientados a eventos",
    ),
    "backend-python": _f(
        "Python web back ends and APIs with Django and FastAPI",
        "Python-Backends und APIs mit Django und FastAPI",
        "des back-ends et API Python avec Django et FastAPI",
        "backends y APIs en Python con Django y FastAPI",
    ),
    "fullstack-js": _f(
        "full-stack web applications with React, Node.js and TypeScript",
        "Full-Stack-Webanwendungen mit React, Node.js und TypeScript",
        "des applications web full-stack avec React, Node.js et TypeScript",
        "aplicaciones web full stack con React, Node.js y TypeScript",
    ),
    "frontend": _f(
        "fast, accessible user interfaces and front-end architecture",
        "schnelle, barrierefreie Benutzeroberflächen und Frontend-Architektur",
        "des interfaces rapides et accessibles et l'architecture front-end",
        "interfaces rápidas y accesibles y arquitectura front-end",
    ),
    "mobile": _f(
        "native and cross-platform mobile apps for iOS and Android",
        "native und plattformübergreifende Apps für iOS und Android",
        "des applications mobiles natives et cross-platform pour iOS et Android",
        "aplicaciones móviles nativas y multiplataforma para iOS y Android",
    ),
    "devops": _f(
        "cloud infrastructure as code, Kubernetes platforms and CI/CD pipelines",
        "Cloud-Infrastruktur als Code, Kubernetes-Plattformen und CI/CD-Pipelines",
        "l'infrastructure cloud as code, les plateformes Kubernetes et les pipelines CI/CD",
        "infraestructura cloud como código, plataformas Kubernetes y pipelines de CI/CD",
    ),
    "php": _f(
        "PHP web platforms and e-commerce sites with Symfony and Laravel",
        "PHP-Webplattformen und Onlineshops mit Symfony und Laravel",
        "des plateformes web et sites e-commerce en PHP avec Symfony et Laravel",
        "plataformas web y tiendas online en PHP con Symfony y Laravel",
    ),
    "dotnet": _f(
        "business applications on .NET and Azure",
        "Geschäftsanwendungen auf .NET und Azure",
        "des applications métier sur .NET et Azure",
        "aplicaciones de negocio sobre .NET y Azure",
    ),
    "qa": _f(
        "test strategies and automated end-to-end test suites",
        "Teststrategien und automatisierte End-to-End-Tests",
        "les stratégies de test et l'automatisation des tests de bout en bout",
        "estrategias de pruebas y automatización de tests end-to-end",
    ),
    "architect": _f(
        "target architectures, technical due diligence and cloud migrations",
        "Zielarchitekturen, technische Due Diligence und Cloud-Migrationen",
        "les architectures cibles, les audits techniques et les migrations vers le cloud",
        "arquitecturas objetivo, auditorías técnicas y migraciones a la nube",
    ),
    "backend-go": _f(
        "high-throughput services in Go and gRPC",
        "hochperformante Services in Go und gRPC",
        "des services haute performance en Go et gRPC",
        "servicios de alto rendimiento en Go y gRPC",
    ),
    "mainframe": _f(
        "maintaining and modernising COBOL applications on IBM mainframes",
        "Wartung und Modernisierung von COBOL-Anwendungen auf IBM-Mainframes",
        "la maintenance et la modernisation d'applications COBOL sur mainframe IBM",
        "mantenimiento y modernización de aplicaciones COBOL en mainframe IBM",
    ),
    "security": _f(
        "security audits, penetration tests and ISO 27001 programmes",
        "Sicherheitsaudits, Penetrationstests und ISO-27001-Programme",
        "les audits de sécurité, les tests d'intrusion et les démarches ISO 27001",
        "auditorías de seguridad, pruebas de penetración y programas ISO 27001",
    ),
    "data-scientist": _f(
        "predictive models, forecasting and machine learning for business decisions",
        "Prognosemodelle, Forecasting und Machine Learning für Geschäftsentscheidungen",
        "les modèles prédictifs, la prévision et le machine learning au service des décisions",
        "modelos predictivos, previsión y machine learning para decisiones de negocio",
    ),
    "data-engineer": _f(
        "data platforms, batch and streaming pipelines, and modern data stacks",
        "Datenplattformen, Batch- und Streaming-Pipelines und moderne Data Stacks",
        "les plateformes de données, les pipelines batch et streaming et la modern data stack",
        "plataformas de datos, pipelines batch y streaming y modern data stack",
    ),
    "data-analyst": _f(
        "dashboards, KPIs and self-service reporting for business teams",
        "Dashboards, KPIs und Self-Service-Reporting für Fachbereiche",
        "les tableaux de bord, les KPI et le reporting en self-service pour les métiers",
        "cuadros de mando, KPIs y reporting self-service para negocio",
    ),
    "ml-engineer": _f(
        "putting machine learning and LLM applications into production",
        "Machine-Learning- und LLM-Anwendungen in Produktion bringen",
        "la mise en production de modèles de machine learning et d'applications LLM",
        "llevar a producción modelos de machine learning y aplicaciones con LLM",
    ),
    "dba": _f(
        "database performance, high availability and migrations",
        "Datenbank-Performance, Hochverfügbarkeit und Migrationen",
        "la performance des bases de données, la haute disponibilité et les migrations",
        "rendimiento de bases de datos, alta disponibilidad y migraciones",
    ),
    "ux-ui": _f(
        "user research, wireframes and polished interfaces for web and mobile",
        "Nutzerforschung, Wireframes und ausgefeilte Oberflächen für Web und Mobile",
        "la recherche utilisateur, les wireframes et des interfaces soignées pour le web et le "
        "mobile",
        "investigación de usuarios, wireframes e interfaces cuidadas para web y móvil",
    ),
    "product-designer": _f(
        "end-to-end product design, from discovery to design systems",
        "Produktdesign von der Discovery bis zum Designsystem",
        "le design produit de bout en bout, de la discovery au design system",
        "diseño de producto de principio a fin, del discovery al sistema de diseño",
    ),
    "graphic-designer": _f(
        "visual identities, print and packaging",
        "visuelle Identitäten, Print und Verpackungen",
        "les identités visuelles, le print et le packaging",
        "identidades visuales, impresión y packaging",
    ),
    "motion-designer": _f(
        "motion graphics, explainer videos and 3D animation",
        "Motion Graphics, Erklärvideos und 3D-Animation",
        "le motion design, les vidéos explicatives et l'animation 3D",
        "motion graphics, vídeos explicativos y animación 3D",
    ),
    "web-designer": _f(
        "showcase websites and online shops on WordPress and Webflow",
        "Unternehmenswebsites und Onlineshops mit WordPress und Webflow",
        "les sites vitrines et boutiques en ligne sous WordPress et Webflow",
        "webs corporativas y tiendas online con WordPress y Webflow",
    ),
    "seo": _f(
        "SEO audits, technical SEO and content strategies that rank",
        "SEO-Audits, technisches SEO und Content-Strategien, die ranken",
        "les audits SEO, le SEO technique et les stratégies de contenu qui se positionnent",
        "auditorías SEO, SEO técnico y estrategias de contenido que posicionan",
    ),
    "sea": _f(
        "profitable Google Ads and paid social campaigns",
        "profitable Google-Ads- und Paid-Social-Kampagnen",
        "des campagnes Google Ads et social ads rentables",
        "campañas rentables de Google Ads y social ads",
    ),
    "growth": _f(
        "acquisition and activation experiments for start-ups and scale-ups",
        "Akquisitions- und Aktivierungsexperimente für Start-ups und Scale-ups",
        "les expérimentations d'acquisition et d'activation pour start-up et scale-up",
        "experimentos de captación y activación para start-ups y scale-ups",
    ),
    "content": _f(
        "editorial strategy, SEO writing and brand content",
        "Redaktionsstrategie, SEO-Texte und Markeninhalte",
        "la stratégie éditoriale, la rédaction SEO et le brand content",
        "estrategia editorial, redacción SEO y contenidos de marca",
    ),
    "social-media": _f(
        "social media strategy, community management and influencer campaigns",
        "Social-Media-Strategie, Community Management und Influencer-Kampagnen",
        "la stratégie social media, le community management et les campagnes d'influence",
        "estrategia de redes sociales, gestión de comunidades y campañas con influencers",
    ),
    "crm": _f(
        "CRM programmes, lifecycle emails and marketing automation",
        "CRM-Programme, Lifecycle-E-Mails und Marketing-Automatisierung",
        "les programmes CRM, les emails de cycle de vie et le marketing automation",
        "programas de CRM, emails de ciclo de vida y automatización de marketing",
    ),
    "brand": _f(
        "brand positioning and product launches",
        "Markenpositionierung und Produkteinführungen",
        "le positionnement de marque et les lancements de produits",
        "posicionamiento de marca y lanzamientos de producto",
    ),
    "controller": _f(
        "management control, budgets and monthly reporting",
        "Controlling, Budgets und Monatsreporting",
        "le contrôle de gestion, les budgets et le reporting mensuel",
        "control de gestión, presupuestos y reporting mensual",
    ),
    "cfo": _f(
        "interim finance leadership, cash and fundraising",
        "interimistische Finanzleitung, Liquidität und Finanzierungsrunden",
        "la direction financière de transition, la trésorerie et les levées de fonds",
        "dirección financiera interina, tesorería y rondas de financiación",
    ),
    "accountant": _f(
        "bookkeeping, closings and tax returns for SMEs",
        "Buchhaltung, Abschlüsse und Steuererklärungen für KMU",
        "la tenue comptable, les clôtures et les déclarations fiscales des PME",
        "contabilidad, cierres y declaraciones fiscales para pymes",
    ),
    "fpa": _f(
        "financial models, budgets and rolling forecasts",
        "Finanzmodelle, Budgets und rollierende Forecasts",
        "les modèles financiers, les budgets et les prévisions glissantes",
        "modelos financieros, presupuestos y previsiones rolling",
    ),
    "risk": _f(
        "regulatory compliance and risk frameworks for banks and insurers",
        "regulatorische Compliance und Risikomodelle für Banken und Versicherer",
        "la conformité réglementaire et les dispositifs de risques des banques et assureurs",
        "cumplimiento normativo y marcos de riesgos para bancos y aseguradoras",
    ),
    "actuary": _f(
        "actuarial models, reserving and Solvency II reporting for insurers",
        "versicherungsmathematische Modelle, Reservierung und Solvency-II-Reporting",
        "les modèles actuariels, le provisionnement et le reporting Solvabilité II",
        "modelos actuariales, reservas y reporting de Solvencia II para aseguradoras",
    ),
    "m-and-a": _f(
        "buy-side and sell-side transactions, valuations and due diligence",
        "Buy-Side- und Sell-Side-Transaktionen, Bewertungen und Due Diligence",
        "les opérations d'acquisition et de cession, les valorisations et les due diligences",
        "operaciones de compra y venta, valoraciones y due diligence",
    ),
    "project-manager": _f(
        "steering IT projects on time and on budget",
        "IT-Projekte termin- und budgetgerecht steuern",
        "le pilotage de projets IT dans les délais et le budget",
        "dirigir proyectos IT en plazo y presupuesto",
    ),
    "agile-coach": _f(
        "agile transformations, team coaching and scaled frameworks",
        "agile Transformationen, Teamcoaching und skalierte Frameworks",
        "les transformations agiles, le coaching d'équipes et l'agilité à l'échelle",
        "transformaciones ágiles, coaching de equipos y marcos escalados",
    ),
    "product-manager": _f(
        "product discovery, roadmaps and delivery with engineering teams",
        "Product Discovery, Roadmaps und Umsetzung mit Entwicklungsteams",
        "la discovery produit, les roadmaps et la delivery avec les équipes tech",
        "product discovery, hojas de ruta y entrega con equipos de desarrollo",
    ),
    "strategy": _f(
        "growth strategy, market entry and business plans",
        "Wachstumsstrategie, Markteintritt und Businesspläne",
        "la stratégie de croissance, l'entrée sur de nouveaux marchés et les business plans",
        "estrategia de crecimiento, entrada en nuevos mercados y planes de negocio",
    ),
    "transformation": _f(
        "large transformation programmes and change management",
        "große Transformationsprogramme und Change Management",
        "les grands programmes de transformation et la conduite du changement",
        "grandes programas de transformación y gestión del cambio",
    ),
    "sap": _f(
        "SAP S/4HANA implementations and finance processes",
        "SAP-S/4HANA-Einführungen und Finanzprozesse",
        "les déploiements SAP S/4HANA et les processus finance",
        "implantaciones de SAP S/4HANA y procesos financieros",
    ),
    "business-analyst": _f(
        "requirements, process modelling and specifications",
        "Anforderungen, Prozessmodellierung und Spezifikationen",
        "le recueil des besoins, la modélisation des processus et les spécifications",
        "requisitos, modelado de procesos y especificaciones",
    ),
    "interim-manager": _f(
        "interim general management, turnarounds and restructurings",
        "Interim-Geschäftsführung, Turnarounds und Restrukturierungen",
        "la direction générale de transition, les redressements et les restructurations",
        "dirección general interina, reflotamientos y reestructuraciones",
    ),
}
