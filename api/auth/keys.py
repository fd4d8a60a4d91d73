"""API keys: generation and hashing.

A key looks like ``tm_<8 hex id>_<43 url-safe chars>`` (256 random bits). Only its SHA-256
is stored: a key carries enough entropy that a slow password hash adds nothing, and a fast
hash keeps authentication one indexed lookup. The short prefix is kept to show which key is
which in listings.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def generate_key() -> tuple[str, str, str]:
    """A new key: ``(plaintext, prefix, sha256 hex)``; the plaintext is shown once."""
    ident = secrets.token_hex(4)
    plaintext = f"tm_{ident}_{secrets.token_urlsafe(32)}"
    return plaintext, f"tm_{ident}", hash_key(plaintext)


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def same_key(a: str, b: str) -> bool:
    """Constant-time comparison of two keys (or hashes)."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
