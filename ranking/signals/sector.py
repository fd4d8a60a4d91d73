"""Sector fit: has the freelancer worked in the client's sector?

sector = 1 if the brief's sector is among the profile's sectors, else 0
"""

from __future__ import annotations

from collections.abc import Collection


def sector_fit(sector: str, profile_sectors: Collection[str]) -> float:
    return 1.0 if sector in profile_sectors else 0.0
