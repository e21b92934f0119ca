"""The named queries of `kg ask` (kg/graph/queries/*.rq), `kg.graph.query` and `kg query
--named/--list`.

Each query runs over the graph of the bundled articles on both engines (Oxigraph for the store,
rdflib for an in-memory graph of the same articles), with parameters bound, never formatted.
"""

from __future__ import annotations

import json
import re

import pytest

from kg import ontology
from kg.errors import QueryError
from kg.graph.query import (
    QUERY_DIR,
    list_queries,
    query,
    query_info,
    result_columns,
    run_named,
    run_sparql,
)
from kg.graph.rdf import document_graph
from kg.terms import P

from .helpers import kg

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

# The queries `kg ask` uses, with their declared parameters: (name, kind, required).
ASK_QUERIES = {
    "leading-enterprises": [("chain", "label", False), ("min_confidence", "decimal", False)],
    "chains-led-by": [("enterprise", "label", True), ("min_confidence", "decimal", False)],
    "chain-leaders": [("chain", "label", False), ("min_confidence", "decimal", False)],
    "chains-of-leader": [("leader", "label", True), ("min_confidence", "decimal", False)],
    "cluster-chains": [("cluster", "label", False)],
    "located-in": [("place", "label", True), ("kind", "class", False)],
    "named-with-place": [("place", "label", True), ("kind", "class", False)],
    "projects-of-enterprise": [("enterprise", "label", True)],
    "policies": [("issuer", "label", False)],
    "strategies": [],
    "strategies-of": [("place", "label", True)],
    "metrics": [
        ("subject", "label", True),
        ("indicator", "string", False),
        ("year", "integer", False),
    ],
    "metrics-mentioning": [
        ("text", "string", True),
        ("indicator", "string", False),
        ("year", "integer", False),
    ],
    "signed-with": [("party", "label", False)],
    "multi-chain-enterprises": [],
    "about": [("entity", "label", True)],
    "find-entities": [("text", "string", True)],
    "entity-names": [],
}

