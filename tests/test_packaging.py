"""pyproject.toml as setuptools reads it: no warning while chainkg is built or installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from .conftest import ROOT

# The PEP 517 hooks that `pip install -e .` (make demo) and `pip wheel .` call.
BUILD = """
from setuptools import build_meta
print("WHEEL", build_meta.build_wheel("dist"))
print("EDITABLE", build_meta.build_editable("dist"))
"""


def test_building_and_installing_warns_of_nothing(tmp_path):
    # issue 12 item 12: setuptools printed deprecation boxes about pyproject.toml during make demo
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "kg", tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run(
        [sys.executable, "-W", "always", "-c", BUILD],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    output = proc.stdout + proc.stderr
    for sign in ("Warning", "!!", "deprecat"):
        assert sign not in output, output[max(0, output.find(sign) - 800) :][:2000]
    (wheel,) = [line.split()[1] for line in proc.stdout.splitlines() if line.startswith("WHEEL ")]
    names = zipfile.ZipFile(tmp_path / "dist" / wheel).namelist()
    for data in (
        "kg/graph/queries/about.rq",
        "kg/extraction/rules/lexicon.toml",
        "kg/apps/static/view.js",
        "kg/apps/questions.toml",
    ):
        assert data in names
