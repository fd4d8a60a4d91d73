"""Message catalogues of the web pages: English in the templates, German and French in
gettext ``.po`` files under ``api/web/locale/<lang>/LC_MESSAGES/messages.po``.

The ``.po`` files are the source of truth (translators edit them; ``pybabel extract``
refreshes them from the templates, see ``api/web/README.md``). They are compiled in memory
when the application starts, so no build step and no ``.mo`` files are needed.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"


class Language(StrEnum):
    """Languages the pages speak; English is the source language."""

    EN = "en"
    DE = "de"
    FR = "fr"


@dataclass(frozen=True)
class Catalogues:
    """One translation per language. English is the source language; its catalogue only
    gives enum values (``pending_review``) their display words."""

    translations: Mapping[Language, gettext.NullTranslations]

    @classmethod
    def load(cls, locale_dir: Path = LOCALE_DIR) -> Catalogues:
        found: dict[Language, gettext.NullTranslations] = {}
        for lang in Language:
            po = locale_dir / lang.value / "LC_MESSAGES" / "messages.po"
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang.value)
            buf = io.BytesIO()
            write_mo(buf, catalog)
            buf.seek(0)
            found[lang] = gettext.GNUTranslations(buf)
        return cls(found)

    def get(self, lang: Language) -> gettext.NullTranslations:
        return self.translations[lang]


def negotiate(cookie: str | None, accept_language: str | None) -> Language:
    """The page language: the ``tm_lang`` cookie if valid, else the first supported language
    of ``Accept-Language`` (by q-value), else English."""
    if cookie is not None and cookie in Language._value2member_map_:
        return Language(cookie)
    best: tuple[float, Language] | None = None
    for i, part in enumerate((accept_language or "").split(",")[:20]):
        piece = part.strip()
        if not piece:
            continue
        tag, _, params = piece.partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        code = tag.strip().lower()[:2]
        if code in Language._value2member_map_ and q > 0:
            # Earlier entries win ties (stable): subtract a tiny amount per position.
            score = q - i * 1e-6
            if best is None or score > best[0]:
                best = (score, Language(code))
    return best[1] if best else Language.EN


def enum_messages() -> tuple[str, ...]:
    """Values of the enums the pages show through ``_()`` (statuses, roles, kinds...): they
    are looked up at run time, so extraction cannot see them; the catalogue test checks that
    every one has a translation."""
    from api.enums import (
        CandidateDecision,
        CandidateOrigin,
        ContactStatus,
        HeldMessageStatus,
        MessageField,
        ProjectService,
        ProjectStatus,
        ReferralStatus,
        ReportStatus,
        ReportTarget,
        ReviewRemovalStatus,
        Role,
        SanctionTarget,
        SourcingStatus,
    )
    from indexer.profile import RemoteMode, SanctionKind, SanctionScope, Seniority

    enums = (CandidateDecision, CandidateOrigin, ContactStatus, HeldMessageStatus, MessageField,
             ReferralStatus, ReviewRemovalStatus, ProjectService, ProjectStatus,
             ReportStatus, ReportTarget, Role, SanctionTarget, SourcingStatus, RemoteMode,
             SanctionKind, SanctionScope, Seniority)
    return tuple(sorted({member.value for enum in enums for member in enum}))
