"""The main job on the bundled articles (kg.build): a golden test of the seed graph.

The golden file lists every relation of the seed graph as `predicate<TAB>subject<TAB>object`.
After a deliberate change to the extractor, regenerate it and review the diff:
    KG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_build.py
"""

import os

from kg.query import run_sparql
from kg.store import open_store

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "data" / "seed_relations.tsv"

RELATIONS = """
SELECT ?p ?s ?o WHERE {
  ?a rdf:predicate ?p ; rdf:subject ?x ; rdf:object ?y .
  ?x skos:prefLabel ?s . ?y skos:prefLabel ?o .
}
"""


def _relations(store) -> list[str]:
    _, rows = run_sparql(store, RELATIONS)
    return sorted({f"{p.rsplit('#', 1)[-1]}\t{s}\t{o}" for p, s, o in rows})


def test_seed_graph_matches_golden(seed_build):
    report, out = seed_build
    got = _relations(open_store(out / "store"))
    if os.environ.get("KG_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(got) + "\n", encoding="utf-8")
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert got == want


def test_leading_enterprises_table(seed_build):
    report, _ = seed_build
    assert {(firm, chain) for firm, chain, _ in report.leads} == {
        ("合盛铝业", "绿色硅全产业链"),
        ("旗滨玻璃", "绿色硅全产业链"),
        ("云铝海鑫", "绿色铝产业链"),
        ("云南中晟", "新材料产业链"),
        ("云南锂电", "新材料产业链"),
    }
    assert {file for _, _, file in report.leads} == {"000_c9519bf765dc77e1.txt"}
    assert len(report.leads) == len({(firm, chain) for firm, chain, _ in report.leads})


def test_outputs_exist(seed_build):
    report, out = seed_build
    for name in ("graph.ttl", "graph.trig", "graph.graphml", "merge_log.tsv"):
        assert (out / name).stat().st_size > 0, name
    assert report.articles == 3
    assert report.counts["entities"]["Enterprise"] > 20


def test_sparql_returns_the_sentence_behind_a_relation(seed_build):
    _, out = seed_build
    _, rows = run_sparql(
        open_store(out / "store"),
        """SELECT ?text WHERE {
             ?a rdf:predicate ckg:leadsChain ; rdf:subject ?e ; ckg:evidence ?s .
             ?e skos:prefLabel "云铝海鑫"@zh . ?s ckg:text ?text }""",
    )
    assert rows and "以云铝海鑫为龙头" in rows[0][0]


def test_merge_log_says_why(seed_build):
    _, out = seed_build
    lines = (out / "merge_log.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["article", "mention", "class", "entity", "iri", "reason"]
    assert len(lines) > 100
