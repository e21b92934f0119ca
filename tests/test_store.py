"""kg.graph.store: build (streamed, atomic), open and count the Oxigraph store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from kg.errors import StoreError, ValidationError
from kg.graph import store as store_module
from kg.graph.query import counts, named_query, run_sparql
from kg.graph.rdf import ENTITY_GRAPH, document_graph, document_quads
from kg.graph.store import _Queue, build_store, open_store, oxigraph_store, union_triples
from kg.iris import article_iri, entity_iri
from kg.ontology import ONTOLOGY_GRAPH, ontology_graph
from kg.reading.document import Document

from .samples import sample_document

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


def _graphs(path: Path) -> set[str]:
    store = oxigraph_store(open_store(path))
    return {g.value for g in store.named_graphs()}


def _article(doc: Document) -> str:
    return article_iri(doc.name, doc.sha256)


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}."))


def test_round_trip(tmp_path):
    doc = sample_document()
    path = tmp_path / "store"
    result = build_store([doc], path)
    assert result == {
        "documents": 1,
        "quads": document_quads(doc).count("\n"),
        "ontology_triples": len(ontology_graph()),
    }
    assert _graphs(path) == {_article(doc), ENTITY_GRAPH, str(ONTOLOGY_GRAPH)}
    ds = open_store(path)
    assert isinstance(ds, Dataset)
    _, rows = run_sparql(ds, "SELECT ?l WHERE { ?e a ckg:Person ; skos:prefLabel ?l }")
    assert rows == [("冯怀玉",)]
    assert _leftovers(path) == []


def test_the_store_opens_read_only_by_default(tmp_path):
    build_store([sample_document()], tmp_path / "store")
    ds = open_store(tmp_path / "store")
    with pytest.raises((OSError, RuntimeError)):
        oxigraph_store(ds).add(
            ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o"))
        )


def test_the_store_streams_documents(tmp_path):
    made = []

    def docs() -> Iterator[Document]:
        for name in ("a.txt", "b.txt", "c.txt"):
            made.append(name)
            yield sample_document(name)

    assert build_store(docs(), tmp_path / "store")["documents"] == 3
    assert made == ["a.txt", "b.txt", "c.txt"]


def test_without_ontology(tmp_path):
    result = build_store([sample_document()], tmp_path / "store", include_ontology=False)
    assert result["ontology_triples"] == 0
    assert _graphs(tmp_path / "store") == {_article(sample_document()), ENTITY_GRAPH}


def test_a_rebuild_replaces_the_store(tmp_path):
    path = tmp_path / "store"
    build_store([sample_document("a.txt")], path)
    build_store([sample_document("b.txt")], path)
    assert _article(sample_document("b.txt")) in _graphs(path)
    assert _article(sample_document("a.txt")) not in _graphs(path)
    assert _leftovers(path) == []


def _fail_after_first(error: Exception):
    def docs() -> Iterator[Document]:
        yield sample_document("b.txt")
        raise error

    return docs()


def _bad_predicate():
    bad = sample_document("c.txt")
    bad.relations[0].predicate = "leadChain"
    return iter([sample_document("b.txt"), bad])


def _garbled():
    # A rendered record the loader cannot parse: the loader thread fails, the build says so.
    from kg.run.parallel import Extracted

    bad = Extracted("c.txt", "0" * 64, 1, b"<http://x/s> <http://x/p> not n-quads .\n")
    return iter([sample_document("b.txt"), bad, sample_document("d.txt")])


@pytest.mark.parametrize(
    ("docs", "error"),
    [
        (lambda: _fail_after_first(RuntimeError("extractor died")), RuntimeError),
        (lambda: _fail_after_first(KeyboardInterrupt()), KeyboardInterrupt),
        (_bad_predicate, ValidationError),
        (_garbled, StoreError),
    ],
)
def test_a_failed_build_leaves_the_old_store_unchanged(tmp_path, docs, error):
    path = tmp_path / "store"
    build_store([sample_document("a.txt")], path)
    before = sorted(str(q) for q in oxigraph_store(open_store(path)))
    with pytest.raises(error):
        build_store(docs(), path)
    assert sorted(str(q) for q in oxigraph_store(open_store(path))) == before
    assert _leftovers(path) == []


def test_a_failed_first_build_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        build_store(_fail_after_first(RuntimeError("boom")), tmp_path / "store")
    assert list(tmp_path.iterdir()) == []


def test_build_refuses_to_replace_a_directory_that_is_not_a_store(tmp_path):
    precious = tmp_path / "out"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        build_store([sample_document()], precious)
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("name", ["missing", "empty"])
def test_open_store_without_a_store_says_to_build_one(tmp_path, name):
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="kg build"):
        open_store(tmp_path / name)


def test_open_store_on_a_locked_store(tmp_path):
    path = tmp_path / "store"
    build_store([sample_document()], path)
    writer = ox.Store(str(path))  # holds the lock, as another `kg` process would
    with pytest.raises(StoreError, match="locked"):
        open_store(path, read_only=False)
    del writer


def test_queries_see_each_triple_once_and_no_copy_is_stored(tmp_path):
    # The same entity in two articles: its label is one triple of the entity graph, which
    # queries read with the article graphs as the default graph; the default graph is empty.
    path = tmp_path / "store"
    build_store([sample_document("a.txt"), sample_document("b.txt")], path)
    store = oxigraph_store(open_store(path))
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    _, rows = run_sparql(store, 'SELECT ?e WHERE { ?e skos:prefLabel "云铝海鑫"@zh }')
    assert rows == [(entity_iri("Enterprise", "云铝海鑫"),)]
    _, rows = run_sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Article }")
    assert rows == [(2,)]


def test_a_store_built_by_an_older_version_is_refused_in_one_line(tmp_path):
    # Before issue 14 the default graph held a copy of every graph.
    path = tmp_path / "store"
    build_store([sample_document()], path)
    old = ox.Store(str(path))
    old.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    del old
    with pytest.raises(StoreError, match="built by an older chainkg") as err:
        open_store(path)
    assert "\n" not in str(err.value)


EXPECTED = {
    "entities": {
        "ChainLeaderRole": 1,
        "Enterprise": 1,
        "IndustrialPark": 1,
        "IndustryChain": 2,
        "Person": 1,
        "Region": 1,
    },
    "relations": {"chainLeaderOf": 2, "leadsChain": 1, "locatedIn": 1},
    "records": {
        "Article": 1,
        "Assertion": 4,
        "Mention": 9,
        "MetricObservation": 1,
        "Sentence": 4,
    },
}


def test_counts(tmp_path):
    build_store([sample_document()], tmp_path / "store")
    found = counts(open_store(tmp_path / "store"))
    assert {k: found[k] for k in EXPECTED} == EXPECTED
    assert found["quads"] == document_quads(sample_document()).count("\n") + len(ontology_graph())


def test_counts_agree_between_the_store_and_an_in_memory_graph(tmp_path):
    docs = [sample_document("a.txt"), sample_document("b.txt")]
    build_store(docs, tmp_path / "store", include_ontology=False)
    on_disk = counts(tmp_path / "store")
    in_memory = counts(document_graph(docs))
    assert on_disk == in_memory
    assert on_disk["relations"] == EXPECTED["relations"]
    assert on_disk["records"]["Article"] == 2


def test_the_union_holds_each_triple_once(tmp_path):
    # Two articles state the same relation and the same alias: each is one triple of the union.
    build_store([sample_document("a.txt"), sample_document("b.txt")], tmp_path / "store")
    store = oxigraph_store(open_store(tmp_path / "store"))
    triples = list(union_triples(store))
    assert len(triples) == len(set(triples))
    assert {q.triple for q in store} == set(triples)


def _all_quads(path: Path) -> set[str]:
    store = ox.Store.read_only(str(path))
    return {str(q) for q in store}


@pytest.mark.parametrize("part_quads", [1, 50, 10_000_000])
def test_loading_in_parts_gives_the_same_store(tmp_path, monkeypatch, part_quads):
    # Each part is one bulk_load call, after which the store is reopened and memory released.
    # Without the ontology: its blank nodes get new names in every build, parts or not.
    docs = [sample_document(f"{name}.txt") for name in "abcde"]
    build_store(docs, tmp_path / "whole", include_ontology=False)
    monkeypatch.setattr("kg.graph.store.LOAD_QUADS", part_quads)
    build_store(docs, tmp_path / "parts", include_ontology=False)
    whole = _all_quads(tmp_path / "whole")
    assert len(whole) > 100 and not any("_:" in q for q in whole)
    assert _all_quads(tmp_path / "parts") == whole


def test_counting_things_without_distinct_agrees(tmp_path):
    # count_types counts with COUNT(*): no thing is counted twice, though two articles name it.
    docs = [sample_document("a.txt"), sample_document("b.txt")]
    build_store(docs, tmp_path / "store")
    ds = open_store(tmp_path / "store")
    distinct = named_query("count_types").replace("COUNT(*)", "COUNT(DISTINCT ?thing)")
    assert run_sparql(ds, distinct) == run_sparql(ds, named_query("count_types"))


def test_the_loader_queue_is_bounded_by_bytes_and_admits_a_big_item_alone():
    q = _Queue(10)
    q.put((b"x" * 50, 1))  # bigger than the bound, but the queue is empty
    done = threading.Event()
    blocked = threading.Thread(target=lambda: (q.put((b"yy", 1)), done.set()))
    blocked.start()
    assert not done.wait(0.2)  # waits while more than the bound is queued
    assert q.get() == (b"x" * 50, 1)
    assert done.wait(5)
    blocked.join()
    q.put((b"zz", 1))
    assert [q.get(), q.get()] == [(b"yy", 1), (b"zz", 1)]


def test_a_busy_build_loads_in_its_own_parts_and_gives_the_same_store(tmp_path, monkeypatch):
    # build_store(busy=True): extraction takes every core, so fewer (larger) bulk_load calls.
    docs = [sample_document(f"{name}.txt") for name in "abc"]
    build_store(docs, tmp_path / "whole", include_ontology=False)
    monkeypatch.setattr("kg.graph.store.LOAD_QUADS", 10_000_000)
    monkeypatch.setattr("kg.graph.store.BUSY_LOAD_QUADS", 50)
    build_store(docs, tmp_path / "busy", include_ontology=False, busy=True)
    assert _all_quads(tmp_path / "busy") == _all_quads(tmp_path / "whole")


@pytest.mark.parametrize("expected", [5, 6, 1])
def test_a_busy_build_loads_its_last_articles_beside_the_call_before(
    tmp_path, monkeypatch, expected
):
    # build_store(busy=True, expected=N): the last N // FINAL_SHARE documents are read by two
    # calls of their own while the call before writes; the store is the same (N may be wrong).
    docs = [sample_document(f"{name}.txt") for name in "abcde"]
    build_store(docs, tmp_path / "whole", include_ontology=False)
    calls = []
    real = store_module._Call.__init__

    def counted(self, store, part):
        calls.append(part)
        real(self, store, part)

    monkeypatch.setattr(store_module._Call, "__init__", counted)
    monkeypatch.setattr("kg.graph.store.BUSY_LOAD_QUADS", 10_000_000)
    found = build_store(
        docs, tmp_path / "busy", include_ontology=False, busy=True, expected=expected
    )
    assert found["documents"] == 5
    assert _all_quads(tmp_path / "busy") == _all_quads(tmp_path / "whole")
    # the last articles are read by two calls side by side
    assert [part.cut for part in calls] == ([True, False, False] if expected >= 5 else [False])
    assert _leftovers(tmp_path / "busy") == []


def test_a_closed_loader_queue_drops_what_is_put_and_stops_its_reader():
    # The loader closes its queue when it fails: the writer is not kept waiting, nor a call
    # that is reading its part.
    q = _Queue(10)
    q.put((b"x" * 50, 1))
    blocked_put = threading.Thread(target=lambda: q.put((b"yy", 1)))
    blocked_put.start()
    q.close()
    blocked_put.join(5)
    assert not blocked_put.is_alive()
    q.put((b"zz", 1))  # dropped at once
    with pytest.raises(store_module._Abort):
        q.get()


def _counting_calls(monkeypatch) -> dict[str, int]:
    # How many bulk_load calls ran, and the most that ran at once.
    seen = {"calls": 0, "alive": 0, "most": 0}
    lock = threading.Lock()
    real = store_module._Call.run

    def run(self):
        with lock:
            seen["calls"] += 1
            seen["alive"] += 1
            seen["most"] = max(seen["most"], seen["alive"])
        try:
            real(self)
        finally:
            with lock:
                seen["alive"] -= 1

    monkeypatch.setattr(store_module._Call, "run", run)
    return seen


@pytest.mark.parametrize(("reopen", "final_share"), [(1, 5), (2, 5), (4, 5), (4, 2), (2, 1)])
def test_a_busy_build_reads_each_part_while_the_one_before_writes(
    tmp_path, monkeypatch, reopen, final_share
):
    # build_store(busy=True): each call reads while the one before it writes, two at most (three
    # for the last articles, which two calls read, each taking new parts when full); the store
    # is reopened every REOPEN_CALLS calls; the store is the same.
    docs = [sample_document(f"{name}.txt") for name in "abcdef"]
    build_store(docs, tmp_path / "whole", include_ontology=False)
    seen = _counting_calls(monkeypatch)
    monkeypatch.setattr("kg.graph.store.BUSY_LOAD_QUADS", 50)
    monkeypatch.setattr("kg.graph.store.REOPEN_CALLS", reopen)
    monkeypatch.setattr("kg.graph.store.FINAL_SHARE", final_share)
    found = build_store(docs, tmp_path / "busy", include_ontology=False, busy=True, expected=6)
    assert found["documents"] == 6
    assert _all_quads(tmp_path / "busy") == _all_quads(tmp_path / "whole")
    assert seen["calls"] >= 6 and seen["most"] <= 3  # two read the last articles
    assert _leftovers(tmp_path / "busy") == []


def test_a_busy_build_whose_loader_fails_while_a_part_is_read_says_so(tmp_path, monkeypatch):
    # The call that fails writes while the next one reads: the build stops with StoreError,
    # nothing waits for ever, and the old store stays.
    path = tmp_path / "store"
    build_store([sample_document("a.txt")], path)
    before = _all_quads(path)
    monkeypatch.setattr("kg.graph.store.BUSY_LOAD_QUADS", 50)
    more = [sample_document(f"{name}.txt") for name in "defgh"]
    with pytest.raises(StoreError, match="writing the store"):
        build_store([*_garbled(), *more], path, busy=True)
    assert _all_quads(path) == before
    assert _leftovers(path) == []


def test_entity_graph_lines_sent_lately_are_not_sent_again():
    # _Written: each article's entity-graph lines come first; those sent lately are dropped,
    # the article's own lines never; a line whose place in the table was taken is sent again.
    entity = f" <{ENTITY_GRAPH}> .\n"
    a = f"<x:a> <x:p> <x:b>{entity}<x:b> <x:p> <x:c>{entity}".encode()
    own = b"<x:a> <x:q> <x:b> <x:g> .\n"
    written = store_module._Written()
    assert written.new(a + own) == a + own
    assert written.new(a + own) == own
    assert written.new(own) == own
    one_place = store_module._Written(slots=1)
    assert one_place.new(a) == a
    assert one_place.new(a) == a  # each line took the other's place: both are sent again
    line = a.splitlines(keepends=True)[1]
    assert one_place.new(line + own) == own  # the place holds it
    with pytest.raises(ValueError, match="power of two"):
        store_module._Written(slots=3)
