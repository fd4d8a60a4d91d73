"""The notebooks in eval/notebooks run offline, end to end, with a kernel of this virtualenv."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NOTEBOOKS = Path(__file__).resolve().parents[2] / "eval" / "notebooks"


@pytest.mark.parametrize("name", ["compare_configurations.ipynb", "jobtitles_benchmark.ipynb"])
def test_notebook_executes(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TALENTMATCH_NOTEBOOK_QUERIES", "15")
    # The kernel is this interpreter (the virtualenv's), not some other Python on the machine.
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve() or spec.argv[0] == "python"
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    # Figures were produced inline.
    rendered = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                if o.output_type == "display_data" and "image/svg+xml" in o.get("data", {})]
    assert rendered