# What each query answers over the bundled articles: (query, params, column, values).
RESULTS = [
    ("leading-enterprises", {"chain": "绿色铝产业链"}, "enterprise", {"云铝海鑫"}),
    ("leading-enterprises", {}, "chain", {"新材料产业链", "绿色硅全产业链", "绿色铝产业链"}),
    ("chains-led-by", {"enterprise": "合盛铝业"}, "chain", {"绿色硅全产业链"}),
    ("chains-led-by", {"enterprise": "云南锂电"}, "enterprise_label", {"云南锂电"}),
    ("chain-leaders", {}, "leader", {"市级领导"}),
    ("chain-leaders", {}, "leader_type", {"ChainLeaderRole"}),
    ("chain-leaders", {"chain": "新材料产业链"}, "leader", set()),
    ("chains-of-leader", {"leader": "市级领导"}, "chain", {"产业链"}),
    ("chains-of-leader", {"leader": "张三"}, "chain", set()),
    ("cluster-chains", {}, "chain", set()),
    # the clusters the articles that name a place name ("‘五个千亿元级’产业集群")
    (
        "clusters-in-place",
        {"place": "昭通市"},
        "cluster",
        {
            *("绿色能源", "绿色硅铝", "磷化工及新材料", "新能源电池负极材料产业集群"),
            *("高原特色农业", "绿色能源产业", "绿色硅铝产业", "磷化工及新材料产业", "现代服务业"),
        },
    ),
    (
        "located-in",
        {"place": "昭阳区"},
        "thing",
        {"云南昭通40万吨铝合金扁锭项目", "昭阳酒渔河流域乡村振兴精品示范带", "昭阳经开区"},
    ),
    # 昭阳 is an alias of 昭阳区, and the name of a place an article names alone (昭阳经开区's)
    ("located-in", {"place": "昭阳"}, "place_label", {"昭阳区", "昭阳"}),
    ("located-in", {"place": "昭阳区", "kind": "Project"}, "thing_type", {"Project"}),
    ("located-in", {"place": "昭阳区", "kind": "Enterprise"}, "thing", set()),
    # what the sentences that name a place name, placed there or not
    ("named-with-place", {"place": "昭阳区"}, "thing_type", {"Project"}),
    (
        "named-with-place",
        {"place": "昭通", "kind": "Enterprise"},
        "thing",
        {"上海友升", "云天化", "云铝海鑫", "合盛", "合盛硅业", "新安化工", "旗滨光伏", "晶鑫能源"},
    ),
    ("named-with-place", {"place": "昭阳区", "kind": "Policy"}, "thing_type", set()),
    # the brand the projects' names open with; not 合盛铝业, which no sentence says builds them
    ("projects-of-enterprise", {"enterprise": "合盛"}, "project", {"合盛水电硅项目"}),
    ("projects-of-enterprise", {"enterprise": "合盛铝业"}, "project", set()),
    ("policies", {"issuer": "威信县"}, "policy", {"威信县十四五人力资源发展纲要"}),
    ("policies", {"issuer": "昭通"}, "issuer_label", {"昭通市"}),
    (
        "strategies-of",
        {"place": "威信县"},
        "strategy",
        {
            "3815发展战略",
            "六大战略",
            "七个一",
            "万名人才兴万村行动",
            "产、城、人三篇文章",
            "六个强化六个着力",
        },
    ),
    ("metrics", {"subject": "云铝海鑫"}, "value", {110.0}),
    (
        "metrics",
        {"subject": "昭通市", "indicator": "工业总产值", "year": 2022},
        "value",
        {862.6, 997.8, 757.8},
    ),
    ("metrics", {"subject": "昭通市", "indicator": "工业总产值", "year": "2021"}, "value", set()),
    # the county named in a photo caption does not own the city's figures
    ("metrics", {"subject": "威信县", "indicator": "工业总产值", "year": 2022}, "value", set()),
    # a firm's figure stated in a sentence that names the city: whatever its subject
    ("metrics-mentioning", {"text": "昭通", "indicator": "产值"}, "subject_label", {"云铝海鑫"}),
    ("signed-with", {"party": "鹤庆"}, "partner", {"贵州鑫兴"}),
    ("signed-with", {"party": "贵州鑫兴"}, "signer", {"鹤庆县"}),  # either side
    ("multi-chain-enterprises", {}, "enterprise", set()),
    (
        "about",
        {"entity": "云铝海鑫"},
        "relation",
        {"leadsChain", "developedBy", "metric", "mention"},
    ),
    ("find-entities", {"text": "铝业"}, "label", {"合盛铝业", "南山铝业", "鹤庆溢鑫铝业有限公司"}),
]


@pytest.fixture(scope="module")
def memory(seed_docs):
    return document_graph(seed_docs)


