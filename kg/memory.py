"""Memory the C heap freed, given back to the system between large steps (a store's loading).

>>> release_memory()
"""

from __future__ import annotations

import ctypes
from typing import Any

__all__ = ["release_memory"]


def release_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; else nothing).

    Oxigraph's bulk loader and queries free what they allocate, but glibc keeps the freed pages,
    so without this the resident size creeps up call after call with the size of the store.

    >>> release_memory()
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _malloc_trim() -> Any:
    global _TRIM
    if _TRIM is False:
        try:
            _TRIM = ctypes.CDLL(None).malloc_trim  # glibc only (not musl, macOS, Windows)
        except (OSError, AttributeError, TypeError):
            _TRIM = None
    return _TRIM


_TRIM: Any = False  # not looked up yet
