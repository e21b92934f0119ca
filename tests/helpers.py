"""Helpers shared by the tests that are plain functions, not fixtures: running the `kg` command,
and the options of the Chromium in which the browser tests open pages.

`python -m kg.cli` sees the plug-in commands of kg/cli/ (its ``__main__`` block re-imports
the module), so every command runs through it as a real process in the repository's folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from .conftest import ROOT

__all__ = ["kg", "one_line_error", "CHROMIUM", "chromium_options"]

#: Debian's Chromium, in which tests/test_browser.py and benchmarks/bench_views.py open views.
CHROMIUM = Path("/usr/bin/chromium")


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


def chromium_options() -> dict[str, Any]:
    """Keyword arguments for playwright's ``chromium.launch_persistent_context`` that open views
    in `CHROMIUM`, headless, in a 1280x800 viewport, with no GPU, no QUIC and none of the
    browser's own traffic (first run, sync, component updates, background networking), so every
    request left is the page's.
    """
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
        "viewport": {"width": 1280, "height": 800},
    }


def asker_over(folder: Path, text: str) -> Any:
    """An `Asker` over the store built from one article of `text` (written into `folder`)."""
    from kg.apps.ask import Asker
    from kg.graph.store import open_store
    from kg.run.build import build

    (folder / "article.txt").write_text(text, encoding="utf-8")
    build([folder / "article.txt"], out=folder / "out", exports=False)
    return Asker(open_store(folder / "out" / "store"))
