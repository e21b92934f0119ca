"""One family of errors, each with a message a user can act on."""

__all__ = ["KGError", "InputError", "QueryError", "StoreError", "ValidationError"]


class KGError(Exception):
    """Base of every error chainkg raises on purpose; the CLI prints it as one line."""


class InputError(KGError):
    """An article cannot be read: missing, empty, binary, or in an unknown encoding."""


class QueryError(KGError):
    """A SPARQL query is malformed or names something unknown."""


class StoreError(KGError):
    """The store is missing, locked by another process, or cannot be written."""


class ValidationError(KGError):
    """The graph violates the SHACL shapes."""
