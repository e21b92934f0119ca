"""One family of errors, each with a message a user can act on."""

from collections.abc import Callable

__all__ = [
    "KGError",
    "InputError",
    "QueryError",
    "ReadOnlyError",
    "StoreError",
    "ValidationError",
    "skip_or_raise",
]


class KGError(Exception):
    """Base of every error chainkg raises on purpose; the CLI prints it as one line."""


class InputError(KGError):
    """An article cannot be read: missing, empty, binary, or in an unknown encoding."""


class QueryError(KGError):
    """A SPARQL query is malformed or names something unknown."""


class ReadOnlyError(KGError):
    """A SPARQL update was given where only queries are run (the store is read-only there)."""


class StoreError(KGError):
    """The store is missing, locked by another process, or cannot be written."""


class ValidationError(KGError):
    """The graph violates the SHACL shapes."""


def skip_or_raise(
    err: KGError, keep_going: bool, on_skip: Callable[[KGError], None] | None
) -> None:
    """With `keep_going`, report `err` to `on_skip` (if given) and go on; else raise it.

    >>> skip_or_raise(InputError("a.txt: empty file"), True, print)
    a.txt: empty file
    """
    if not keep_going:
        try:
            raise err
        finally:
            del err  # this frame, in the error's traceback, must not hold the error: no cycle
    if on_skip is not None:
        on_skip(err)
