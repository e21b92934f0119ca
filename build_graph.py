"""The main job: build the knowledge graph of the bundled articles (or of PATH ...) into out/.

    python build_graph.py [PATH ...]

Prints the number of entities per class and relations per property, and the table of which
firms lead which chain with the article each pair comes from, and writes every export, the
views and the plots. Same as `kg build --exports`.
"""

import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", "--exports", *sys.argv[1:]]))
