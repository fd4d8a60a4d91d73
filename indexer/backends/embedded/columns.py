"""The filter columns of the embedded index, addressed by slot, and filters compiled to masks.

* keyword fields: per field a vocabulary (value → id) and an inverted list value → slots
  (multi-valued fields simply have several pairs per slot);
* range fields: one float64 column per field, ``NaN`` when missing (dates as UTC timestamps,
  exactly as :func:`indexer.backends.reference._cmp_value` compares them);
* interval fields: (slot, start, end, scope) rows, an open end being ``+inf``;
* coordinates: (lat, lon) per slot, ``NaN`` when missing.

:meth:`FilterColumns.mask` compiles a :mod:`~indexer.backends.filters` expression to a boolean
mask over slots with the semantics of :func:`indexer.backends.reference.matches`.
"""

from __future__ import annotations

import numpy as np

from indexer.backends.embedded.encode import SCOPE_CODE
from indexer.backends.embedded.growable import GrowArray
from indexer.backends.embedded.inverted import InvertedPairs
from indexer.backends.embedded.segment import Arrays
from indexer.backends.filters import (
    EARTH_RADIUS_KM,
    And,
    Filter,
    GeoWithin,
    IntervalActive,
    IntervalField,
    KeywordField,
    MatchAll,
    Not,
    Or,
    Range,
    RangeField,
    Terms,
)
from indexer.backends.reference import _cmp_value
from indexer.errors import InvalidInputError, Problem


class _Intervals:
    def __init__(self) -> None:
        self.slot = GrowArray(np.int32)
        self.start = GrowArray(np.float64)
        self.end = GrowArray(np.float64)
        self.scope = GrowArray(np.int8)


