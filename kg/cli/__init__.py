"""The `kg` command: one module per group of commands, each a thin wrapper that parses options,
calls the library and prints (the library never prints).

Every command's help is its docstring. Errors a user can act on are printed as one line
(`kg: error: …`) with a non-zero exit, never as a traceback. Commands register themselves with
`kg.cli.registry.command`; `kg.cli.main` imports every command module and runs one.
"""

from kg.cli.main import COMMANDS, main, parser

__all__ = ["COMMANDS", "main", "parser"]
