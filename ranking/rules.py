"""A named eligibility rule: one filter clause plus the words that explain it.

The policy and the brief's hard criteria compile to a tuple of rules. Their conjunction is
the filter every backend applies inside retrieval; each rule alone, evaluated with the
reference semantics (:func:`indexer.backends.reference.matches`), tells why a given profile
is listed (``admitted``) or not (``rejected``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from indexer.backends.filters import And, Filter, FilterValues, MatchAll, filter_values
from indexer.backends.reference import matches
from indexer.profile.model import Profile

Describe = Callable[[Profile], str | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One clause of eligibility.

    ``admitted(profile)`` says why a profile passing the clause passes it (``None``: nothing
    worth saying); ``rejected(profile)`` why a profile failing it fails.
    """

    name: str
    filter: Filter
    admitted: Describe
    rejected: Describe


def conjunction(rules: Sequence[Rule]) -> Filter:
    """The filter a backend applies: every rule's clause."""
    clauses = [r.filter for r in rules if not isinstance(r.filter, MatchAll)]
    if not clauses:
        return MatchAll()
    return clauses[0] if len(clauses) == 1 else And(*clauses)


def evaluate(
    rules: Sequence[Rule], profile: Profile, values: FilterValues | None = None
) -> tuple[list[str], list[str]]:
    """``(admitted_by, rejected_by)`` texts for ``profile`` under ``rules``.

    The profile is eligible exactly when ``rejected_by`` is empty.
    """
    vals = values if values is not None else filter_values(profile)
    admitted: list[str] = []
    rejected: list[str] = []
    for rule in rules:
        if matches(rule.filter, vals):
            text = rule.admitted(profile)
            if text:
                admitted.append(text)
        else:
            rejected.append(rule.rejected(profile) or f"fails rule '{rule.name}'")
    return admitted, rejected
