"""notebooks/explore.ipynb runs from top to bottom on a kernel of this Python (the venv's),
and is committed with its outputs cleared."""

from __future__ import annotations

import json
import sys

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "chainkg-test"


@pytest.fixture(scope="module")
def kernel_manager(tmp_path_factory):
    """A kernel of this very Python, from a kernel spec in a temporary folder.

    Not the "python3" kernel found on the machine: that may be another Python without `kg`.
    """
    kernels = tmp_path_factory.mktemp("kernels")
    spec = kernels / KERNEL
    spec.mkdir()
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "chainkg test kernel",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    specs = KernelSpecManager(kernel_dirs=[str(kernels)])
    return lambda: KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)


@pytest.fixture(scope="module")
def executed(kernel_manager):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        km=kernel_manager(),
        timeout=300,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, when a cell fails
    return nb


def _text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts.append(data.get("text/plain", ""))
        parts.append(data.get("text/html", ""))
    return "\n".join(parts)


def _find(nb, needle: str):
    return next(c for c in nb.cells if c.cell_type == "code" and needle in c.source)


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_markdown_is_in_chinese_and_english():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text = cell.source
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text[:40]
            assert any("a" <= ch.lower() <= "z" for ch in text), text[:40]


def test_defines_no_logic_of_its_own():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "def " not in source and "class " not in source and "lambda" not in source
    assert "from kg" in source


def test_every_cell_runs(executed):
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize(
    "cell, expected",
    [
        ('run_named(ds, "leading-enterprises")', "云铝海鑫"),
        ('"chains-led-by"', "绿色铝产业链"),
        ('"chain-leaders"', "市级领导"),
        ('"metrics"', "工业总产值"),
        ("chains_of_enterprises", "新材料产业链"),
        ("chain_leaders.html", "<div><iframe srcdoc="),
    ],
)
def test_cells_show_real_answers(executed, cell, expected):
    assert expected in _text(_find(executed, cell))


def test_build_cell_reports_three_articles(executed):
    assert "3 articles" in _text(_find(executed, "report = build("))


@pytest.mark.parametrize("cell", ["chain_leaders.png", "zhaotong.png"])
def test_plots_are_shown_as_images(executed, cell):
    outputs = _find(executed, cell).outputs
    assert any("image/png" in o.get("data", {}) for o in outputs)
