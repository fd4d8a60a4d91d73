"""The words of result explanations in English, German and French.

One :class:`Texts` per language; :func:`texts` picks one and rejects unknown languages.
Templates use ``str.format`` fields named in each attribute's comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from indexer.errors import ConfigurationError
from ranking.signals import SignalName


class ExplanationLanguage(StrEnum):
    EN = "en"
    DE = "de"
    FR = "fr"


@dataclass(frozen=True, slots=True)
class Texts:
    labels: dict[SignalName, str]
    rank: str  # {rank} {score}
    skills: str  # {parts}
    must_have: str  # {have} {total}
    has: str  # {names}
    related: str  # {pairs}
    related_pair: str  # {via} {asked}
    lacks: str  # {names}
    strongest: str  # {items}
    weak: str  # {items}
    slot: str
    rate: str  # {rate} {over}
    location: str  # {km} {mode}
    availability: str  # {status} {when}
    available_from: str  # {date}
    activity: str  # {age}


_EN = Texts(
    labels={
        SignalName.SEMANTIC: "semantic fit",
        SignalName.TITLE: "title match",
        SignalName.SKILLS: "skills",
        SignalName.LANGUAGES: "languages",
        SignalName.LOCATION: "location",
        SignalName.RATE: "rate",
        SignalName.AVAILABILITY: "availability",
        SignalName.SENIORITY: "seniority",
        SignalName.SECTOR: "sector",
        SignalName.COMPLETENESS: "profile completeness",
        SignalName.ACTIVITY: "recent activity",
        SignalName.QUALITY: "reviews",
        SignalName.RESPONSIVENESS: "responsiveness",
        SignalName.SUPER_STATUS: "super status",
    },
    rank="Rank {rank}, score {score}.",
    skills="Skills: {parts}.",
    must_have="{have}/{total} must-have skills",
    has="has {names}",
    related="related: {pairs}",
    related_pair="{via} for {asked}",
    lacks="lacks {names}",
    strongest="Strongest: {items}.",
    weak="Weak: {items}.",
    slot="Shown in a first-page slot for recently joined profiles.",
    rate="rate {rate} EUR/day, {over}% over budget",
    location="location {km} km away, prefers {mode}",
    availability="availability {status}{when}",
    available_from=" from {date}",
    activity="last login {age}",
)

_DE = Texts(
    labels={
        SignalName.SEMANTIC: "inhaltliche Passung",
        SignalName.TITLE: "Übereinstimmung mit dem Titel",
        SignalName.SKILLS: "Kompetenzen",
        SignalName.LANGUAGES: "Sprachen",
        SignalName.LOCATION: "Ort",
        SignalName.RATE: "Tagessatz",
        SignalName.AVAILABILITY: "Verfügbarkeit",
        SignalName.SENIORITY: "Erfahrungsstufe",
        SignalName.SECTOR: "Branche",
        SignalName.COMPLETENESS: "Profilvollständigkeit",
        SignalName.ACTIVITY: "letzte Aktivität",
        SignalName.QUALITY: "Bewertungen",
        SignalName.RESPONSIVENESS: "Reaktionsfähigkeit",
        SignalName.SUPER_STATUS: "Super-Status",
    },
    rank="Rang {rank}, Punktzahl {score}.",
    skills="Kompetenzen: {parts}.",
    must_have="{have}/{total} Pflichtkompetenzen",
    has="hat {names}",
    related="verwandt: {pairs}",
    related_pair="{via} für {asked}",
    lacks="fehlt: {names}",
    strongest="Am stärksten: {items}.",
    weak="Schwach: {items}.",
    slot="Auf einem Platz der ersten Seite für neu angemeldete Profile.",
    rate="Tagessatz {rate} EUR, {over} % über Budget",
    location="Ort {km} km entfernt, bevorzugt {mode}",
    availability="Verfügbarkeit {status}{when}",
    available_from=" ab {date}",
    activity="letzte Anmeldung {age}",
)

_FR = Texts(
    labels={
        SignalName.SEMANTIC: "adéquation du contenu",
        SignalName.TITLE: "correspondance avec l'intitulé",
        SignalName.SKILLS: "compétences",
        SignalName.LANGUAGES: "langues",
        SignalName.LOCATION: "localisation",
        SignalName.RATE: "tarif",
        SignalName.AVAILABILITY: "disponibilité",
        SignalName.SENIORITY: "séniorité",
        SignalName.SECTOR: "secteur",
        SignalName.COMPLETENESS: "complétude du profil",
        SignalName.ACTIVITY: "activité récente",
        SignalName.QUALITY: "avis",
        SignalName.RESPONSIVENESS: "réactivité",
        SignalName.SUPER_STATUS: "statut super",
    },
    rank="Rang {rank}, score {score}.",
    skills="Compétences : {parts}.",
    must_have="{have}/{total} compétences requises",
    has="a {names}",
    related="proches : {pairs}",
    related_pair="{via} pour {asked}",
    lacks="manque {names}",
    strongest="Points forts : {items}.",
    weak="Points faibles : {items}.",
    slot="Affiché sur un emplacement de première page réservé aux nouveaux profils.",
    rate="tarif {rate} EUR/jour, {over} % au-dessus du budget",
    location="localisation à {km} km, préfère {mode}",
    availability="disponibilité {status}{when}",
    available_from=" à partir du {date}",
    activity="dernière connexion {age}",
)

_ALL = {ExplanationLanguage.EN: _EN, ExplanationLanguage.DE: _DE, ExplanationLanguage.FR: _FR}


def texts(language: str) -> Texts:
    """The texts of ``language`` (``en``, ``de`` or ``fr``)."""
    try:
        return _ALL[ExplanationLanguage(language)]
    except ValueError:
        raise ConfigurationError(
            f"unknown explanation language '{language}'; use one of "
            f"{', '.join(x.value for x in ExplanationLanguage)}"
        ) from None
