"""What the CPU can do natively, read from ``/proc/cpuinfo`` (Linux; elsewhere: nothing)."""

from __future__ import annotations

from pathlib import Path

#: CPU flags that mean bf16 matrix arithmetic runs natively (AVX-512 BF16 or AMX).
BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """The flags of the first CPU listed, or an empty set if they cannot be read."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return frozenset(value.split())
    return frozenset()


def cpu_supports_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """True when the CPU has native bf16 instructions (where bf16 inference is faster)."""
    return bool(BF16_FLAGS & cpu_flags(cpuinfo))
