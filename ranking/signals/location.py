"""Location and remote fit: working-mode compatibility times distance decay.

    location = mode(brief_mode, profile_mode) * place

``mode`` (brief mode → profile preference): the same mode gives 1; a remote project with a
hybrid or on-site freelancer 0.8 / 0.6 (they can still work remotely but prefer not to); an
on-site or hybrid project with a remote-only freelancer 0.3; on-site vs hybrid 0.8. No brief
mode given: 1.

``place`` matters only for on-site and hybrid work (remote: place = 1)::

    place = 1                                     if distance <= radius
          = exp(-(distance - radius) / decay_km)  beyond the radius

with the great-circle distance when both sides have coordinates; otherwise same city 1, same
country ``same_country`` (0.6), else ``elsewhere`` (0.2); unknown profile location 0.3.
"""

from __future__ import annotations

import math

import numpy as np

from indexer.profile.enums import RemoteMode
from ranking.signals import clamp01, clamp01_array, exp_exact

_MODE: dict[tuple[RemoteMode, RemoteMode], float] = {
    (RemoteMode.REMOTE, RemoteMode.REMOTE): 1.0,
    (RemoteMode.REMOTE, RemoteMode.HYBRID): 0.8,
    (RemoteMode.REMOTE, RemoteMode.ONSITE): 0.6,
    (RemoteMode.HYBRID, RemoteMode.HYBRID): 1.0,
    (RemoteMode.HYBRID, RemoteMode.ONSITE): 0.8,
    (RemoteMode.HYBRID, RemoteMode.REMOTE): 0.3,
    (RemoteMode.ONSITE, RemoteMode.ONSITE): 1.0,
    (RemoteMode.ONSITE, RemoteMode.HYBRID): 0.8,
    (RemoteMode.ONSITE, RemoteMode.REMOTE): 0.3,
}


def mode_fit(brief_mode: RemoteMode | None, profile_mode: RemoteMode) -> float:
    return 1.0 if brief_mode is None else _MODE[(brief_mode, profile_mode)]


def distance_decay(distance_km: float, radius_km: float, decay_km: float) -> float:
    """1 inside the radius, then ``exp(-(d - radius) / decay_km)``."""
    if distance_km <= radius_km:
        return 1.0
    return clamp01(math.exp(-(distance_km - radius_km) / decay_km))


def place_fit_without_coordinates(
    same_city: bool | None,
    same_country: bool | None,
    same_country_credit: float = 0.6,
    elsewhere: float = 0.2,
    unknown: float = 0.3,
) -> float:
    """The place factor from city / country alone (``None``: the profile does not say)."""
    if same_city:
        return 1.0
    if same_country:
        return same_country_credit
    if same_city is None and same_country is None:
        return unknown
    return elsewhere


def location_fit(brief_mode: RemoteMode | None, profile_mode: RemoteMode, place: float) -> float:
    """``mode * place``; ``place`` is ignored for remote work."""
    m = mode_fit(brief_mode, profile_mode)
    if brief_mode is RemoteMode.REMOTE:
        return clamp01(m)
    return clamp01(m * place)


def distance_decay_array(distance_km: np.ndarray, radius_km: float, decay_km: float) -> np.ndarray:
    """:func:`distance_decay` of many distances."""
    d = np.asarray(distance_km, dtype=np.float64)
    inside = d <= radius_km
    return np.where(inside, 1.0, clamp01_array(exp_exact(np.where(inside, 0.0, -(d - radius_km) / decay_km))))


def location_fit_array(brief_mode: RemoteMode | None, mode: np.ndarray, place: np.ndarray) -> np.ndarray:
    """:func:`location_fit` of many profiles, from their ``mode`` factors
    (:func:`mode_fit` of each profile's preference) and ``place`` factors."""
    m = np.asarray(mode, dtype=np.float64)
    if brief_mode is RemoteMode.REMOTE:
        return clamp01_array(m)
    return clamp01_array(m * np.asarray(place, dtype=np.float64))
