"""The base signals of all the candidates of a query at once, column by column.

:func:`ranking.features.base_features` computes every signal but the text ones for one
profile; a query does it for its ~200 candidates, and that per-profile Python (a dozen
function calls with keyword arguments, enum lookups, a dict per profile) was ~14 µs a
candidate, about 3 ms a query. :func:`base_batch` gathers each field of the candidates' views
into one array and runs each signal's array form (``..._array`` in :mod:`ranking.signals`)
over all of them, then :func:`upper_bounds` bounds every candidate's score in one pass
(measured at 1M profiles, 200 candidates: base signals and bounds 3.2 -> 1.4 ms a query).

The values are those of :func:`~ranking.features.base_features`, bit for bit (the array
forms repeat the scalar operations in the same order; ``tests/ranking/test_batch.py``
compares both on generated profiles, every brief criterion and several ``as_of``), so the
ranker's results do not depend on which of the two computed them. :meth:`BaseBatch.features`
gives one candidate's values as :class:`~ranking.features.Features`, for the candidates that
are scored in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from indexer.backends.reference import haversine_km
from indexer.profile.enums import AvailabilityStatus, RemoteMode, SanctionKind
from ranking.features import Features, QueryContext, text_signals_applicable
from ranking.profileview import ProfileView
from ranking.pruning import EPSILON
from ranking.signals import SignalName
from ranking.signals.activity import activity_recency_array
from ranking.signals.availability import availability_fit_array
from ranking.signals.completeness import completeness_fit_array
from ranking.signals.languages import language_fit_array
from ranking.signals.location import (
    distance_decay_array,
    location_fit_array,
    mode_fit,
    place_fit_without_coordinates,
)
from ranking.signals.quality import quality_array
from ranking.signals.rate import rate_fit_array
from ranking.signals.responsiveness import responsiveness_array
from ranking.signals.sector import sector_fit
from ranking.signals.semantic import semantic_fit_array
from ranking.signals.seniority import seniority_fit_array
from ranking.signals.super_status import super_status_array
from ranking.signals.title_match import title_match

_ORDER = tuple(SignalName)
_UNAVAILABLE = AvailabilityStatus.UNAVAILABLE.value
_PARTIAL = AvailabilityStatus.PARTIALLY_AVAILABLE.value
_NAN = float("nan")


@dataclass(frozen=True, slots=True)
class BaseBatch:
    """Base signal values of candidates (row ``i``: ``views[i]``); see the module docstring.

    ``columns`` maps every signal, in :class:`SignalName` order, to its values (``None``:
    not applicable to the brief; the title is always ``None`` here, the skills unless
    :func:`base_batch` was given them)."""

    views: Sequence[ProfileView]
    columns: dict[SignalName, np.ndarray | None]
    distance_km: list[float | None]
    rate_eur: list[float | None]
    is_new: list[bool]
    _lists: list[tuple[SignalName, list[float] | None]] = field(
        default_factory=list, init=False, repr=False)  # the columns as lists, read per row

    def __post_init__(self) -> None:
        self._lists.extend(
            (name, None if col is None else col.tolist()) for name, col in self.columns.items()
        )

    def __len__(self) -> int:
        return len(self.views)

    def column_list(self, name: SignalName) -> list[float] | None:
        """Column ``name`` as a list of Python floats (what :meth:`titled` reads per row)."""
        for n, values in self._lists:
            if n is name:
                return values
        return None

    def features(self, i: int) -> Features:
        """Row ``i`` as :func:`~ranking.features.base_features` gives it."""
        values = {name: None if col is None else col[i] for name, col in self._lists}
        return Features(values, (), self.distance_km[i], self.rate_eur[i], self.is_new[i])

    def titled(self, ctx: QueryContext, i: int) -> Features:
        """``with_title(ctx, views[i], features(i))`` (:func:`ranking.features.with_title`),
        made with one dict and one :class:`Features` instead of two of each."""
        values = {name: None if col is None else col[i] for name, col in self._lists}
        values[SignalName.TITLE] = title_match(ctx.brief.title, self.views[i].headline)
        return Features(values, (), self.distance_km[i], self.rate_eur[i], self.is_new[i])


def columns_of(views: Sequence[ProfileView]) -> Any:
    """The views transposed: a :class:`ProfileView` whose every field holds the tuple of that
    field over ``views``, in order (one ``zip`` in C instead of an attribute lookup per view
    and field; typed ``Any``: its fields are not those of a view)."""
    if not views:
        return ProfileView._make([()] * len(ProfileView._fields))
    return ProfileView._make(zip(*views, strict=True))


def base_batch(
    ctx: QueryContext, views: Sequence[ProfileView], skills: np.ndarray | None = None
) -> BaseBatch:
    """The base signals of ``views`` for the query ``ctx`` (module docstring); with
    ``skills`` (:func:`ranking.skillbatch.skill_values` of ``views``), the skill signal too.

    Fields are read column by column (:func:`columns_of`); a column of numbers becomes an
    array in one ``np.array`` call (``None`` becomes NaN there, as the array forms expect)."""
    b = ctx.brief
    cfg = ctx.config
    params = cfg.signals
    as_of = ctx.as_of
    n = len(views)
    col = columns_of(views)
    # sanctions in force: rare, looked at only for the views that have any
    removed = np.zeros(n, dtype=bool)
    lost = np.zeros(n, dtype=bool)
    for i in [i for i, s in enumerate(col.sanctions) if s]:
        kinds = {s.kind for s in views[i].active_sanctions(as_of)}
        removed[i] = SanctionKind.REVIEWS_REMOVAL in kinds
        lost[i] = SanctionKind.SUPER_STATUS_LOSS in kinds
    # q.dot(v) is np.dot(q, v) (the same kernel, per view: a matrix product rounds differently)
    cosines = np.array(list(map(np.asarray(ctx.query_vector).dot, col.vector)), dtype=np.float64)

    languages = None
    if b.languages:
        levels = [dict(pairs) for pairs in col.languages]
        required = [
            (req.min_level.rank, np.array([lv.get(req.code, 0) for lv in levels], dtype=np.int64))
            for req in b.languages
        ]
        languages = language_fit_array(required, params.language_partial)

    location, distance = _location(ctx, views, col)

    fx, to_eur = cfg.fx, cfg.to_eur
    rate_eur: list[float | None] = [
        to_eur(r, c) if r is not None and c in fx else None
        for r, c in zip(col.daily_rate, col.currency, strict=True)
    ]
    rate = None
    if ctx.budget_eur is not None:
        rate = rate_fit_array(
            np.array(rate_eur, dtype=np.float64),
            ctx.budget_eur, params.rate_tolerance, params.rate_unknown,
        )

    start = ctx.start
    status, available_from = col.availability_value, col.available_from
    fresh_days = params.availability_fresh_days
    availability = availability_fit_array(
        np.array([s == _UNAVAILABLE and f is None for s, f in zip(status, available_from, strict=True)]),
        np.array([s == _PARTIAL for s in status]),
        np.array([0 if f is None else max(0, (f - start).days) for f in available_from], dtype=np.int64),
        np.array([
            c is not None and (as_of - c).days <= fresh_days for c in col.availability_confirmed_at
        ], dtype=bool),
        decay_days=params.availability_decay_days,
        partial=params.availability_partial,
        stale=params.availability_stale,
    )

    seniority = (
        seniority_fit_array(np.array(col.seniority_rank, dtype=np.int64), b.seniority.rank)
        if b.seniority else None
    )
    sector = (
        np.array([sector_fit(b.sector, s) for s in col.sectors], dtype=np.float64)
        if b.sector else None
    )

    quality = quality_array(
        np.where(removed, 0, np.array(col.review_count, dtype=np.int64)),
        np.where(removed, _NAN, np.array(col.review_mean, dtype=np.float64)),
        np.where(removed, 0, np.array(col.recommendations, dtype=np.int64)),
        prior_mean=params.review_prior_mean,
        prior_count=params.review_prior_count,
        rec_scale=params.recommendation_scale,
        rec_share=params.recommendation_share,
    )
    responsiveness = responsiveness_array(
        np.array(col.answered_within_24h, dtype=np.float64),
        np.array(col.median_first_response_minutes, dtype=np.float64),
        half_minutes=params.response_half_minutes,
        share_weight=params.response_share_weight,
        unknown=params.response_unknown,
    )
    window = {t: (as_of - ctx.window_start(t)).total_seconds() for t in set(col.profile_type)}
    activity = activity_recency_array(
        np.array([(as_of - t).total_seconds() for t in col.last_login_at], dtype=np.float64),
        np.array([window[t] for t in col.profile_type], dtype=np.float64),
    )
    super_status = super_status_array(np.array(col.super_status, dtype=bool), lost)
    new_days = cfg.exposure.new_profile_days
    is_new = [0 <= (as_of - c).total_seconds() / 86400.0 <= new_days for c in col.created_at]
    columns: dict[SignalName, np.ndarray | None] = {
        SignalName.SEMANTIC: semantic_fit_array(cosines),
        SignalName.TITLE: None,
        SignalName.SKILLS: skills,
        SignalName.LANGUAGES: languages,
        SignalName.LOCATION: location,
        SignalName.RATE: rate,
        SignalName.AVAILABILITY: availability,
        SignalName.SENIORITY: seniority,
        SignalName.SECTOR: sector,
        SignalName.COMPLETENESS: completeness_fit_array(
            np.array(col.completeness, dtype=np.float64)
        ),
        SignalName.ACTIVITY: activity,
        SignalName.QUALITY: quality,
        SignalName.RESPONSIVENESS: responsiveness,
        SignalName.SUPER_STATUS: super_status,
    }
    return BaseBatch(views, columns, distance, rate_eur, is_new)


def _location(
    ctx: QueryContext, views: Sequence[ProfileView], col: Any
) -> tuple[np.ndarray | None, list[float | None]]:
    """Location values (``None``: the brief gives no location criterion) and distances
    (``col``: :func:`columns_of` ``views``)."""
    loc = ctx.brief.location
    if loc is None:
        return None, [None] * len(views)
    params = ctx.config.signals
    coordinates = col.coordinates
    distance: list[float | None]
    if loc.lat is not None and loc.lon is not None:
        lat, lon = loc.lat, loc.lon
        distance = [
            None if c is None else haversine_km(lat, lon, c[0], c[1]) for c in coordinates
        ]
    else:
        distance = [None] * len(views)
    if loc.remote is None and not (loc.has_coordinates or loc.city or loc.country):
        return None, distance
    mode = loc.remote if loc.remote is not None else RemoteMode.ONSITE
    factors = {m.value: mode_fit(mode, m) for m in RemoteMode}
    m = np.array([factors[r] for r in col.remote_mode], dtype=np.float64)
    if mode is RemoteMode.REMOTE:  # the place is ignored for remote work
        return location_fit_array(mode, m, m), distance
    d = np.array(distance, dtype=np.float64)
    place = distance_decay_array(np.where(np.isnan(d), 0.0, d), loc.radius_km, params.location_decay_km)
    city = loc.city.strip().lower() if loc.city is not None else None
    for i in [i for i, x in enumerate(distance) if x is None]:
        v = views[i]
        place[i] = place_fit_without_coordinates(
            None if v.city is None or city is None else v.city.strip().lower() == city,
            None if v.country is None or loc.country is None else v.country == loc.country,
            params.location_same_country,
            params.location_elsewhere,
            params.location_unknown,
        )
    return location_fit_array(mode, m, place), distance


def open_signals(ctx: QueryContext, batch: BaseBatch) -> tuple[SignalName, ...]:
    """The text signals of this query's scores that ``batch`` has no column for: those the
    bounds take at their maximum, and :meth:`Ranker._finish` computes per candidate."""
    return tuple(n for n in text_signals_applicable(ctx) if batch.columns.get(n) is None)


def upper_bounds(
    batch: BaseBatch, weights: Mapping[SignalName, float], open_signals: Iterable[SignalName]
) -> np.ndarray:
    """:func:`ranking.pruning.upper_bound` of every row (the same sums, in the same order)."""
    opened = frozenset(open_signals)
    num: np.ndarray | float = 0.0
    den = 0.0
    for name in _ORDER:
        w = weights.get(name, 0.0)
        if w <= 0:
            continue
        if name in opened:
            num = num + w
            den += w
            continue
        col = batch.columns.get(name)
        if col is not None:
            num = num + w * col
            den += w
    if den <= 0:
        return np.full(len(batch), EPSILON)
    return np.broadcast_to(np.asarray(num, dtype=np.float64) / den + EPSILON, (len(batch),)).copy()

