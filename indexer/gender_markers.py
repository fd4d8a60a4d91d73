"""Gender markers of German and French job titles, removed so every variant reads as the base form.

German and French job ads mark titles as open to all genders in a handful of ways; a title
matcher or a glossary should see the same word in each::

    Verkäufer (m/w/d), Verkäufer (w/m/d), Developer (m/f/d), Vendeur (H/F), Chef de projet (F/H/X)
    Verkäufer/in, Verkäufer/-in, Lehrer*innen, Entwickler:in, Entwickler_in, LehrerIn
    employé·e, employé.e, vendeur/euse, directeur.rice, employé(e)

:func:`strip_gender_markers` drops the bracketed markers, the feminine endings attached with
``/``, ``/-``, ``*``, ``:``, ``_``, ``·`` or ``.``, the capital-I ending (case-sensitive, so
"Admin" stays) and loose ``m/w/d`` or `` / in`` markers. Feminine *words* ("Verkäuferin",
"vendeuse") are not markers; folding them is the caller's business.
"""

from __future__ import annotations

import re

#: Bracketed gender markers: (m/w/d), (w/m/d), (m/f/d), (h/f), (f/h), (H/F/X), (m/w), (e), (ne) ...
_BRACKET_MARKER = re.compile(
    r"[(\[]\s*(?:[mwfhdxi]\s*(?:[/|,]\s*[mwfhdxi]\s*)+|e|ne|es|in|innen|euse|rice|trice|ère|ere)\s*[)\]]",
    re.IGNORECASE,
)
#: Feminine endings attached with a separator: Verkäufer/in, Lehrer*innen, employé·e, vendeur/euse.
_ATTACHED_MARKER = re.compile(
    r"(?<=\w)(?:/-?|\*|:|_|·|\.|-/)(?:in|innen|e|ne|es|euse|euses|rice|rices|trice|trices|ère|ere|fe|le)\b",
    re.IGNORECASE,
)
#: Capital-I ending: LehrerIn, MitarbeiterInnen (case-sensitive, so "Admin" is untouched).
_CAPITAL_I = re.compile(r"(?<=[a-zäöüß])In(?:nen)?\b")
#: Loose slash markers with spaces: "Verkäufer / in", "m/w/d" without brackets.
_LOOSE_MARKER = re.compile(
    r"(?:\s/\s?(?:in|innen|e)\b)|(?:\b[mwfh]\s*/\s*[mwfh](?:\s*/\s*[dx])?\b)", re.IGNORECASE
)


def strip_gender_markers(text: str) -> str:
    """``text`` without gender markers (see the module docstring); other text is unchanged."""
    text = _BRACKET_MARKER.sub(" ", text)
    text = _CAPITAL_I.sub("", text)
    text = _ATTACHED_MARKER.sub("", text)
    return _LOOSE_MARKER.sub(" ", text)