def _rq(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the files


@pytest.mark.parametrize("name, params", ASK_QUERIES.items())
def test_header_declares_what_it_answers_and_its_parameters(name, params):
    info = query_info(name)
    assert len(info.description) > 40
    assert [(p.name, p.kind, p.required) for p in info.parameters] == params
    assert all(p.description for p in info.parameters)
    select = _rq(name).split("WHERE")[0]
    for p in params:  # Oxigraph binds only variables the query returns
        assert f"?{p[0]}" in select


@pytest.mark.parametrize("name", ASK_QUERIES)
def test_every_ckg_term_is_in_the_ontology(name):
    known = set(ontology.classes()) | set(ontology.properties())
    used = set(re.findall(r"ckg:(\w+)", _rq(name)))
    assert used <= known, used - known


@pytest.mark.parametrize("name", ["about", "find-entities", "entity-names"])
def test_entity_class_lists_match_the_ontology(name):
    listed = re.search(r"\?class IN \(([^)]*)\)", _rq(name), re.S).group(1)
    assert set(re.findall(r"ckg:(\w+)", listed)) == set(ontology.entity_classes())


def test_list_queries_has_every_ask_query():
    assert set(ASK_QUERIES) <= {q.name for q in list_queries()}


# --------------------------------------------------------------------------- results


@pytest.mark.parametrize("name, params, column, values", RESULTS)
def test_result_on_the_bundled_articles(seed_store, name, params, column, values):
    df = query(seed_store, name, **params)
    assert set(df[column].dropna()) == values
    if "sentence" in df.columns and len(df):
        assert df["sentence"].notna().all() and df["article"].notna().all()


@pytest.mark.parametrize("name, params, column, values", RESULTS)
def test_both_engines_agree(seed_store, memory, name, params, column, values):
    on_disk = query(seed_store, name, **params)
    in_memory = query(memory, name, **params)
    assert list(on_disk.columns) == list(in_memory.columns)

    def as_rows(df):
        return sorted(map(repr, df.astype(object).where(df.notna(), None).values.tolist()))

    assert as_rows(on_disk) == as_rows(in_memory)


def test_leading_enterprises_keeps_its_five_columns(seed_store):
    variables, rows = run_named(seed_store, "leading-enterprises")
    shown = variables[: result_columns("leading-enterprises", variables)]
    assert shown == ["enterprise", "chain", "sentence", "article", "file"]
    assert ("云铝海鑫", "绿色铝产业链") in {row[:2] for row in rows}


def test_parameter_columns_are_left_out_of_the_dataframe(seed_store):
    df = query(seed_store, "chains-led-by", enterprise="云铝海鑫")
    assert list(df.columns) == ["enterprise_label", "chain", "sentence", "article", "file"]


# --------------------------------------------------------------------------- binding

INJECTIONS = ["} ; DROP ALL ; {", '"} ; DROP ALL ; {"', '"@zh } UNION { ?s ?p ?o } #', "\\'"]


def _label_parameters():
    for name, params in ASK_QUERIES.items():
        for param, kind, _ in params:
            if kind in ("label", "string"):
                yield name, param


@pytest.mark.parametrize("name, param", list(_label_parameters()))
@pytest.mark.parametrize("value", INJECTIONS)
def test_a_query_like_value_is_only_a_value(seed_store, name, param, value):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = run_sparql(seed_store, count)[1]
    params = {p: "威信县" for p, _, required in ASK_QUERIES[name] if required and p != param}
    assert len(query(seed_store, name, **{param: value}, **params)) == 0
    assert run_sparql(seed_store, count)[1] == before


BAD_CALLS = [
    ("no-such-query", {}, "no query named"),
    ("chains-led-by", {}, "needs the parameter enterprise"),
    ("chains-led-by", {"enterprise": "云铝海鑫", "firm": "x"}, "no parameter 'firm'"),
    ("metrics", {"subject": "威信县", "year": "twenty"}, "year must be an integer"),
    ("located-in", {"place": "昭阳区", "kind": "Factory"}, "must be a class of the ontology"),
]


@pytest.mark.parametrize("name, params, message", BAD_CALLS)
def test_bad_calls_raise_query_error(seed_store, name, params, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        query(seed_store, name, **params)


def test_kg_query_is_the_named_query_facade(seed_build):
    import kg

    path = seed_build[1] / "store"
    got = kg.query(path, "chains-led-by", enterprise="合盛铝业")["chain"]
    assert list(got) == ["绿色硅全产业链"]
    assert kg.query is query


# --------------------------------------------------------------------------- the command


def test_kg_query_list_shows_descriptions_and_parameters():
    proc = kg("query", "--list")
    assert proc.returncode == 0, proc.stderr
    for name, params in ASK_QUERIES.items():
        assert f"\n{name}\n" in f"\n{proc.stdout}"
        for param, kind, _ in params:
            assert f"--param {param}=…  {kind}" in proc.stdout
    data = json.loads(kg("query", "--list", "--format", "json").stdout)
    assert {"name", "description", "parameters"} <= data[0].keys()


def test_kg_query_named_with_params(seed_build):
    store = str(seed_build[1] / "store")
    proc = kg(
        "query",
        "--named",
        "metrics",
        "--param",
        "subject=昭通",
        "--param",
        "year=2022",
        "--param",
        "indicator=工业总产值",
        "--store",
        store,
        "--format",
        "json",
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert {r["value"] for r in rows} == {862.6, 997.8, 757.8}
    assert "subject" not in rows[0] and rows[0]["subject_label"] == "昭通市"


BAD_COMMANDS = [
    (["query", "--named", "metrics", "--param", "subject"], "KEY=VALUE"),
    (["query", "--param", "chain=x"], "--param goes with --named"),
    (["query"], "give one of"),
    (["query", "SELECT * WHERE { ?s ?p ?o }", "--named", "about"], "give one of"),
    (["query", "--named", "metrics", "--param", "subject=a", "--param", "subject=b"], "twice"),
    (["query", "--named", "about"], "needs the parameter entity"),
]


@pytest.mark.parametrize("args, message", BAD_COMMANDS)
def test_bad_query_commands_give_one_line(seed_build, args, message):
    proc = kg(*args, "--store", str(seed_build[1] / "store"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


# --------------------------------------------------------------------------- confidence

CONFIDENCE_CASES = [
    # (min_confidence, the leading firms found) over one statement at 0.5 and one at 1
    (None, ["丙丁科技", "甲乙科技"]),
    (0.4, ["丙丁科技", "甲乙科技"]),
    (0.8, ["丙丁科技"]),
    ("1", ["丙丁科技"]),
]


@pytest.fixture(scope="module")
def confident_doc():
    """Two leading-firm statements with invented names, found at confidence 0.5 and 1."""
    from kg.reading.reader import read_text
    from kg.run.pipeline import extract

    text = "以甲乙科技为龙头,戊己材料产业链加快发展。以丙丁科技为龙头,庚辛装备产业链稳步推进。"
    doc = extract(read_text(text, name="confidence.txt"))
    leads = [r for r in doc.relations if r.predicate == P.leadsChain]
    leads.sort(key=lambda r: r.subject.start)
    assert [r.subject.text for r in leads] == ["甲乙科技", "丙丁科技"]
    leads[0].confidence, leads[1].confidence = 0.5, 1.0
    return doc


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("minimum, firms", CONFIDENCE_CASES)
def test_leading_firms_filtered_by_confidence(confident_doc, tmp_path, engine, minimum, firms):
    from kg.graph.store import build_store, open_store

    if engine == "rdflib":
        graph = document_graph(confident_doc)
    else:
        build_store([confident_doc], tmp_path / "store")
        graph = open_store(tmp_path / "store")
    params = {} if minimum is None else {"min_confidence": minimum}
    frame = query(graph, "leading-enterprises", **params)
    assert sorted(frame["enterprise"]) == firms
    assert list(frame.columns) == ["enterprise", "chain", "sentence", "article", "file"]


def test_confidence_is_validated_and_a_number(confident_doc):
    from kg.graph.validate import validate

    assert validate(document_graph(confident_doc))[0]
    with pytest.raises(QueryError, match="must be a number"):
        query(document_graph(confident_doc), "leading-enterprises", min_confidence="high")


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_firm_in_a_park_of_a_place_is_in_the_place(tmp_path, engine):
    from kg.graph.store import build_store, open_store
    from kg.reading.reader import read_text
    from kg.run.pipeline import extract

    text = "11月27日,在德州市循环经济产业园,岚泰纸业生产车间内机器轰鸣。"
    doc = extract(read_text(text, name="two-steps.txt"))
    if engine == "rdflib":
        graph = document_graph(doc)
    else:
        build_store([doc], tmp_path / "store")
        graph = open_store(tmp_path / "store")
    frame = query(graph, "located-in", place="德州市", kind="Enterprise")
    got = list(zip(frame["thing"], frame["via"], strict=True))
    assert got == [("岚泰纸业", "德州市循环经济产业园")]
