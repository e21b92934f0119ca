"""Every query, view, answer, table and export gives the results recorded before the store's
layout changed (issue 14), on the bundled and the development articles (see tests/results.py).

When extraction changes on purpose, record the new results with
``.venv/bin/python -m tests.results --write`` (and say why in the commit).
"""

from __future__ import annotations

import json

import pytest

from tests.results import CORPORA, build_results, digests, path_of


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_results_are_those_recorded(corpus, tmp_path):
    folder = CORPORA[corpus]
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the development articles live there, not in the repo")
    recorded = json.loads(path_of(corpus).read_text(encoding="utf-8"))
    found = digests(build_results(folder, tmp_path))
    # Every recorded result is found again; a query added since has nothing to compare with.
    differ = sorted(k for k in recorded if recorded[k] != found.get(k))
    assert not differ, f"{len(differ)} results differ from those recorded: {differ[:20]}"
