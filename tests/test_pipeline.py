"""The whole extractor against gold annotations: the quality floors are asserted here.

Bundled articles: data/gold. Development articles from other provinces: ../shared/gold/dev and
../shared/gold/dev2 (read from ../shared, never copied into the repository); statistics
(`metrics`) are annotated in data/gold and dev2 only.
"""

import pytest

from kg import evaluate
from kg.pipeline import STEPS, extract
from kg.reader import read_path

from .conftest import DATA

SEED_FLOORS = {
    "leads_chain": 1.0,
    "enterprises": 0.9,
    "chains": 0.9,
    "parks": 0.9,
    "policies": 0.9,
    "projects": 0.85,
    "metrics": 0.86,
}
DEV_FLOORS = {
    "leads_chain": 0.8,
    "chain_leaders": 0.9,
    "enterprises": 0.8,
    "chains": 0.8,
    "parks": 0.85,
    "projects": 0.75,
    "policies": 0.95,
}


DEV2_FLOORS = {
    "metrics": 0.67,
}


@pytest.fixture(scope="module")
def seed_scores(seed_docs):
    total, _ = evaluate.score_corpus(seed_docs, DATA / "gold")
    return total


@pytest.fixture(scope="module")
def dev_scores(dev_docs, shared_dir):
    total, _ = evaluate.score_corpus(dev_docs, shared_dir / "gold" / "dev")
    return total


@pytest.fixture(scope="module")
def dev2_metric_scores(shared_dir):
    from kg.build import extract_paths

    docs = extract_paths(sorted((shared_dir / "corpus" / "dev2").glob("*.txt")))
    total, _ = evaluate.score_corpus(docs, shared_dir / "gold" / "dev2")
    return total


@pytest.mark.parametrize("field, floor", SEED_FLOORS.items())
def test_seed_quality(seed_scores, field, floor):
    assert seed_scores[field].f1 >= floor, evaluate.format_scores(seed_scores)


@pytest.mark.parametrize("field, floor", DEV_FLOORS.items())
def test_dev_quality(dev_scores, field, floor):
    assert dev_scores[field].f1 >= floor, evaluate.format_scores(dev_scores)


@pytest.mark.parametrize("field, floor", DEV2_FLOORS.items())
def test_dev2_quality(dev2_metric_scores, field, floor):
    scores = dev2_metric_scores
    assert scores[field].f1 >= floor, evaluate.format_scores(scores)


def test_steps_are_named_in_order():
    assert [name for name, _ in STEPS] == [
        "sentences",
        "segment",
        "recognize",
        "corefer",
        "tables",
        "relate",
        "quantities",
        "table-facts",
        "resolve",
    ]


def test_extraction_is_deterministic():
    path = DATA / "corpus" / "000_c9519bf765dc77e1.txt"

    def facts(doc):
        return (
            [(m.type, m.start, m.end, m.label, m.iri) for m in doc.mentions],
            [(r.predicate, r.subject.iri, r.object.iri, r.sentence.start) for r in doc.relations],
            [(q.indicator, q.value, q.unit, q.year, q.start) for q in doc.metrics],
        )

    assert facts(extract(read_path(path))) == facts(extract(read_path(path)))


def test_every_relation_has_its_sentence(seed_docs):
    for doc in seed_docs:
        for rel in doc.relations:
            sent = rel.sentence
            assert doc.text[sent.start : sent.end] == sent.text
            ends = (rel.subject.start, rel.object.start)
            assert any(sent.start <= pos < sent.end for pos in ends), rel


NO_CYCLES = """
import gc, sys
from kg.pipeline import extract
from kg.reader import read_path

docs = [read_path(path) for path in sys.argv[1:]]
extract(docs[0])
assert gc.isenabled()  # paused while extracting, then back on
gc.collect()
gc.disable()
for doc in docs:
    extract(doc)
print(gc.collect())
"""


def test_extraction_leaves_no_reference_cycles(shared_dir):
    """extract() pauses the cycle collector: that is only safe while it makes no cycles.

    Checked in a process of its own, where no other test's leftovers become garbage meanwhile.
    """
    import subprocess
    import sys

    paths = sorted((DATA / "corpus").glob("*.txt"))
    paths += sorted((shared_dir / "corpus" / "dev").glob("*.txt"))
    proc = subprocess.run(
        [sys.executable, "-c", NO_CYCLES, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["0"]
