"""Writing files whole or not at all: beside the target, then renamed over it.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> atomic_write(path, lambda f: f.write("链长制".encode("utf-8"))).read_text(encoding="utf-8")
'链长制'
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write"]


def atomic_write(path: Path, write: Callable[[IO[bytes]], Any]) -> Path:
    """Call `write` with a binary file beside `path`, then rename it to `path`: a reader never
    sees half a file, and a failed write leaves the old one (and no temporary file)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
