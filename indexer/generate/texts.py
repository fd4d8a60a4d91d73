"""Headline and description templates in English, German, French and Spanish.

A description is an introduction, then sentences drawn from a generic pool and from the
freelancer's domain pool until a target word count is reached, then a closing line. Slots:
``{title}`` job title (``{title_lc}`` mid-sentence), ``{years}`` experience ("7 years" / "7 Jahren" / "7 ans" / "7 años"),
``{city}``, ``{skills}`` (3-4 of the profile's skills as a list), ``{skill1}``, ``{skill2}``,
``{sector}``, ``{sectors}``, ``{langs}`` (the spoken languages' names), ``{since}`` (year).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from indexer.generate.focus import FOCUS_SENTENCES
from indexer.generate.roles import Domain

AND: dict[str, str] = {"en": "and", "de": "und", "fr": "et", "es": "y"}


def join_list(items: Sequence[str], lang: str) -> str:
    """``["a", "b", "c"]`` → ``"a, b and c"`` in the given text language."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {AND[lang]} {items[-1]}"


def title_in_sentence(title: str, lang: str) -> str:
    """A job title as written mid-sentence: French and Spanish lower-case a capitalised first
    word ("Développeur Java" → "développeur Java") but keep acronyms ("UX/UI designer", "DAF")."""
    if lang in ("fr", "es") and len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def years_phrase(years: int, lang: str) -> str:
    """Experience in years, inflected for the templates below (German is dative: "mit ... Jahren")."""
    if years <= 1:
        return {"en": "one year", "de": "einem Jahr", "fr": "un an", "es": "un año"}[lang]
    return {
        "en": f"{years} years",
        "de": f"{years} Jahren",
        "fr": f"{years} ans",
        "es": f"{years} años",
    }[lang]


def headline(
    title: str, seniority: str | None, skills: Sequence[str], lang: str, style: int
) -> str:
    """A marketplace headline: the title with its seniority, and sometimes the top skills."""
    if seniority in ("junior", "senior"):
        word = seniority.capitalize()
        title = f"{word} {title}" if lang in ("en", "de") else f"{title} {seniority}"
    if style == 0 or not skills:
        return title
    if style == 1:
        return f"{title} – {', '.join(skills[:3])}"
    return f"{title} | {' · '.join(skills[:2])}"


LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "en": "English",
        "de": "German",
        "fr": "French",
        "es": "Spanish",
        "it": "Italian",
        "nl": "Dutch",
        "pt": "Portuguese",
        "pl": "Polish",
        "ca": "Catalan",
        "da": "Danish",
        "sv": "Swedish",
        "fi": "Finnish",
        "cs": "Czech",
        "hu": "Hungarian",
        "et": "Estonian",
        "lb": "Luxembourgish",
    },
    "de": {
        "en": "Englisch",
        "de": "Deutsch",
        "fr": "Französisch",
        "es": "Spanisch",
        "it": "Italienisch",
        "nl": "Niederländisch",
        "pt": "Portugiesisch",
        "pl": "Polnisch",
        "ca": "Katalanisch",
        "da": "Dänisch",
        "sv": "Schwedisch",
        "fi": "Finnisch",
        "cs": "Tschechisch",
        "hu": "Ungarisch",
        "et": "Estnisch",
        "lb": "Luxemburgisch",
    },
    "fr": {
        "en": "anglais",
        "de": "allemand",
        "fr": "français",
        "es": "espagnol",
        "it": "italien",
        "nl": "néerlandais",
        "pt": "portugais",
        "pl": "polonais",
        "ca": "catalan",
        "da": "danois",
        "sv": "suédois",
        "fi": "finnois",
        "cs": "tchèque",
        "hu": "hongrois",
        "et": "estonien",
        "lb": "luxembourgeois",
    },
    "es": {
        "en": "inglés",
        "de": "alemán",
        "fr": "francés",
        "es": "español",
        "it": "italiano",
        "nl": "neerlandés",
        "pt": "portugués",
        "pl": "polaco",
        "ca": "catalán",
        "da": "danés",
        "sv": "sueco",
        "fi": "finés",
        "cs": "checo",
        "hu": "húngaro",
        "et": "estonio",
        "lb": "luxemburgués",
    },
}

