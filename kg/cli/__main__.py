"""`python -m kg.cli` is the `kg` command."""

import sys

from kg.cli.main import main

sys.exit(main())
