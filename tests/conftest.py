"""Fixtures shared by the tests. Conventions: one behaviour per test, cases as data tables fed
to `pytest.mark.parametrize`, fixtures named for what they give.

The development articles from other provinces are read from ../shared (beside the repository),
never copied into it; tests that need them skip with a reason where ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or skip when this checkout has none beside it."""
    if not (SHARED / "corpus" / "dev").is_dir():
        pytest.skip(f"{SHARED} is absent: the development articles live there, not in the repo")
    return SHARED


@pytest.fixture(scope="session")
def seed_docs():
    """The bundled articles, read and extracted once."""
    from kg.run.build import extract_paths

    return list(extract_paths([DATA / "corpus"]))


@pytest.fixture(scope="session")
def dev_docs(shared_dir):
    """The development articles from other provinces, read and extracted once."""
    from kg.run.build import extract_paths

    return list(extract_paths(sorted((shared_dir / "corpus" / "dev").glob("*.txt"))))


@pytest.fixture(scope="session")
def dev2_docs(shared_dir):
    """The second set of development articles (30, from 24 provinces), extracted once."""
    from kg.run.build import extract_paths

    return list(extract_paths(sorted((shared_dir / "corpus" / "dev2").glob("*.txt"))))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """A full build of the bundled articles: (report, out folder)."""
    from kg.run.build import build

    out = tmp_path_factory.mktemp("out")
    return build([DATA / "corpus"], out=out, exports=True), out


@pytest.fixture(scope="module")
def seed_store(seed_build):
    """The store of `seed_build`, opened once per test module."""
    from kg.graph.store import open_store

    return open_store(seed_build[1] / "store")


@pytest.fixture()
def extract_text():
    """A function that reads and extracts a string: extract_text("…") -> Document."""
    from kg.reading.reader import read_text
    from kg.run.pipeline import extract

    return lambda text, name="case.txt": extract(read_text(text, name=name))