INTROS: dict[str, tuple[str, ...]] = {
    "en": (
        "I am a freelance {title} with {years} of experience, based in {city}.",
        "Freelance {title} based in {city}, I have been working with {skills} for {years}.",
        "I have been a freelance {title} since {since} and I help companies deliver reliable "
        "results with {skills}.",
    ),
    "de": (
        "Ich arbeite freiberuflich als {title} in {city}, mit {years} Berufserfahrung.",
        "Als {title} aus {city} arbeite ich seit {years} mit {skills}.",
        "Seit {since} bin ich selbstständig als {title} tätig und unterstütze Unternehmen mit "
        "{skills}.",
    ),
    "fr": (
        "Je suis {title_lc} freelance à {city}, avec {years} d'expérience.",
        "{title} freelance à {city}, je travaille avec {skills} depuis {years}.",
        "Freelance depuis {since}, j'accompagne les entreprises comme {title_lc} sur {skills}.",
    ),
    "es": (
        "Soy {title_lc} freelance en {city} con {years} de experiencia.",
        "{title} freelance en {city}, trabajo con {skills} desde hace {years}.",
        "Trabajo como {title_lc} freelance desde {since} y ayudo a empresas con {skills}.",
    ),
}

#: Sentences about the freelancer's skills; a description uses one of them.
SKILL_SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "My core skills are {skills}, which I use every day on client projects.",
        "Over the years I have worked mostly with {skills}.",
        "I am particularly comfortable with {skill1} and {skill2}, and I keep learning new tools.",
    ),
    "de": (
        "Mein Schwerpunkt liegt auf {skills}, die ich täglich in Kundenprojekten einsetze.",
        "In den letzten Jahren habe ich vor allem mit {skills} gearbeitet.",
        "Besonders sicher bin ich in {skill1} und {skill2}, und ich bilde mich laufend weiter.",
    ),
    "fr": (
        "Mes compétences principales sont {skills}, que j'utilise au quotidien sur mes missions.",
        "Ces dernières années, j'ai surtout travaillé avec {skills}.",
        "Je suis particulièrement à l'aise avec {skill1} et {skill2}, et je continue de me former.",
    ),
    "es": (
        "Mis competencias principales son {skills}, que uso a diario en proyectos de clientes.",
        "En los últimos años he trabajado sobre todo con {skills}.",
        "Domino especialmente {skill1} y {skill2}, y sigo formándome en nuevas herramientas.",
    ),
}

#: Sentences about client sectors; a description uses one of them.
SECTOR_SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "I have worked for clients in {sectors}, from start-ups to large corporations.",
        "Most of my recent missions were in {sector}, where I learned to work with demanding stakeholders.",
    ),
    "de": (
        "Ich habe für Kunden aus diesen Branchen gearbeitet: {sectors}, vom Start-up bis zum Konzern.",
        "Meine letzten Projekte waren überwiegend im Bereich {sector}, wo ich gelernt habe, mit anspruchsvollen Stakeholdern zu arbeiten.",
    ),
    "fr": (
        "J'ai travaillé pour des clients dans {sectors}, de la start-up au grand groupe.",
        "Mes dernières missions étaient surtout dans {sector}, où j'ai appris à travailler avec des interlocuteurs exigeants.",
    ),
    "es": (
        "He trabajado para clientes de {sectors}, desde start-ups hasta grandes empresas.",
        "Mis últimos proyectos fueron sobre todo en {sector}, donde aprendí a trabajar con interlocutores exigentes.",
    ),
}

