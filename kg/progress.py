"""How long jobs report their progress: phases, each with a total, advanced step by step.

The library never prints: `kg.run.build.build`, `kg.run.incremental.add`, `kg.graph.exports.export`,
`kg.apps.views.write_views` and `kg.apps.plots.write_plots` take a `Progress` and tell it when a
phase starts (its name, how many steps it has, in what unit) and when a step is done. The base class
ignores all of it; the `kg` command draws a bar per phase on a terminal and writes one line
per finished phase to a pipe (`kg.cli`).

>>> class Log(Progress):
...     def phase(self, name, total=None, unit="steps"):
...         print(f"{name}: {total} {unit}")
>>> log = Log()
>>> log.phase("views", 3, "pages"); log.advance()
views: 3 pages
"""

from __future__ import annotations

__all__ = ["Progress", "NO_PROGRESS", "first_part"]


class Progress:
    """Receives the phases of a long job; this base class ignores them."""

    def phase(self, name: str, total: int | None = None, unit: str = "steps") -> None:
        """A new phase begins (the previous one is over): `total` steps of `unit`, if known."""

    def advance(self, n: int = 1) -> None:
        """`n` more steps of the current phase are done."""


NO_PROGRESS = Progress()


def first_part(name: str) -> bool:
    """Whether an extracted article named `name` is a whole file or the first part of a big one
    (`NAME#1`): progress counts files, and a big file's later parts add no step.

    >>> first_part("a.txt"), first_part("big.txt#1"), first_part("big.txt#2")
    (True, True, False)
    """
    head, sep, part = name.rpartition("#")
    return not sep or not part.isdigit() or part == "1"
