"""Locks that keep two `kg` processes from writing the same store or output folder at once.

A lock is an advisory ``flock`` on a small file beside what it guards (never inside a store,
which a build replaces by renaming): ``.STORE.lock`` in the store's parent folder for a store,
``.kg-build.lock`` in an output folder. The file holds the holder's pid and command, so a
refusal can say who holds it. The kernel releases a lock when its process ends, however it
ends, so a killed `kg build` never leaves a lock that blocks the next one.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with hold(folder / ".kg-build.lock", "the output folder x"):
...     holder(folder / ".kg-build.lock")["pid"] == os.getpid()
True
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.errors import StoreError

__all__ = ["hold", "holder", "store_lock", "out_lock", "OUT_LOCK", "COMMAND"]

OUT_LOCK = ".kg-build.lock"
#: How a lock file names its holder's command; the CLI sets it to the command line it runs.
COMMAND: str | None = None

# Descriptors of the locks this process holds. A forked child (a worker of kg.run.parallel) closes
# its copies at once: a flock belongs to the open file, so a child that outlived a killed
# parent would otherwise keep the lock.
_HELD: set[int] = set()


def _close_inherited() -> None:
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited)


def store_lock(store: str | os.PathLike[str]) -> Path:
    """The lock file of the store at `store`: beside it, as it is swapped by renaming.

    >>> store_lock("out/store").as_posix()
    'out/.store.lock'
    """
    path = Path(store)
    return path.parent / f".{path.name}.lock"


def out_lock(out: str | os.PathLike[str]) -> Path:
    """The lock file of an output folder.

    >>> out_lock("out").as_posix()
    'out/.kg-build.lock'
    """
    return Path(out) / OUT_LOCK


def holder(path: str | os.PathLike[str]) -> dict:
    """What the lock file at `path` says of its last holder (``pid``, ``command``), or {}."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


@contextlib.contextmanager
def hold(path: str | os.PathLike[str], what: str) -> Iterator[None]:
    """Hold the lock at `path` until the block ends; StoreError naming the holder when another
    process holds it. `what` names the guarded thing in that message ("the store at out/store").
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory locks; the atomic renames still protect the data
        yield
        return
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StoreError(f"cannot lock {what}: {e.strerror or e} ({path})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            record = holder(path)
            who = (
                f"`{record['command']}` (pid {record.get('pid')})"
                if record.get("command")
                else "another process"
            )
            raise StoreError(
                f"{what} is in use by {who}; wait for it to finish, or use another folder"
            ) from None
        command = COMMAND or os.path.basename(sys.argv[0] if sys.argv else "") or "python"
        record = {"pid": os.getpid(), "command": command[:200]}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode("utf-8"), 0)
        _HELD.add(fd)
        try:
            yield
        finally:
            _HELD.discard(fd)
            os.ftruncate(fd, 0)  # the lock is released with the descriptor, just below
    finally:
        os.close(fd)
