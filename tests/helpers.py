"""Helpers shared by the tests that are plain functions, not fixtures: running the `kg` command.

`python -m kg.cli` sees the plug-in commands of kg/cli/ (its ``__main__`` block re-imports
the module), so every command runs through it as a real process in the repository's folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

__all__ = ["kg", "one_line_error"]


def kg(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `kg ARGS…` in a new Python process; its output is captured as text, never checked."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=timeout,
    )


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """The error line of a refused `kg` run: asserts a non-zero exit and one line, no traceback."""
    assert proc.returncode != 0, proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]