#: How the freelancer works, whatever their domain.
GENERIC: dict[str, tuple[str, ...]] = {
    "en": (
        "I like to understand the business problem before choosing a solution, and I document my work so that the team can take over.",
        "I work in agile teams and communicate clearly with technical and non-technical people.",
        "I am used to working remotely as well as on site, and I adapt to the tools and rituals of each team.",
        "Clients appreciate my autonomy, my reliability and my sense of priorities.",
        "I care about quality, deadlines and a transparent relationship with my clients.",
        "Before going freelance, I spent several years in consulting firms and in-house teams.",
        "I regularly mentor junior colleagues and share good practices.",
        "I enjoy joining a project early, framing the scope with the client and delivering it end to end.",
        "I work in {langs}.",
    ),
    "de": (
        "Ich verstehe zuerst das fachliche Problem, bevor ich eine Lösung wähle, und dokumentiere meine Arbeit so, dass das Team sie übernehmen kann.",
        "Ich arbeite in agilen Teams und kommuniziere klar mit Fachbereich und IT.",
        "Ich arbeite remote ebenso wie vor Ort und passe mich an die Werkzeuge und Abläufe jedes Teams an.",
        "Kunden schätzen meine Selbstständigkeit, meine Zuverlässigkeit und mein Gespür für Prioritäten.",
        "Qualität, Termintreue und eine offene Zusammenarbeit sind mir wichtig.",
        "Vor meiner Selbstständigkeit war ich mehrere Jahre in Beratungen und in Inhouse-Teams tätig.",
        "Ich begleite regelmäßig Junior-Kollegen und teile bewährte Vorgehensweisen.",
        "Am liebsten steige ich früh in ein Projekt ein, kläre den Umfang mit dem Kunden und setze es von Anfang bis Ende um.",
        "Arbeitssprachen: {langs}.",
    ),
    "fr": (
        "Je prends le temps de comprendre le besoin métier avant de choisir une solution, et je documente mon travail pour que l'équipe puisse le reprendre.",
        "Je travaille en méthode agile et je communique clairement avec les équipes techniques comme métier.",
        "J'ai l'habitude de travailler à distance comme sur site, et je m'adapte aux outils et aux rituels de chaque équipe.",
        "Mes clients apprécient mon autonomie, ma fiabilité et mon sens des priorités.",
        "Je tiens à la qualité, au respect des délais et à une relation transparente avec mes clients.",
        "Avant de devenir freelance, j'ai passé plusieurs années en cabinet de conseil et en entreprise.",
        "J'accompagne régulièrement des profils juniors et je partage les bonnes pratiques.",
        "J'aime intervenir tôt sur un projet, cadrer le périmètre avec le client puis le livrer de bout en bout.",
        "Langues de travail : {langs}.",
    ),
    "es": (
        "Me gusta entender el problema de negocio antes de elegir una solución, y documento mi trabajo para que el equipo pueda continuarlo.",
        "Trabajo en equipos ágiles y me comunico con claridad con perfiles técnicos y de negocio.",
        "Tengo experiencia trabajando en remoto y en las oficinas del cliente, y me adapto a las herramientas de cada equipo.",
        "Mis clientes valoran mi autonomía, mi fiabilidad y mi sentido de las prioridades.",
        "Me importan la calidad, los plazos y una relación transparente con mis clientes.",
        "Antes de ser freelance pasé varios años en consultoras y en equipos internos.",
        "Acompaño con regularidad a compañeros junior y comparto buenas prácticas.",
        "Me gusta incorporarme pronto a un proyecto, definir el alcance con el cliente y entregarlo de principio a fin.",
        "Idiomas de trabajo: {langs}.",
    ),
}

