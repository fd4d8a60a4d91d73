"""Tokenizing for lexical analysis: the definition, and the fast implementation everybody uses.

The definition (:func:`tokenize_by_definition`: lower-case, then split on runs of
:data:`TOKEN_SPLIT`, i.e. everything but letters, digits, ``+`` and ``#``; OpenSearch's
``pattern`` tokenizer uses the same pattern) is applied by the ``regex`` module at about
45 ns per character, which made tokenizing the biggest cost of indexing.
:func:`tokenize` gives exactly its output with C-level string methods:

1. lower-case and encode to UTF-8, then map every ASCII separator byte to a space
   (``bytes.translate``); a separator replaced by a space is still a separator, so the
   tokens do not change;
2. an ASCII text is then done: only letters, digits, ``+`` and ``#`` are left between the
   spaces. Otherwise take the distinct non-ASCII characters (the text with every ASCII byte
   deleted, decoded: a short string) and replace each that is a separator, by the
   definition's own character class (``str.isalnum`` first: every character Python calls
   alphanumeric is a letter or digit for ``regex`` too, which
   ``tests/indexer/test_embedded_encode.py`` checks on all code points), by a space in the
   bytes. UTF-8 is self-synchronising, so the bytes of one character only ever match at that
   character;
3. split on whitespace: between the spaces only token characters are left, so the words
   are exactly the tokens.
"""

from __future__ import annotations

import string

import regex

#: Java/PCRE-compatible pattern of token separators.
TOKEN_SPLIT = r"[^\p{L}\p{N}+#]+"
_SPLIT = regex.compile(TOKEN_SPLIT)

_TOKEN_ASCII = set(string.ascii_letters + string.digits + "+#")
_SEPARATORS = bytes(c for c in range(128) if chr(c) not in _TOKEN_ASCII)
#: ASCII separators → space (``+``, ``#``, letters and digits and bytes >= 128 unchanged).
_TO_SPACE = bytes.maketrans(_SEPARATORS, b" " * len(_SEPARATORS))
#: Every ASCII byte (deleted to leave the non-ASCII characters of a text).
_ASCII_BYTES = bytes(range(128))
#: One token character of the definition.
_TOKEN_CHAR = regex.compile(r"[\p{L}\p{N}+#]")


def tokenize_by_definition(text: str) -> list[str]:
    """Lower-case, then split on :data:`TOKEN_SPLIT` (the oracle of :func:`tokenize`)."""
    return [t for t in _SPLIT.split(text.lower()) if t]


def _separated(text: str) -> bytes | None:
    """``text`` lower-cased and UTF-8 encoded with every separator replaced by a space, so
    that its whitespace-separated words are the tokens (steps 1 and 2 above); ``None`` when it
    holds a lone surrogate (not UTF-8 encodable)."""
    try:
        data = text.lower().encode().translate(_TO_SPACE)
    except UnicodeEncodeError:
        return None
    if not data.isascii():
        for ch in set(data.translate(None, _ASCII_BYTES).decode()):
            if not ch.isalnum() and _TOKEN_CHAR.fullmatch(ch) is None:
                data = data.replace(ch.encode(), b" ")
    return data


def tokenize(text: str) -> list[str]:
    """The tokens of ``text``: identical to :func:`tokenize_by_definition`."""
    data = _separated(text)
    if data is None:  # a lone surrogate: use the definition
        return tokenize_by_definition(text)
    return data.decode().split()


def tokenize_bytes(text: str) -> list[bytes]:
    """The tokens of ``text`` UTF-8 encoded (a lone surrogate with ``surrogatepass``, so that
    every token still has exactly one encoding): ``[t.encode("utf-8", "surrogatepass") for t
    in tokenize_by_definition(text)]``.

    For bulk indexing, which only needs the tokens as keys into a memo: splitting the bytes
    (``bytes.split`` splits on ASCII whitespace only, and the only whitespace left is the
    space) skips decoding the text and building ``str`` objects. Measured on the 20,000
    benchmark profile texts (``benchmarks._workload``, 1,100 characters, 85 % non-ASCII,
    process time, best of 3): 19.4 µs per text with :func:`tokenize`, 14.9 µs here.
    """
    data = _separated(text)
    if data is None:
        return [t.encode("utf-8", "surrogatepass") for t in tokenize_by_definition(text)]
    return data.split()
