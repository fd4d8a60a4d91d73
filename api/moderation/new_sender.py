"""The extra screen over a new user's first messages: what a moderator should look at.

Domain rules: the first messages a new user sends are moderated before delivery, and
contact details must not be shared before an order exists (conversations stay on the
platform). New accounts are where off-platform contact requests and link spam come from,
so a new sender's message is flagged when it carries

* an e-mail address (``name@host.tld``, also written ``name (at) host (dot) tld``),
* a phone number (7 or more digits, spaces, dots, dashes, brackets allowed in between;
  dates are not phone numbers),
* a link (``http(s)://``, ``www.``) or a messenger handle (WhatsApp, Telegram, Signal, Skype).

A flag does not reject the message: it holds it for a moderator (see
:mod:`api.services.messages`).
"""

from __future__ import annotations

import regex

_EMAIL = regex.compile(
    r"[\p{L}\p{N}._%+-]+\s*(?:@|\(\s*at\s*\)|\[\s*at\s*\])\s*[\p{L}\p{N}-]+"
    r"(?:\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\])\s*[\p{L}\p{N}-]+)+", regex.IGNORECASE)
_PHONE = regex.compile(r"(?<![\p{N}])\+?\(?\p{N}(?:[\s./()-]{0,2}\p{N}){6,}")
#: Dates are removed before looking for phone numbers (2026-03-01, 01.03.2026, 1/3/26).
_DATE = regex.compile(r"\b\p{N}{4}-\p{N}{1,2}-\p{N}{1,2}\b|\b\p{N}{1,2}[./]\p{N}{1,2}[./]\p{N}{2,4}\b")
_LINK = regex.compile(r"\bhttps?://|\bwww\.[\p{L}\p{N}-]+", regex.IGNORECASE)
_MESSENGER = regex.compile(r"\b(?:whats\s?app|telegram|signal|skype|wechat|viber)\b|"
                           r"(?<![\p{L}\p{N}])t\.me/", regex.IGNORECASE)


def screen(text: str) -> list[str]:
    """The reasons ``text`` needs a moderator's look (empty when none)."""
    flags: list[str] = []
    if _EMAIL.search(text):
        flags.append("contains an e-mail address")
    if _PHONE.search(_DATE.sub(" ", text)):
        flags.append("contains a phone number")
    if _LINK.search(text):
        flags.append("contains a link")
    if _MESSENGER.search(text):
        flags.append("mentions an off-platform messenger")
    return flags