DOMAIN_SENTENCES: dict[Domain, dict[str, tuple[str, ...]]] = {
    Domain.SOFTWARE: {
        "en": (
            "I design and build robust back-end services and APIs, with automated tests and "
            "continuous integration.",
            "I recently migrated a monolith to microservices and cut deployment time from days "
            "to minutes.",
            "Performance, security and maintainable code are my priorities on every project.",
            "I have delivered web and mobile applications used by hundreds of thousands of users.",
            "I set up code reviews, CI/CD pipelines and monitoring so that teams can release "
            "with confidence.",
        ),
        "de": (
            "Ich entwerfe und entwickle robuste Backend-Services und APIs mit automatisierten "
            "Tests und Continuous Integration.",
            "Zuletzt habe ich einen Monolithen in Microservices überführt und die "
            "Deployment-Zeit von Tagen auf Minuten gesenkt.",
            "Performance, Sicherheit und wartbarer Code haben in jedem Projekt Priorität.",
            "Ich habe Web- und Mobile-Anwendungen mit Hunderttausenden Nutzern ausgeliefert.",
            "Ich führe Code-Reviews, CI/CD-Pipelines und Monitoring ein, damit Teams mit "
            "Vertrauen releasen.",
        ),
        "fr": (
            "Je conçois et développe des services back-end et des API robustes, avec tests "
            "automatisés et intégration continue.",
            "J'ai récemment migré un monolithe vers des microservices et réduit le temps de "
            "déploiement de plusieurs jours à quelques minutes.",
            "La performance, la sécurité et un code maintenable sont mes priorités sur chaque "
            "projet.",
            "J'ai livré des applications web et mobiles utilisées par des centaines de milliers "
            "d'utilisateurs.",
            "Je mets en place revues de code, pipelines CI/CD et supervision pour que les "
            "équipes livrent en confiance.",
        ),
        "es": (
            "Diseño y desarrollo servicios back-end y APIs robustas, con tests automatizados e "
            "integración continua.",
            "Hace poco migré un monolito a microservicios y reduje el tiempo de despliegue de "
            "días a minutos.",
            "El rendimiento, la seguridad y un código mantenible son mis prioridades en cada "
            "proyecto.",
            "He entregado aplicaciones web y móviles utilizadas por cientos de miles de usuarios.",
            "Implanto revisiones de código, pipelines de CI/CD y monitorización para que los "
            "equipos publiquen con confianza.",
        ),
    },
    Domain.DATA: {
        "en": (
            "I build data pipelines and analytical models that turn raw data into decisions.",
            "I have taken machine learning models to production, from exploration to monitoring.",
            "I designed dashboards and KPIs that management teams use every week.",
            "Data quality, documentation and reproducibility are at the heart of my work.",
            "I recently helped a client move its data warehouse to the cloud and halve its "
            "reporting time.",
        ),
        "de": (
            "Ich baue Datenpipelines und analytische Modelle, die aus Rohdaten Entscheidungen "
            "machen.",
            "Ich habe Machine-Learning-Modelle in Produktion gebracht, von der Exploration bis "
            "zum Monitoring.",
            "Ich habe Dashboards und KPIs entwickelt, die Geschäftsleitungen jede Woche nutzen.",
            "Datenqualität, Dokumentation und Reproduzierbarkeit stehen im Mittelpunkt meiner "
            "Arbeit.",
            "Zuletzt habe ich einen Kunden bei der Migration seines Data Warehouse in die Cloud "
            "begleitet und die Reporting-Zeit halbiert.",
        ),
        "fr": (
            "Je construis des pipelines de données et des modèles analytiques qui transforment "
            "les données brutes en décisions.",
            "J'ai mis en production des modèles de machine learning, de l'exploration au "
            "monitoring.",
            "J'ai conçu des tableaux de bord et des indicateurs utilisés chaque semaine par les "
            "directions.",
            "La qualité des données, la documentation et la reproductibilité sont au cœur de mon "
            "travail.",
            "J'ai récemment accompagné un client dans la migration de son entrepôt de données "
            "vers le cloud, en divisant par deux le temps de reporting.",
        ),
        "es": (
            "Construyo pipelines de datos y modelos analíticos que convierten datos en bruto en "
            "decisiones.",
            "He llevado modelos de machine learning a producción, desde la exploración hasta la "
            "monitorización.",
            "He diseñado cuadros de mando e indicadores que los equipos directivos usan cada "
            "semana.",
            "La calidad del dato, la documentación y la reproducibilidad son el centro de mi "
            "trabajo.",
            "Recientemente ayudé a un cliente a migrar su data warehouse a la nube y a reducir a "
            "la mitad el tiempo de reporting.",
        ),
    },
    Domain.DESIGN: {
        "en": (
            "I design intuitive interfaces and consistent design systems, from user research to "
            "high-fidelity prototypes.",
            "I run user interviews and usability tests to validate every design decision.",
            "I have created brand identities, logos and visual guidelines for start-ups and "
            "established companies.",
            "I work closely with developers so that what is designed is what gets shipped.",
            "My portfolio covers web, mobile and print projects.",
        ),
        "de": (
            "Ich gestalte intuitive Oberflächen und konsistente Designsysteme, von der "
            "Nutzerforschung bis zum High-Fidelity-Prototyp.",
            "Ich führe Nutzerinterviews und Usability-Tests durch, um jede Designentscheidung zu "
            "validieren.",
            "Ich habe Markenauftritte, Logos und Styleguides für Start-ups und etablierte "
            "Unternehmen entwickelt.",
            "Ich arbeite eng mit Entwicklern zusammen, damit das Design auch so umgesetzt wird.",
            "Mein Portfolio umfasst Web-, Mobile- und Printprojekte.",
        ),
        "fr": (
            "Je conçois des interfaces intuitives et des design systems cohérents, de la "
            "recherche utilisateur aux maquettes haute fidélité.",
            "Je mène des entretiens utilisateurs et des tests d'utilisabilité pour valider chaque "
            "choix de design.",
            "J'ai créé des identités de marque, des logos et des chartes graphiques pour des "
            "start-up et des entreprises établies.",
            "Je travaille main dans la main avec les développeurs pour que le design livré soit "
            "fidèle aux maquettes.",
            "Mon portfolio couvre des projets web, mobile et print.",
        ),
        "es": (
            "Diseño interfaces intuitivas y sistemas de diseño coherentes, desde la "
            "investigación con usuarios hasta prototipos de alta fidelidad.",
            "Realizo entrevistas con usuarios y pruebas de usabilidad para validar cada decisión "
            "de diseño.",
            "He creado identidades de marca, logotipos y manuales de estilo para start-ups y "
            "empresas consolidadas.",
            "Trabajo codo con codo con los desarrolladores para que lo diseñado sea lo que se "
            "publica.",
            "Mi portfolio incluye proyectos web, móviles y de impresión.",
        ),
    },
    Domain.MARKETING: {
        "en": (
            "I define and run acquisition strategies that bring measurable results.",
            "I grew organic traffic by more than 150% for an e-commerce client in twelve months.",
            "I manage advertising budgets, track conversions and optimise campaigns every week.",
            "I write content that ranks well and speaks to the right audience.",
            "I build reporting dashboards so that every euro spent can be tracked.",
        ),
        "de": (
            "Ich entwickle und steuere Akquisitionsstrategien mit messbaren Ergebnissen.",
            "Für einen E-Commerce-Kunden habe ich den organischen Traffic in zwölf Monaten um "
            "über 150 % gesteigert.",
            "Ich verwalte Werbebudgets, messe Conversions und optimiere Kampagnen jede Woche.",
            "Ich schreibe Inhalte, die gut ranken und die richtige Zielgruppe ansprechen.",
            "Ich baue Reporting-Dashboards, damit jeder ausgegebene Euro nachvollziehbar ist.",
        ),
        "fr": (
            "Je définis et pilote des stratégies d'acquisition aux résultats mesurables.",
            "J'ai augmenté le trafic naturel de plus de 150 % en douze mois pour un client "
            "e-commerce.",
            "Je gère des budgets publicitaires, je suis les conversions et j'optimise les "
            "campagnes chaque semaine.",
            "Je rédige des contenus qui se positionnent bien et parlent à la bonne audience.",
            "Je construis des tableaux de bord pour suivre chaque euro investi.",
        ),
        "es": (
            "Defino y ejecuto estrategias de captación con resultados medibles.",
            "Aumenté el tráfico orgánico más de un 150 % en doce meses para un cliente de "
            "comercio electrónico.",
            "Gestiono presupuestos publicitarios, mido conversiones y optimizo campañas cada "
            "semana.",
            "Escribo contenidos que posicionan bien y hablan a la audiencia adecuada.",
            "Construyo cuadros de mando para que cada euro invertido sea medible.",
        ),
    },
    Domain.FINANCE: {
        "en": (
            "I support finance teams with closing, reporting, budgeting and forecasting.",
            "I have set up management reporting and KPIs for mid-sized companies and groups.",
            "I have led fundraising and due diligence processes alongside management teams.",
            "I am used to working with auditors and to tight closing deadlines.",
            "I improve financial processes and automate recurring reporting tasks.",
        ),
        "de": (
            "Ich unterstütze Finanzabteilungen bei Abschluss, Reporting, Budgetierung und "
            "Forecast.",
            "Ich habe Management-Reporting und Kennzahlen für Mittelständler und Konzerne "
            "aufgebaut.",
            "Ich habe Finanzierungsrunden und Due-Diligence-Prozesse an der Seite der "
            "Geschäftsführung geleitet.",
            "Die Zusammenarbeit mit Wirtschaftsprüfern und enge Abschlussfristen bin ich gewohnt.",
            "Ich verbessere Finanzprozesse und automatisiere wiederkehrende Reporting-Aufgaben.",
        ),
        "fr": (
            "J'accompagne les directions financières sur la clôture, le reporting, le budget et "
            "les prévisions.",
            "J'ai mis en place des reportings de gestion et des indicateurs pour des ETI et des "
            "groupes.",
            "J'ai conduit des levées de fonds et des due diligences aux côtés des dirigeants.",
            "J'ai l'habitude de travailler avec les commissaires aux comptes et des délais de "
            "clôture serrés.",
            "J'améliore les processus financiers et j'automatise les reportings récurrents.",
        ),
        "es": (
            "Apoyo a los departamentos financieros en el cierre, el reporting, el presupuesto y "
            "las previsiones.",
            "He implantado reporting de gestión e indicadores para medianas empresas y grupos.",
            "He dirigido rondas de financiación y procesos de due diligence junto a la dirección.",
            "Tengo experiencia trabajando con auditores y con plazos de cierre ajustados.",
            "Mejoro los procesos financieros y automatizo los informes recurrentes.",
        ),
    },
    Domain.CONSULTING: {
        "en": (
            "I lead projects from scoping to delivery, with clear governance and steering "
            "committees.",
            "I help organisations adopt agile ways of working and make change last.",
            "I have managed multi-million euro programmes with distributed teams.",
            "I facilitate workshops with business and IT stakeholders to align priorities.",
            "I translate business needs into clear requirements and roadmaps.",
        ),
        "de": (
            "Ich leite Projekte von der Konzeption bis zur Umsetzung, mit klarer Governance und "
            "Lenkungsausschüssen.",
            "Ich helfe Organisationen, agile Arbeitsweisen einzuführen und Veränderungen "
            "nachhaltig zu verankern.",
            "Ich habe Programme im Millionenbereich mit verteilten Teams gesteuert.",
            "Ich moderiere Workshops mit Fachbereich und IT, um Prioritäten abzustimmen.",
            "Ich übersetze fachliche Anforderungen in klare Spezifikationen und Roadmaps.",
        ),
        "fr": (
            "Je pilote des projets du cadrage à la livraison, avec une gouvernance claire et des "
            "comités de pilotage.",
            "J'aide les organisations à adopter l'agilité et à ancrer le changement dans la durée.",
            "J'ai piloté des programmes de plusieurs millions d'euros avec des équipes réparties.",
            "J'anime des ateliers avec les métiers et la DSI pour aligner les priorités.",
            "Je traduis les besoins métier en exigences claires et en feuilles de route.",
        ),
        "es": (
            "Dirijo proyectos desde la definición hasta la entrega, con una gobernanza clara y "
            "comités de seguimiento.",
            "Ayudo a las organizaciones a adoptar metodologías ágiles y a consolidar el cambio.",
            "He gestionado programas de varios millones de euros con equipos distribuidos.",
            "Facilito talleres con negocio y sistemas para alinear prioridades.",
            "Traduzco las necesidades de negocio en requisitos claros y hojas de ruta.",
        ),
    },
}

