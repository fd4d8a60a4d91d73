"""Ordering: score descending, ties on profile id, plus new-profile slots on the first page.

Organic order is ``(-score, profile_id)``. If the first page (``first_page_size`` results)
holds fewer than ``new_profile_slots`` recently joined profiles, the best new profiles from
further down are moved onto it: the page is the organic top ``P - j`` plus the ``j`` best new
profiles not already among them, with ``j`` the smallest number that puts ``min(slots, new
profiles available)`` new profiles on the page. The page is then sorted organically again,
and the ``j`` profiles the rule placed are flagged ``new_profile_slot`` (so the unflagged
results are always in organic order). Everything after the page keeps the
organic order.

The rule is monotone: raising one profile's score never lowers its rank (property-tested).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Scored(NamedTuple, Generic[T]):
    """A scored candidate (a named tuple: cheaper to make than a frozen dataclass)."""

    id: str
    score: float
    is_new: bool
    item: T


def order(
    scored: Sequence[Scored[T]], *, slots: int, page_size: int
) -> list[tuple[Scored[T], bool]]:
    """``[(scored, promoted_into_new_profile_slot), ...]`` in final rank order."""
    organic = sorted(scored, key=lambda s: (-s.score, s.id))
    page_size = min(page_size, len(organic))
    wanted = min(slots, sum(1 for s in organic if s.is_new), page_size)
    if wanted == 0 or sum(1 for s in organic[:page_size] if s.is_new) >= wanted:
        return [(s, False) for s in organic]
    for j in range(1, page_size + 1):
        head = organic[: page_size - j]
        have = sum(1 for s in head if s.is_new)
        extra = [s for s in organic[page_size - j :] if s.is_new][:j]
        if have + len(extra) >= wanted:
            break
    promoted = {s.id for s in extra}
    page = sorted([*head, *extra], key=lambda s: (-s.score, s.id))
    on_page = {s.id for s in page}
    rest = [s for s in organic if s.id not in on_page]
    # Every profile the slot rule put on the page is flagged (all of them are new).
    return [(s, s.id in promoted) for s in page] + [(s, False) for s in rest]
