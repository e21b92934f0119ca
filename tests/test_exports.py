"""kg.graph.exports and `kg export`: every syntax parses back to the store's content; CSV tables
hold what an analyst needs (aliases, evidence and article, metrics with year and subject)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from kg.graph.exports import FORMATS, export, metrics_table
from kg.graph.network import to_networkx
from kg.graph.query import counts
from kg.graph.rdf import ENTITY_GRAPH, document_graph, document_quads
from kg.graph.store import build_store, open_store, oxigraph_store
from kg.iris import article_iri
from kg.ontology import ONTOLOGY_GRAPH, ontology_graph

from .helpers import kg
from .samples import sample_document


@pytest.fixture(scope="module")
def store(seed_build):
    return seed_build[1] / "store"


@pytest.fixture(scope="module")
def exported(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    return export(store, out), out


@pytest.fixture(scope="module")
def inner(store):
    return oxigraph_store(open_store(store))


def _named_quads(store: ox.Store) -> set[ox.Quad]:
    return {q for g in store.named_graphs() for q in store.quads_for_pattern(None, None, None, g)}


def _triples(store: ox.Store) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store}


def _blank_free(items):
    # Blank node labels differ after a round trip; compare only blank-free statements exactly.
    return {
        x
        for x in items
        if not isinstance(x.subject, ox.BlankNode) and not isinstance(x.object, ox.BlankNode)
    }


def test_every_format_is_written(exported):
    files, _ = exported
    assert {k for k in files if not k.endswith(".csv")} == set(FORMATS) - {"csv"}
    assert {"entities.csv", "relations.csv", "metrics.csv"} <= files.keys()
    assert all(path.stat().st_size > 0 for path in files.values())


MERGED = [("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES)]


@pytest.mark.parametrize("fmt, syntax", MERGED)
def test_merged_syntaxes_hold_every_triple_once(exported, inner, fmt, syntax):
    files, _ = exported
    parsed = [q.triple for q in ox.parse(path=files[fmt], format=syntax)]
    want = _triples(inner)
    assert len(parsed) == len(set(parsed)) == len(want)
    assert _blank_free(parsed) == _blank_free(want)


DATASETS = [
    ("trig", ox.RdfFormat.TRIG),
    ("nq", ox.RdfFormat.N_QUADS),
    ("jsonld", ox.RdfFormat.JSON_LD),
]


@pytest.mark.parametrize("fmt, syntax", DATASETS)
def test_dataset_syntaxes_keep_one_graph_per_article(exported, inner, fmt, syntax):
    files, _ = exported
    parsed = list(ox.parse(path=files[fmt], format=syntax))
    want = _named_quads(inner)
    assert {q.graph_name for q in parsed} == set(inner.named_graphs())
    assert len(parsed) == len(want)
    assert _blank_free(parsed) == _blank_free(want)


# rdflib's own parsers use its deprecated ConjunctiveGraph inside; not ours to change.
RDFLIB_INTERNAL = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")


@RDFLIB_INTERNAL
def test_jsonld_reads_in_rdflib(exported, inner):
    files, _ = exported
    ds = Dataset()
    ds.parse(files["jsonld"], format="json-ld")
    quads = list(ds.quads((None, None, None, None)))
    assert len(quads) == len(_named_quads(inner))
    assert len({str(g) for *_, g in quads}) == len(list(inner.named_graphs()))


@RDFLIB_INTERNAL
def test_rdflib_reads_the_trig_with_its_provenance(exported):
    files, _ = exported
    ds = Dataset()
    ds.parse(files["trig"], format="trig")
    articles = {str(g) for *_, g in ds.quads((None, None, None, None)) if "/article/" in str(g)}
    assert len(articles) == 3


def test_graphml_opens_in_networkx_like_gephi(exported, store):
    files, _ = exported
    G = nx.read_graphml(files["graphml"])
    want = to_networkx(open_store(store))
    assert G.number_of_nodes() == want.number_of_nodes()
    assert G.number_of_edges() == want.number_of_edges()
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert {"云铝海鑫", "绿色铝产业链"} <= labels


def _csv(exported, name: str) -> pd.DataFrame:
    files, _ = exported
    return pd.read_csv(files[name], keep_default_na=False)


def test_csv_is_utf8_with_a_bom_for_excel(exported):
    files, _ = exported
    assert files["entities.csv"].read_bytes().startswith("\ufeffiri".encode())


def test_entities_csv_has_class_label_and_aliases(exported, store):
    df = _csv(exported, "entities.csv")
    assert list(df.columns) == ["iri", "class", "label", "aliases"]
    assert len(df) == to_networkx(open_store(store)).number_of_nodes()
    assert df["iri"].is_unique
    assert (df["aliases"] != "").any()
    firm = df[df["label"] == "云铝海鑫"]
    assert list(firm["class"]) == ["Enterprise"]


LEADS = [
    ("云铝海鑫", "绿色铝产业链"),
    ("合盛铝业", "绿色硅全产业链"),
    ("云南中晟", "新材料产业链"),
]


@pytest.mark.parametrize("firm, chain", LEADS)
def test_relations_csv_carries_evidence_and_article(exported, firm, chain):
    df = _csv(exported, "relations.csv")
    rows = df[
        (df["predicate"] == "leadsChain")
        & (df["subject_label"] == firm)
        & (df["object_label"] == chain)
    ]
    assert len(rows) >= 1
    row = rows.iloc[0]
    assert firm in row["evidence"] and row["file"] == "000_c9519bf765dc77e1.txt"
    assert row["article"].startswith("https://w3id.org/chainkg/article/")


def test_relations_csv_has_one_row_per_edge(exported, store):
    df = _csv(exported, "relations.csv")
    assert len(df) == to_networkx(open_store(store)).number_of_edges()
    assert (df["evidence"] != "").all() and (df["file"] != "").all()


METRICS = [
    # subject, indicator, value, unit, year
    ("昭通市", "工业总产值", 997.8, "亿元", 2022),
    ("云铝海鑫", "产值", 110.0, "亿元", 2022),
    ("昭通市", "城镇化率", 44.0, "%", 2024),
]


@pytest.mark.parametrize("subject, indicator, value, unit, year", METRICS)
def test_metrics_csv_rows(exported, subject, indicator, value, unit, year):
    df = pd.read_csv(exported[0]["metrics.csv"])
    hit = df[
        (df["subject_label"] == subject)
        & (df["indicator"] == indicator)
        & (df["value"] == value)
        & (df["unit"] == unit)
        & (df["year"] == year)
    ]
    assert len(hit) >= 1
    assert hit.iloc[0]["file"].endswith(".txt") and str(value).rstrip("0").rstrip(".") in str(
        hit.iloc[0]["evidence"]
    )


def test_metrics_table_has_one_row_per_observation(store):
    df = metrics_table(open_store(store))
    assert df["observation"].is_unique
    assert str(df["year"].dtype) == "Int64"
    assert df["year"].isna().any() and df["year"].notna().any()


# --------------------------------------------------------------------------- Turtle and TriG


def test_export_writes_turtle_and_trig(tmp_path):
    doc = sample_document()
    build_store([doc], tmp_path / "store")
    files = export(tmp_path / "store", tmp_path / "out", formats=["ttl", "trig"])
    assert files == {"ttl": tmp_path / "out" / "graph.ttl", "trig": tmp_path / "out" / "graph.trig"}
    merged = Graph().parse(files["ttl"], format="turtle")
    assert len(merged) == counts(tmp_path / "store")["quads"]  # no triple is in two graphs
    ds = Dataset()
    ds.parse(files["trig"], format="trig")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    article = article_iri(doc.name, doc.sha256)
    assert graphs == {article, ENTITY_GRAPH, str(ONTOLOGY_GRAPH)}
    in_article, entities = ds.graph(URIRef(article)), ds.graph(URIRef(ENTITY_GRAPH))
    assert len(in_article) + len(entities) == document_quads(doc).count("\n")


def test_export_of_an_in_memory_graph_adds_the_ontology(tmp_path):
    files = export(document_graph(sample_document()), tmp_path, formats=["ttl"])
    merged = Graph().parse(files["ttl"], format="turtle")
    assert len(merged) == len(document_graph(sample_document())) + len(ontology_graph())


def test_cli_writes_the_chosen_formats(store, tmp_path):
    proc = kg(
        "export",
        *("--format", "csv", "--format", "nt"),
        *("--store", str(store), "--out", str(tmp_path)),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "entities.csv",
        "graph.nt",
        "metrics.csv",
        "relations.csv",
    ]


@pytest.mark.parametrize(
    "args, words",
    [
        (["--store", "{tmp}/none"], ["no store", "kg build"]),
        (["--format", "xml"], ["invalid choice", "xml"]),
    ],
)
def test_cli_errors_are_one_line(tmp_path, args, words):
    proc = kg(
        "export", "--out", str(tmp_path), *[a.format(tmp=tmp_path) for a in args], timeout=120
    )
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert all(w in last for w in words), proc.stderr
