"""Tokenizing for lexical analysis: the definition, and the fast implementation everybody uses.

The definition (:func:`tokenize_by_definition`: lower-case, then split on runs of
:data:`TOKEN_SPLIT`, i.e. everything but letters, digits, ``+`` and ``#``; OpenSearch's
``pattern`` tokenizer uses the same pattern) is applied by the ``regex`` module at about
45 ns per character, which made tokenizing the biggest cost of indexing.
:func:`tokenize` gives exactly its output with C-level string methods:

1. lower-case and encode to UTF-8, then map every ASCII separator byte to a space
   (``bytes.translate``); a separator replaced by a space is still a separator, so the
   tokens do not change;
2. split on whitespace (every whitespace character is a separator of the definition);
3. an ASCII text is done: only letters, digits, ``+`` and ``#`` are left between the spaces.
   Otherwise check, once for the whole text, that no (non-ASCII) separator is left: the text
   without spaces, with ``+`` and ``#`` read as letters, must be alphanumeric
   (``str.isalnum``). Every character Python calls alphanumeric is a letter or digit for
   ``regex`` too (``tests/indexer/test_embedded_encode.py`` checks all code points), so the
   words are then exactly the tokens;
4. otherwise split the words that are not alphanumeric with the definition's pattern.
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
#: For the check: ``+`` and ``#`` read as letters (spaces are deleted separately).
_PLUS_HASH_AS_LETTERS = bytes.maketrans(b"+#", b"aa")


def _only_token_characters(data: bytes) -> bool:
    """Step 3: whether every non-space character of the spaced text ``data`` is a letter,
    a digit, ``+`` or ``#``."""
    return data.isascii() or data.translate(_PLUS_HASH_AS_LETTERS, b" ").decode().isalnum()


def tokenize_by_definition(text: str) -> list[str]:
    """Lower-case, then split on :data:`TOKEN_SPLIT` (the oracle of :func:`tokenize`)."""
    return [t for t in _SPLIT.split(text.lower()) if t]


def tokenize(text: str) -> list[str]:
    """The tokens of ``text``: identical to :func:`tokenize_by_definition`."""
    try:
        data = text.lower().encode().translate(_TO_SPACE)
    except UnicodeEncodeError:  # a lone surrogate: not UTF-8 encodable, use the definition
        return tokenize_by_definition(text)
    words = data.decode().split()
    if _only_token_characters(data):
        return words
    out: list[str] = []
    for w in words:
        if w.isalnum():
            out.append(w)
        else:
            out += [t for t in _SPLIT.split(w) if t]
    return out