CLOSINGS: dict[str, tuple[str, ...]] = {
    "en": (
        "I am available for missions in {city} or remotely; feel free to contact me to discuss "
        "your project.",
        "Send me a short description of your needs and I will get back to you quickly.",
    ),
    "de": (
        "Ich stehe für Projekte in {city} oder remote zur Verfügung – sprechen Sie mich gerne an.",
        "Schicken Sie mir eine kurze Beschreibung Ihres Vorhabens, ich melde mich schnell.",
    ),
    "fr": (
        "Disponible pour des missions à {city} ou à distance, n'hésitez pas à me contacter pour "
        "parler de votre projet.",
        "Envoyez-moi une courte description de votre besoin, je vous réponds rapidement.",
    ),
    "es": (
        "Disponible para proyectos en {city} o en remoto; no dudes en escribirme para hablar de "
        "tu proyecto.",
        "Envíame una breve descripción de lo que necesitas y te responderé rápidamente.",
    ),
}


def description(
    rnd: random.Random,
    lang: str,
    domain: Domain,
    target_words: int,
    slots: dict[str, str],
    focus: str | None = None,
) -> str:
    """An introduction, the role's specialty (``focus``, when given), then in random order one
    sentence about skills, one about sectors, generic and domain sentences until about
    ``target_words``, then (usually) a closing line.
    Deterministic for a seeded ``rnd``."""
    parts = [rnd.choice(INTROS[lang]).format(**slots)]
    if focus:
        parts.append(rnd.choice(FOCUS_SENTENCES[lang]).format(focus=focus))
    words = sum(len(p.split()) for p in parts)
    pool = [
        rnd.choice(SKILL_SENTENCES[lang]),
        rnd.choice(SECTOR_SENTENCES[lang]),
        *GENERIC[lang],
        *DOMAIN_SENTENCES[domain][lang],
    ]
    rnd.shuffle(pool)
    closing = rnd.choice(CLOSINGS[lang]).format(**slots)
    closing_words = len(closing.split())
    for template in pool:
        if words + closing_words >= target_words:
            break
        sentence = template.format(**slots)
        parts.append(sentence)
        words += len(sentence.split())
    if words < target_words or rnd.random() < 0.7:
        parts.append(closing)
    return " ".join(parts)
