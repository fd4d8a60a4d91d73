"""European cities freelancers live in: coordinates, ISO country, local languages, currency.

``weight`` is the relative share of profiles (roughly the size of the city's freelance
market on a Paris/Berlin/Madrid-centred marketplace). ``languages`` lists the local languages
(ISO 639-1) with the share of locals who are native speakers of each; ``rate_factor`` scales
daily rates to the local market (1.0 = Paris), in EUR before currency conversion.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str
    lat: float
    lon: float
    weight: float
    languages: tuple[tuple[str, float], ...]
    rate_factor: float
    currency: str = "EUR"


def _c(
    name: str,
    country: str,
    lat: float,
    lon: float,
    weight: float,
    langs: str,
    rate: float,
    currency: str = "EUR",
) -> City:
    pairs = []
    for part in langs.split(","):
        code, _, share = part.partition(":")
        pairs.append((code.strip(), float(share) if share else 1.0))
    return City(name, country, lat, lon, weight, tuple(pairs), rate, currency)


CITIES: tuple[City, ...] = (
    # France
    _c("Paris", "FR", 48.8566, 2.3522, 14.0, "fr", 1.00),
    _c("Lyon", "FR", 45.7640, 4.8357, 4.0, "fr", 0.88),
    _c("Marseille", "FR", 43.2965, 5.3698, 2.0, "fr", 0.82),
    _c("Toulouse", "FR", 43.6047, 1.4442, 2.2, "fr", 0.85),
    _c("Bordeaux", "FR", 44.8378, -0.5792, 2.0, "fr", 0.84),
    _c("Nantes", "FR", 47.2184, -1.5536, 1.8, "fr", 0.84),
    _c("Lille", "FR", 50.6292, 3.0573, 1.6, "fr", 0.84),
    _c("Nice", "FR", 43.7102, 7.2620, 1.0, "fr", 0.86),
    _c("Strasbourg", "FR", 48.5734, 7.7521, 0.9, "fr:0.9,de:0.1", 0.85),
    # Germany
    _c("Berlin", "DE", 52.5200, 13.4050, 9.0, "de", 0.95),
    _c("Munich", "DE", 48.1351, 11.5820, 5.0, "de", 1.08),
    _c("Hamburg", "DE", 53.5511, 9.9937, 4.0, "de", 1.00),
    _c("Frankfurt", "DE", 50.1109, 8.6821, 3.2, "de", 1.08),
    _c("Cologne", "DE", 50.9375, 6.9603, 2.4, "de", 0.96),
    _c("Stuttgart", "DE", 48.7758, 9.1829, 2.0, "de", 1.02),
    _c("Düsseldorf", "DE", 51.2277, 6.7735, 1.6, "de", 0.98),
    _c("Leipzig", "DE", 51.3397, 12.3731, 1.0, "de", 0.85),
    # Spain
    _c("Madrid", "ES", 40.4168, -3.7038, 8.0, "es", 0.66),
    _c("Barcelona", "ES", 41.3874, 2.1686, 6.0, "es:0.7,ca:0.3", 0.66),
    _c("Valencia", "ES", 39.4699, -0.3763, 2.0, "es", 0.58),
    _c("Seville", "ES", 37.3891, -5.9845, 1.2, "es", 0.55),
    _c("Bilbao", "ES", 43.2630, -2.9350, 0.9, "es", 0.60),
    _c("Málaga", "ES", 36.7213, -4.4214, 1.0, "es", 0.57),
    # Benelux
    _c("Amsterdam", "NL", 52.3676, 4.9041, 3.5, "nl", 1.08),
    _c("Rotterdam", "NL", 51.9244, 4.4777, 1.2, "nl", 1.00),
    _c("Utrecht", "NL", 52.0907, 5.1214, 0.8, "nl", 1.00),
    _c("Brussels", "BE", 50.8503, 4.3517, 3.0, "fr:0.7,nl:0.3", 1.00),
    _c("Antwerp", "BE", 51.2194, 4.4025, 1.0, "nl", 0.96),
    _c("Luxembourg", "LU", 49.6116, 6.1319, 1.0, "fr:0.5,de:0.3,lb:0.2", 1.18),
    # Switzerland, Austria
    _c("Zurich", "CH", 47.3769, 8.5417, 2.5, "de", 1.55, "CHF"),
    _c("Geneva", "CH", 46.2044, 6.1432, 1.6, "fr", 1.50, "CHF"),
    _c("Basel", "CH", 47.5596, 7.5886, 0.7, "de", 1.45, "CHF"),
    _c("Lausanne", "CH", 46.5197, 6.6323, 0.7, "fr", 1.40, "CHF"),
    _c("Vienna", "AT", 48.2082, 16.3738, 2.6, "de", 0.92),
    _c("Graz", "AT", 47.0707, 15.4395, 0.5, "de", 0.82),
    # United Kingdom, Ireland
    _c("London", "GB", 51.5072, -0.1276, 5.0, "en", 1.20, "GBP"),
    _c("Manchester", "GB", 53.4808, -2.2426, 1.0, "en", 0.98, "GBP"),
    _c("Edinburgh", "GB", 55.9533, -3.1883, 0.6, "en", 1.00, "GBP"),
    _c("Dublin", "IE", 53.3498, -6.2603, 1.5, "en", 1.10),
    # Portugal, Italy
    _c("Lisbon", "PT", 38.7223, -9.1393, 3.0, "pt", 0.62),
    _c("Porto", "PT", 41.1579, -8.6291, 1.4, "pt", 0.57),
    _c("Milan", "IT", 45.4642, 9.1900, 2.8, "it", 0.82),
    _c("Rome", "IT", 41.9028, 12.4964, 1.4, "it", 0.74),
    _c("Turin", "IT", 45.0703, 7.6869, 0.7, "it", 0.72),
    # Nordics, central and eastern Europe
    _c("Copenhagen", "DK", 55.6761, 12.5683, 1.0, "da", 1.15),
    _c("Stockholm", "SE", 59.3293, 18.0686, 1.0, "sv", 1.10),
    _c("Helsinki", "FI", 60.1699, 24.9384, 0.5, "fi", 1.00),
    _c("Warsaw", "PL", 52.2297, 21.0122, 1.6, "pl", 0.55),
    _c("Kraków", "PL", 50.0647, 19.9450, 0.8, "pl", 0.50),
    _c("Prague", "CZ", 50.0755, 14.4378, 1.0, "cs", 0.58),
    _c("Budapest", "HU", 47.4979, 19.0402, 0.6, "hu", 0.52),
    _c("Tallinn", "EE", 59.4370, 24.7536, 0.4, "et", 0.70),
)

#: The text language (en/de/fr/es) a freelancer writes their profile in, by native language;
#: anyone else writes in English. ``TEXT_IN_ENGLISH`` is the chance a native de/fr/es speaker
#: writes in English anyway (international clients).
TEXT_LANGUAGE_OF_NATIVE: dict[str, str] = {
    "en": "en",
    "de": "de",
    "fr": "fr",
    "es": "es",
    "ca": "es",
    "lb": "fr",
}
TEXT_IN_ENGLISH = 0.18

#: How a city is called in German / French / Spanish text when that differs from ``City.name``
#: (the profile's ``city`` field always holds ``City.name``; descriptions use the local form).
CITY_NAMES: dict[str, dict[str, str]] = {
    "Munich": {"de": "München", "es": "Múnich"},
    "Cologne": {"de": "Köln", "es": "Colonia"},
    "Zurich": {"de": "Zürich", "es": "Zúrich"},
    "Vienna": {"de": "Wien", "fr": "Vienne", "es": "Viena"},
    "Brussels": {"de": "Brüssel", "fr": "Bruxelles", "es": "Bruselas"},
    "Antwerp": {"de": "Antwerpen", "fr": "Anvers", "es": "Amberes"},
    "Geneva": {"de": "Genf", "fr": "Genève", "es": "Ginebra"},
    "Basel": {"fr": "Bâle", "es": "Basilea"},
    "Lisbon": {"de": "Lissabon", "fr": "Lisbonne", "es": "Lisboa"},
    "Porto": {"es": "Oporto"},
    "Milan": {"de": "Mailand", "es": "Milán"},
    "Rome": {"de": "Rom", "es": "Roma"},
    "Turin": {"es": "Turín"},
    "Warsaw": {"de": "Warschau", "fr": "Varsovie", "es": "Varsovia"},
    "Kraków": {"de": "Krakau", "fr": "Cracovie", "es": "Cracovia"},
    "Prague": {"de": "Prag", "es": "Praga"},
    "Copenhagen": {"de": "Kopenhagen", "fr": "Copenhague", "es": "Copenhague"},
    "Stockholm": {"es": "Estocolmo"},
    "London": {"fr": "Londres", "es": "Londres"},
    "Edinburgh": {"fr": "Édimbourg", "es": "Edimburgo"},
    "Dublin": {"es": "Dublín"},
    "Seville": {"de": "Sevilla", "fr": "Séville", "es": "Sevilla"},
    "Barcelona": {"fr": "Barcelone"},
    "Valencia": {"fr": "Valence"},
    "Frankfurt": {"fr": "Francfort", "es": "Fráncfort"},
    "Hamburg": {"fr": "Hambourg", "es": "Hamburgo"},
    "Berlin": {"es": "Berlín"},
    "Marseille": {"es": "Marsella"},
    "Strasbourg": {"de": "Straßburg", "es": "Estrasburgo"},
    "Nice": {"de": "Nizza", "es": "Niza"},
    "Lille": {"es": "Lila"},
    "Luxembourg": {"de": "Luxemburg", "es": "Luxemburgo"},
    "Amsterdam": {"es": "Ámsterdam"},
}


def city_name(city: City, lang: str) -> str:
    """The city's name as written in a text in ``lang``."""
    return CITY_NAMES.get(city.name, {}).get(lang, city.name)