class FilterColumns:
    """Every filterable value of every slot, appendable, compilable to masks."""

    def __init__(self) -> None:
        self.n_slots = 0
        self._vocab: dict[KeywordField, dict[str, int]] = {f: {} for f in KeywordField}
        self._kw: dict[KeywordField, InvertedPairs] = {f: InvertedPairs(np.uint8) for f in KeywordField}
        self._ranges = {f: GrowArray(np.float64, fill=np.nan) for f in RangeField}
        self._iv = {f: _Intervals() for f in IntervalField}
        self._geo = GrowArray(np.float64, (2,), fill=np.nan)
        #: sorted stored values for :meth:`canonical`, rebuilt after any change of the columns
        self._sorted: dict[tuple[str, object], object] = {}

    # -- writing ---------------------------------------------------------------------------
    def resize(self, n_slots: int) -> None:
        self._sorted.clear()
        self.n_slots = max(self.n_slots, n_slots)
        for col in self._ranges.values():
            col.resize(self.n_slots)
        self._geo.resize(self.n_slots)

    def append(self, a: Arrays) -> None:
        """Add the rows of segment arrays ``a`` (their slots must be new)."""
        slots = a["slots"]
        if len(slots) == 0:
            return
        self._sorted.clear()
        self.resize(int(slots.max()) + 1)
        for f in KeywordField:
            codes, off = a[f"kw.{f.value}.v"], a[f"kw.{f.value}.off"]
            if len(codes) == 0:
                continue
            vocab = self._vocab[f]
            ids = np.array(
                [vocab.setdefault(str(u), len(vocab)) for u in a[f"kw.{f.value}.v.dict"].tolist()],
                dtype=np.int32,
            )
            pair_slots = np.repeat(slots, np.diff(off)).astype(np.int32)
            self._kw[f].append(ids[codes], pair_slots)
        for rf in RangeField:
            self._ranges[rf].data[slots] = a[f"rg.{rf.value}"]
        for inf in IntervalField:
            g = self._iv[inf]
            g.slot.extend(slots[a[f"iv.{inf.value}.row"]])
            g.start.extend(a[f"iv.{inf.value}.start"])
            g.end.extend(a[f"iv.{inf.value}.end"])
            g.scope.extend(a[f"iv.{inf.value}.scope"])
        self._geo.data[slots] = a["geo"]

    # -- canonical keys --------------------------------------------------------------------
    def canonical(self, f: Filter) -> object:
        """A hashable key equal for two filters whenever their masks are equal *because* their
        bounds fall between the same stored values: a range bound becomes its position among
        the column's sorted distinct values, an interval instant its positions among the sorted
        starts and ends. So the eligibility filter of a search "as of now", which moves every
        second, keeps the same key (and the same cached mask) until a stored value (a login, a
        sanction start or end) lies between two instants. Exact, not an approximation:
        ``col >= x`` selects the values from ``searchsorted(values, x, "left")`` on, and
        ``start <= t < end`` is fixed by the counts of starts and of ends ``<= t``."""
        match f:
            case Range(field=field, gte=gte, lte=lte):
                values = self._sorted_range(field)
                return (
                    "range",
                    field,
                    None if gte is None else int(np.searchsorted(values, _cmp_value(gte), "left")),
                    None if lte is None else int(np.searchsorted(values, _cmp_value(lte), "right")),
                )
            case IntervalActive(field=field, at=at, scopes=scopes):
                if at.tzinfo is None:
                    raise InvalidInputError([Problem("at", "IntervalActive needs an aware datetime")])
                starts, ends = self._sorted_interval(field)
                t = at.timestamp()
                return (
                    "active",
                    field,
                    int(np.searchsorted(starts, t, "right")),
                    int(np.searchsorted(ends, t, "right")),
                    scopes,
                )
            case And(clauses=cs):
                return ("and", tuple(self.canonical(c) for c in cs))
            case Or(clauses=cs):
                return ("or", tuple(self.canonical(c) for c in cs))
            case Not(clause=c):
                return ("not", self.canonical(c))
        return f  # no moving bound: the filter itself (hashable)

    def _sorted_range(self, field: RangeField) -> np.ndarray:
        key = ("range", field)
        values = self._sorted.get(key)
        if values is None:
            col = self._ranges[field].data
            values = np.unique(col[~np.isnan(col)])
            self._sorted[key] = values
        return values  # type: ignore[return-value]

    def _sorted_interval(self, field: IntervalField) -> tuple[np.ndarray, np.ndarray]:
        key = ("interval", field)
        pair = self._sorted.get(key)
        if pair is None:
            g = self._iv[field]
            pair = (np.sort(g.start.data), np.sort(g.end.data))
            self._sorted[key] = pair
        return pair  # type: ignore[return-value]

    # -- compiling -------------------------------------------------------------------------
    def mask(self, f: Filter) -> np.ndarray:
        """Boolean mask over slots of the documents passing ``f`` (deleted slots not removed)."""
        n = self.n_slots
        match f:
            case MatchAll():
                return np.ones(n, dtype=bool)
            case Terms(field=field, values=values):
                m = np.zeros(n, dtype=bool)
                vocab = self._vocab[field]
                ids = [vocab[v] for v in values if v in vocab]
                m[self._kw[field].slots_of(ids)] = True
                return m
            case Range(field=field, gte=gte, lte=lte):
                col = self._ranges[field].data
                with np.errstate(invalid="ignore"):
                    m = ~np.isnan(col)
                    if gte is not None:
                        m &= col >= _cmp_value(gte)
                    if lte is not None:
                        m &= col <= _cmp_value(lte)
                if field is RangeField.AVAILABLE_FROM and gte is None:
                    m |= np.isnan(col)  # missing means "available now": below any upper bound
                return m
            case IntervalActive(field=field, at=at, scopes=scopes):
                if at.tzinfo is None:
                    raise InvalidInputError([Problem("at", "IntervalActive needs an aware datetime")])
                g = self._iv[field]
                t = at.timestamp()
                sel = (g.start.data <= t) & (t < g.end.data)
                if field is IntervalField.SANCTIONS and scopes is not None:
                    codes = [SCOPE_CODE[s] for s in scopes]
                    sel &= np.isin(g.scope.data, codes)
                m = np.zeros(n, dtype=bool)
                m[g.slot.data[sel]] = True
                return m
            case GeoWithin(lat=lat, lon=lon, radius_km=r):
                return self._geo_mask(lat, lon, r)
            case And(clauses=cs):
                m = np.ones(n, dtype=bool)
                for c in cs:
                    m &= self.mask(c)
                return m
            case Or(clauses=cs):
                m = np.zeros(n, dtype=bool)
                for c in cs:
                    m |= self.mask(c)
                return m
            case Not(clause=c):
                return ~self.mask(c)
        raise InvalidInputError([Problem("filter", f"not a filter: {f!r}")])

    def _geo_mask(self, lat: float, lon: float, radius_km: float) -> np.ndarray:
        """Haversine distance, the formula of :func:`indexer.backends.reference.haversine_km`."""
        geo = self._geo.data
        p1 = np.radians(lat)
        p2 = np.radians(geo[:, 0])
        dp = p2 - p1
        dl = np.radians(geo[:, 1] - lon)
        with np.errstate(invalid="ignore"):
            a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
            d = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
            return d <= radius_km  # NaN (no coordinates) compares False

    def nbytes(self) -> int:
        total = sum(p.nbytes() for p in self._kw.values())
        total += sum(c.nbytes() for c in self._ranges.values()) + self._geo.nbytes()
        return total
