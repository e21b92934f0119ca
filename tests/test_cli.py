"""The `kg` command as a user runs it: real processes, real exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest

from kg.cli import COMMANDS, parser

from .conftest import DATA, ROOT
from .helpers import kg, one_line_error


@pytest.fixture(scope="module")
def store(seed_build):
    return str(seed_build[1] / "store")


def test_every_command_has_help_with_an_example():
    sub = parser()
    for name, fn in COMMANDS.items():
        assert fn.__doc__ and "Example:" in fn.__doc__, name
    assert sub.format_help()


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"kg {name}" in readme, name


def test_extract_jsonl_records(tmp_path):
    proc = kg("extract", str(DATA / "corpus" / "000_c9519bf765dc77e1.txt"), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    kinds = {r["kind"] for r in records}
    assert kinds == {"entity", "relation", "metric"}
    entity = next(r for r in records if r["kind"] == "entity")
    assert {"doc", "type", "text", "label", "iri", "start", "end"} <= entity.keys()
    relation = next(r for r in records if r["kind"] == "relation")
    keys = {"doc", "predicate", "subject", "subject_text", "object", "object_text", "sentence"}
    assert keys <= relation.keys()
    metric = next(r for r in records if r["kind"] == "metric")
    assert {"doc", "subject", "indicator", "value", "unit", "year", "text"} <= metric.keys()
    leads = {(r["subject"], r["object"]) for r in records if r.get("predicate") == "leadsChain"}
    assert ("云铝海鑫", "绿色铝产业链") in leads


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(store, fmt):
    proc = kg(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ckg:leadsChain ?o }",
        "--store",
        store,
        "--format",
        fmt,
    )
    assert proc.returncode == 0, proc.stderr
    assert "5" in proc.stdout


def test_query_from_a_file(store, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?l WHERE { ?e a ckg:IndustryChain ; skos:prefLabel ?l }", "utf-8")
    proc = kg("query", str(rq), "--store", store)
    assert proc.returncode == 0 and "绿色铝产业链" in proc.stdout


def test_validate_passes_on_the_seed_graph(store):
    proc = kg("validate", "--store", store)
    assert proc.returncode == 0, proc.stderr


def test_eval_prints_ten_lines_of_scores():
    proc = kg("eval", "--gold", str(DATA / "gold"), str(DATA / "corpus"))
    assert proc.returncode == 0, proc.stderr
    tail = proc.stdout.strip().splitlines()[-10:]
    assert tail[0].split()[:4] == ["field", "P", "R", "F1"]
    assert [line.split()[0] for line in tail[1:]] == [
        "leads_chain",
        "chain_leaders",
        "enterprises",
        "chains",
        "parks",
        "projects",
        "policies",
        "metrics",
        "overall",
    ]


GB18030_TEXT = "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"


def test_gb18030_file_is_read(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(GB18030_TEXT.encode("gb18030"))
    proc = kg("extract", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "绿色铝产业链" in proc.stdout


BAD_INPUT = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t\n", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"),
]


@pytest.mark.parametrize("name, data, word", BAD_INPUT)
def test_bad_files_give_one_clear_line(tmp_path, name, data, word):
    path = tmp_path / name
    path.write_bytes(data)
    line = one_line_error(kg("extract", str(path)))
    assert name in line and word in line


def test_missing_path(tmp_path):
    line = one_line_error(kg("extract", str(tmp_path / "nope.txt")))
    assert "nope.txt" in line


def test_malformed_sparql(store):
    line = one_line_error(kg("query", "SELEC ?x WHERE {", "--store", store))
    assert "query" in line


def test_missing_store(tmp_path):
    line = one_line_error(
        kg("query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(tmp_path / "none"))
    )
    assert "kg build" in line


def test_keep_going_skips_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text(GB18030_TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = kg("build", str(tmp_path), "--out", str(tmp_path / "out"), "--keep-going")
    assert proc.returncode == 0, proc.stderr
    assert "empty.txt" in proc.stderr and "Built 1 articles" in proc.stdout


def test_failed_build_leaves_the_store_intact(tmp_path):
    (tmp_path / "a.txt").write_text(GB18030_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", str(tmp_path / "a.txt"), "--out", str(out)).returncode == 0
    before = kg(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(out / "store")
    ).stdout
    (tmp_path / "bad.txt").write_bytes(b"")
    one_line_error(kg("build", str(tmp_path), "--out", str(out)))
    after = kg(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(out / "store")
    ).stdout
    assert before == after


# ---------------------------------------------------------------- issue 12 item 12


def test_version():
    from importlib.metadata import version

    proc = kg("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"kg (chainkg) {version('chainkg')}"


@pytest.mark.parametrize(
    "formats, files",
    [
        (["ttl"], {"graph.ttl"}),
        (["trig"], {"graph.trig"}),
        (["nq", "ttl"], {"graph.nq", "graph.ttl"}),
        (["csv"], {"entities.csv", "relations.csv", "metrics.csv"}),
    ],
)
def test_export_writes_only_what_was_asked(store, tmp_path, formats, files):
    args = [a for f in formats for a in ("--format", f)]
    proc = kg("export", *args, "--out", str(tmp_path / "x"), "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert {p.name for p in (tmp_path / "x").iterdir()} == files


def test_query_list_shows_the_queries_to_ask_with_and_all_with_all():
    shown = kg("query", "--list").stdout
    everything = kg("query", "--list", "--all").stdout
    for internal in ("count_types", "network_edges", "leading_pairs", "distinct_triples"):
        assert f"\n{internal}\n" not in f"\n{shown}\n"
        assert f"\n{internal}\n" in f"\n{everything}\n"
    for named in ("leading-enterprises", "about", "metrics", "entity-names", "find-entities"):
        assert f"\n{named}\n" in f"\n{shown}\n"


@pytest.mark.parametrize(
    "sparql, words",
    [
        ("INSERT DATA { <http://e/a> <http://e/b> 1 }", ["read-only", "INSERT", "kg add"]),
        ("PREFIX ex: <http://e/>\n# then\n DELETE WHERE { ?s ex:p ?o }", ["read-only", "DELETE"]),
        ("DROP ALL", ["read-only", "DROP"]),
        ("SELECT * WHERE { ?s foo:bar ?o }", ["unknown prefix 'foo:'", "column 21", "ckg"]),
        ('SELECT * WHERE {\n ?s ?p "云铝海鑫" . ?s ex:p ?o }', ["unknown prefix 'ex:'", "line 2"]),
    ],
)
def test_updates_and_unknown_prefixes_are_named(store, sparql, words):
    line = one_line_error(kg("query", sparql, "--store", store))
    assert all(w in line for w in words), line
