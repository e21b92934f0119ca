"""Memory the C heap freed, given back to the system between large steps (a store's loading).

>>> fix_mmap_threshold()
>>> release_memory()
"""

from __future__ import annotations

import ctypes
from typing import Any

__all__ = ["release_memory", "fix_mmap_threshold", "MMAP_THRESHOLD"]

# glibc's own starting value: blocks of this size and more get pages of their own (mmap).
MMAP_THRESHOLD = 128 << 10
_M_MMAP_THRESHOLD = -3  # mallopt's parameter (malloc.h)


def release_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; else nothing).

    Oxigraph's bulk loader and queries free what they allocate, but glibc keeps the freed pages,
    so without this the resident size creeps up call after call with the size of the store.

    >>> release_memory()
    """
    trim = _libc("malloc_trim")
    if trim is not None:
        trim(0)


def fix_mmap_threshold(size: int = MMAP_THRESHOLD) -> None:
    """Make glibc give every block of `size` bytes or more pages of its own, for the rest of the
    process (``mallopt(M_MMAP_THRESHOLD)``; elsewhere nothing): freed, they go back to the system.

    Without it glibc raises that threshold each time such a block is freed, up to 32 MiB: after
    the first calls of Oxigraph's bulk loader (which frees blocks of many megabytes) its large
    buffers are carved from the threads' heaps (arenas) instead, where what they leave behind
    is not handed back, not even by `release_memory`: a build's resident size grew with the
    store (peak 265 -> 322 MB from 1,000 to 3,250 generated articles, the arenas 31 -> 71 MB
    after trimming), and stays flat with the threshold fixed (benchmarks/README.md, Scale).

    >>> fix_mmap_threshold()
    """
    mallopt = _libc("mallopt")
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, size)


def _libc(name: str) -> Any:
    """glibc's function `name`, or None (not musl, macOS, Windows)."""
    if name not in _FOUND:
        try:
            _FOUND[name] = getattr(ctypes.CDLL(None), name)
        except (OSError, AttributeError, TypeError):
            _FOUND[name] = None
    return _FOUND[name]


_FOUND: dict[str, Any] = {}  # looked up once
