"""Form fields to typed models: the brief form shared by the client search, project
submission and the freelancer's "why am I (not) listed" page.

Empty fields are left out (the model's default applies); every validation problem is
reported against the form field the user typed it in, with the model's own message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ranking import Brief

#: The brief form's fields, in display order.
BRIEF_FIELDS = ("title", "description", "must_have", "nice_to_have", "languages",
                "language_level", "city", "country", "remote", "radius_km", "max_daily_rate",
                "start_date", "seniority")

#: Where a model location lands in the form (first element of the pydantic ``loc``).
_FIELD_OF = {"must_have_skills": "must_have", "nice_to_have_skills": "nice_to_have",
             "location": "city"}
_LOCATION_FIELD = {"city": "city", "country": "country", "remote": "remote",
                   "radius_km": "radius_km"}
MAX_FIELD_CHARS = 20_000


@dataclass
class BriefForm:
    """The raw values as typed (to show the form again) and the parsed brief or errors."""

    values: dict[str, str]
    brief: Brief | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def submitted(self) -> bool:
        return bool(self.values.get("title"))


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def parse_brief(source: Mapping[str, Any]) -> BriefForm:
    """Read the brief fields of a form or query string into a :class:`Brief`."""
    values = {name: str(source.get(name) or "").strip()[:MAX_FIELD_CHARS] for name in BRIEF_FIELDS}
    form = BriefForm(values=values)
    if not values["title"]:
        return form
    data: dict[str, Any] = {"title": values["title"], "description": values["description"],
                            "must_have_skills": _split(values["must_have"]),
                            "nice_to_have_skills": _split(values["nice_to_have"])}
    level = values["language_level"] or "professional"
    codes = [c.lower() for c in _split(values["languages"])]
    if codes:
        data["languages"] = [{"code": c, "min_level": level} for c in codes]
    location = {k: values[k] for k in ("city", "country", "remote", "radius_km") if values[k]}
    if "country" in location:
        location["country"] = location["country"].upper()
    if location:
        data["location"] = location
    for name in ("max_daily_rate", "start_date", "seniority"):
        if values[name]:
            data[name] = values[name]
    try:
        form.brief = Brief.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ())]
            name = _field_for(loc)
            form.errors.setdefault(name, str(err.get("msg", "invalid value")))
    return form


def _field_for(loc: list[str]) -> str:
    if not loc:
        return "title"
    head = loc[0]
    if head == "location" and len(loc) > 1:
        return _LOCATION_FIELD.get(loc[1], "city")
    if head == "languages":
        return "language_level" if loc[-1] == "min_level" else "languages"
    return _FIELD_OF.get(head, head if head in BRIEF_FIELDS else "title")


def brief_values(brief: Brief) -> dict[str, str]:
    """A stored brief back into form values (to prefill a form)."""
    loc = brief.location
    return {
        "title": brief.title, "description": brief.description,
        "must_have": ", ".join(brief.must_have_skills),
        "nice_to_have": ", ".join(brief.nice_to_have_skills),
        "languages": ", ".join(lang.code for lang in brief.languages),
        "language_level": brief.languages[0].min_level.value if brief.languages else "",
        "city": (loc.city or "") if loc else "", "country": (loc.country or "") if loc else "",
        "remote": (loc.remote.value if loc and loc.remote else ""),
        "radius_km": f"{loc.radius_km:g}" if loc and (loc.city or loc.lat is not None) else "",
        "max_daily_rate": f"{brief.max_daily_rate:g}" if brief.max_daily_rate else "",
        "start_date": brief.start_date.isoformat() if brief.start_date else "",
        "seniority": brief.seniority.value if brief.seniority else "",
    }


def text_field(form: Mapping[str, Any], name: str, *, max_chars: int = 2000) -> str:
    """A single text field, stripped and bounded (``""`` when absent or not text)."""
    value = form.get(name)
    return value.strip()[:max_chars] if isinstance(value, str) else ""
