"""The helper process of :class:`~indexer.backends.embedded.lexical_encode.LexicalEncoder`.

Run as ``python -m indexer.backends.embedded.lexical_helper`` (never imported by the user's
program, unlike a ``multiprocessing`` child, which re-runs the parent's main script). Protocol
over stdin/stdout, one pickle per message: it first writes ``"ready"``; then for each request
``(sources, language codes)`` it answers ``("ok", (arrays, seconds))`` (:func:`lexical_arrays`
and the seconds it took) or
``("error", message)``; it exits at the end of its input (the parent closed the pipe).
"""

from __future__ import annotations

import pickle
import sys
import time
from typing import BinaryIO

from indexer.backends.embedded.analyzer import CachedAnalyzer
from indexer.backends.embedded.lexical_encode import LANGUAGES, lexical_arrays


def serve(inp: BinaryIO, out: BinaryIO) -> None:
    """Answer requests from ``inp`` on ``out`` until ``inp`` ends."""
    analyzer = CachedAnalyzer()
    pickle.dump("ready", out)
    out.flush()
    while True:
        try:
            sources, codes = pickle.load(inp)
        except EOFError:
            return
        try:
            started = time.perf_counter()
            arrays = lexical_arrays(sources, [LANGUAGES[c] for c in codes], analyzer)
            reply: tuple[str, object] = ("ok", (arrays, time.perf_counter() - started))
        except Exception as e:  # reported to the parent, which then encodes the batch itself
            reply = ("error", f"{type(e).__name__}: {e}")
        pickle.dump(reply, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


def main() -> None:
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol
    serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    main()
