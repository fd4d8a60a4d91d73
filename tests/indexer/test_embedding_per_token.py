"""The per-token int8 MatMul rewrite: it computes what its numpy reference says, stays close to
the float product, and a row's result does not depend on the other rows (run by onnxruntime)."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from indexer.embedding.onnx_per_token import reference_matmul, replace_matmul_per_token

pytestmark = pytest.mark.unit

K, N = 96, 40


def _session(weights: np.ndarray, opset: int) -> ort.InferenceSession:
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")],
        "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "tokens", K])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "tokens", N])],
        [numpy_helper.from_array(weights, "w")],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", opset), helper.make_opsetid("com.microsoft", 1)],
    )
    model.ir_version = 8
    replace_matmul_per_token(model.graph, model.graph.node[0], "pt/", opset=opset)
    onnx.checker.check_model(model)
    assert "MatMul" not in {n.op_type for n in model.graph.node}
    assert "w" not in {i.name for i in model.graph.initializer}  # the float weights are gone
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(model.SerializeToString(), options, ["CPUExecutionProvider"])


def _activations(rng: np.random.Generator, batch: int, tokens: int) -> np.ndarray:
    """GELU-like rows: mostly small, a few outlier tokens ten times larger."""
    x = rng.normal(0.0, 0.6, (batch, tokens, K)).astype(np.float32)
    x = np.maximum(x, -0.17)
    x[:, 0] *= 10.0
    return x


@pytest.mark.parametrize("opset", [17, 18])
def test_matches_the_reference_and_the_float_product(opset: int) -> None:
    rng = np.random.default_rng(5)
    weights = rng.normal(0.0, 0.05, (K, N)).astype(np.float32)
    x = _activations(rng, 2, 7)
    got = _session(weights, opset).run(None, {"x": x})[0]
    assert got.shape == (2, 7, N) and got.dtype == np.float32
    np.testing.assert_allclose(got, reference_matmul(x, weights), rtol=1e-4, atol=1e-5)
    exact = x @ weights
    cosines = np.sum(got * exact, -1) / (
        np.linalg.norm(got, axis=-1) * np.linalg.norm(exact, axis=-1)
    )
    assert float(cosines.min()) > 0.999, float(cosines.min())


def test_a_row_does_not_depend_on_the_other_rows() -> None:
    rng = np.random.default_rng(9)
    weights = rng.normal(0.0, 0.05, (K, N)).astype(np.float32)
    session = _session(weights, 17)
    x = _activations(rng, 3, 5)
    x[2] *= 50.0  # a text with a far wider range in the same tensor
    together = session.run(None, {"x": x})[0]
    for i in range(3):
        alone = session.run(None, {"x": x[i : i + 1]})[0]
        assert np.array_equal(alone[0], together[i])


def test_constant_and_all_negative_rows_are_finite() -> None:
    rng = np.random.default_rng(1)
    weights = rng.normal(0.0, 0.05, (K, N)).astype(np.float32)
    x = np.zeros((1, 3, K), dtype=np.float32)
    x[0, 1] = -0.1
    x[0, 2] = np.linspace(-1.0, -0.01, K)
    got = _session(weights, 17).run(None, {"x": x})[0]
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got[0, 0], 0.0, atol=1e-6)
    np.testing.assert_allclose(got[0], (x @ weights)[0], atol=2e-2)
