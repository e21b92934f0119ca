"""Commands beyond the core ones in `kg.cli`, one module per concern.

Each module defines functions decorated with `kg.cli.command(setup)`; the parser imports every
module here. Keep imports of heavy libraries inside the command functions.
"""
