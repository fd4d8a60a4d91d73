"""bf16 is used only where it agrees with fp32: min cosine >= 0.999 on ~200 real profile texts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.embedding import BF16_MIN_COSINE, SentenceTransformerEmbedder, cpu_supports_bf16
from indexer.embedding.cpu import cpu_flags
from indexer.generate import generate_profiles
from indexer.settings import Precision
from indexer.text import embedding_text
from tests.indexer.realistic import profile_texts

pytestmark = pytest.mark.integration


def test_bf16_agrees_with_fp32_on_200_profiles() -> None:
    """The embedded texts of 200 generated profiles (en/de/fr/es, full length) and 50 short ones."""
    texts = [embedding_text(p) for p in generate_profiles(200, seed=11)] + profile_texts(
        50, seed=11
    )
    fp32 = SentenceTransformerEmbedder(precision=Precision.FP32).encode(texts)
    bf16_model = SentenceTransformerEmbedder(precision=Precision.BF16)
    assert bf16_model.model_id.endswith("@bf16")
    bf16 = bf16_model.encode(texts)
    assert bf16.dtype == np.float32
    cosines = np.sum(fp32 * bf16, axis=1)
    assert float(cosines.min()) >= BF16_MIN_COSINE, float(cosines.min())
    # and the nearest neighbours barely move: top-1 of each text among the others
    sim32, sim16 = fp32 @ fp32.T, bf16 @ bf16.T
    np.fill_diagonal(sim32, -2)
    np.fill_diagonal(sim16, -2)
    assert np.mean(sim32.argmax(1) == sim16.argmax(1)) >= 0.95


def test_auto_uses_bf16_exactly_when_the_cpu_has_it() -> None:
    auto = SentenceTransformerEmbedder(precision=Precision.AUTO)
    expected = Precision.BF16 if cpu_supports_bf16() else Precision.FP32
    assert auto.precision is expected
    assert auto.model_id.endswith(f"@{expected.value}")


def test_cpu_flags_are_read_from_cpuinfo(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16\n\nprocessor\t: 1\n")
    assert cpu_supports_bf16(info)
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2\n")
    assert not cpu_supports_bf16(info)
    assert cpu_flags(tmp_path / "missing") == frozenset()
