"""Tables inside articles give the facts a sentence would, each with its row as evidence."""

from __future__ import annotations

import pytest

from kg.extraction.tables import column_role, find_tables

# A sentence and a table that say the same thing: the table must give the same facts.
SAME_AS_SENTENCE = [
    (
        "leadsChain",
        "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。",
        "龙头企业|产业链\n云铝海鑫|绿色铝产业链",
    ),
    (
        "locatedIn",
        "岚川时代锂电池项目落户溧阳经济开发区。",
        "| 项目名称 | 所在园区 |\n| 岚川时代锂电池项目 | 溧阳经济开发区 |",
    ),
    (
        "chainLeaderOf",
        "市委副书记李明担任电子信息产业链链长。",
        "| 产业链 | 链长 |\n| 电子信息产业链 | 市委副书记李明 |",
    ),
    (
        "developedBy",
        "由岚川时代投资建设的锂电池项目开工。",
        "项目名称\t建设单位\n锂电池项目\t岚川时代\n",
    ),
    (
        "inChain",
        "铝箔项目属于铝精深加工产业链。",
        "| 项目名称 | 所属产业链 |\n|---|---|\n| 铝箔项目 | 铝精深加工产业链 |",
    ),
]

LINK_LEADERS = """全市首批链主企业名单如下:
序号\t企业名称\t产业链\t所在乡镇
1\t云南中晟\t新材料\t守望乡
2\t云南锂电、云铝海鑫\t新材料产业\t昭阳区
3\t昭通铝业\t绿色铝产业链\t昭阳经济开发区
"""

PROJECTS = """2022年重点项目:
项目名称｜总投资(亿元)｜建设地点｜建设单位
昭通铝合金扁锭项目｜12.5｜昭阳区｜云南云铝海鑫铝业有限公司
水富硅材料项目｜约30｜水富市｜—
合计｜42.5｜｜
"""

# text, the relations (predicate, subject, object) it gives, the metrics it gives
TABLES = [
    pytest.param(
        LINK_LEADERS,
        {
            ("leadsChain", "云南中晟", "新材料产业链"),
            ("leadsChain", "云南锂电", "新材料产业链"),
            ("leadsChain", "云铝海鑫", "新材料产业链"),
            ("leadsChain", "昭通铝业", "绿色铝产业链"),
            ("locatedIn", "云南中晟", "守望乡"),
            ("locatedIn", "云南锂电", "昭阳区"),
            ("locatedIn", "云铝海鑫", "昭阳区"),
            ("locatedIn", "昭通铝业", "昭阳经济开发区"),
            ("locatedIn", "昭阳经济开发区", "昭阳区"),  # (the park where its name says)
        },
        set(),
        id="tab-separated list of 链主 enterprises",
    ),
    pytest.param(
        LINK_LEADERS.replace("链主企业", "规上企业"),
        {
            ("inChain", "云南中晟", "新材料产业链"),
            ("inChain", "云南锂电", "新材料产业链"),
            ("inChain", "云铝海鑫", "新材料产业链"),
            ("inChain", "昭通铝业", "绿色铝产业链"),
            ("locatedIn", "云南中晟", "守望乡"),
            ("locatedIn", "云南锂电", "昭阳区"),
            ("locatedIn", "云铝海鑫", "昭阳区"),
            ("locatedIn", "昭通铝业", "昭阳经济开发区"),
            ("locatedIn", "昭阳经济开发区", "昭阳区"),  # (the park where its name says)
        },
        set(),
        id="firms in chains, not leading them",
    ),
    pytest.param(
        PROJECTS,
        {
            ("locatedIn", "昭通铝合金扁锭项目", "昭阳区"),
            ("locatedIn", "水富硅材料项目", "水富市"),
            ("developedBy", "昭通铝合金扁锭项目", "云南云铝海鑫铝业有限公司"),
        },
        {
            ("昭通铝合金扁锭项目", "总投资", 12.5, "亿元", 2022, ""),
            ("水富硅材料项目", "总投资", 30.0, "亿元", 2022, "约"),
        },
        id="projects with investment, full-width bars",
    ),
    pytest.param(
        "| 产业链 | 链长 | 链主企业 | 2023年产值(亿元) |\n"
        "| --- | --- | --- | --- |\n"
        "| 绿色铝 | 张三、李四 | 云铝海鑫 | 300 |\n"
        "| 新能源电池 | 市级领导 | 云南锂电 | 80.5 |\n",
        {
            ("chainLeaderOf", "张三", "绿色铝产业链"),
            ("chainLeaderOf", "李四", "绿色铝产业链"),
            ("chainLeaderOf", "市级领导", "新能源电池产业链"),
            ("leadsChain", "云铝海鑫", "绿色铝产业链"),
            ("leadsChain", "云南锂电", "新能源电池产业链"),
        },
        {
            ("云铝海鑫", "产值", 300.0, "亿元", 2023, ""),
            ("云南锂电", "产值", 80.5, "亿元", 2023, ""),
        },
        id="markdown table of chains, leaders and 链主",
    ),
    pytest.param(
        "| 指标 | 2022年 | 2023年 |\n| 工业总产值 | 997.8 | 1100 |\n",
        set(),
        set(),
        id="a table naming no entity column is left to the sentence rules",
    ),
    pytest.param(
        "昭通｜步履稳健迈上新型工业化道路\n以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。",
        {("leadsChain", "云铝海鑫", "绿色铝产业链")},
        set(),
        id="a bar in a title is no table",
    ),
]


def relations(doc, predicate=None):
    return {
        (r.predicate, r.subject.label, r.object.label)
        for r in doc.relations
        if predicate is None or r.predicate == predicate
    }


def metrics(doc):
    return {
        (m.subject.label if m.subject else None, m.indicator, m.value, m.unit, m.year, m.qualifier)
        for m in doc.metrics
    }


@pytest.mark.parametrize(("predicate", "sentence", "table"), SAME_AS_SENTENCE)
def test_a_row_gives_what_a_sentence_gives(extract_text, predicate, sentence, table):
    expected = relations(extract_text(sentence), predicate)
    assert expected
    assert relations(extract_text(table), predicate) == expected


@pytest.mark.parametrize(("text", "expected_relations", "expected_metrics"), TABLES)
def test_table_facts(extract_text, text, expected_relations, expected_metrics):
    doc = extract_text(text)
    assert relations(doc) == expected_relations
    assert metrics(doc) == expected_metrics


@pytest.mark.parametrize("text", [pytest.param(p.values[0], id=p.id) for p in TABLES])
def test_each_row_is_the_evidence_of_its_facts(extract_text, text):
    doc = extract_text(text)
    rows = {line.strip() for line in doc.text.splitlines() if "|" in line or "｜" in line}
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
    for r in doc.relations:
        assert r.sentence in doc.sentences
        if r.rule == "表格":
            assert r.sentence.text in rows
            for m in (r.subject, r.object):
                assert r.sentence.start <= m.start < m.end <= r.sentence.end
                assert doc.text[m.start : m.end] == m.text
    for q in doc.metrics:
        assert q.sentence in doc.sentences
        assert q.sentence.start <= q.start < q.end <= q.sentence.end


def test_a_row_with_sentence_marks_is_one_sentence(extract_text):
    text = "| 企业名称 | 产业链 | 备注 |\n| 云铝海鑫 | 绿色铝产业链 | 已投产。二期在建;年底完工 |"
    doc = extract_text(text)
    row = "| 云铝海鑫 | 绿色铝产业链 | 已投产。二期在建;年底完工 |"
    assert [s.text for s in doc.sentences] == ["| 企业名称 | 产业链 | 备注 |", row]
    assert {r.sentence.text for r in doc.relations} == {row}


def test_mentions_never_cross_cells(extract_text):
    doc = extract_text("| 项目名称 | 建设单位 |\n| 云铝海鑫绿色铝项目 | 云南云铝海鑫铝业有限公司 |")
    for m in doc.mentions:
        assert "|" not in m.text, m


def test_a_firm_named_in_a_table_is_found_in_the_prose(extract_text):
    doc = extract_text("| 企业名称 | 产业链 |\n| 滇东新材 | 新材料产业链 |\n滇东新材今年产值增长。")
    prose = [m for m in doc.mentions if m.start > doc.text.index("\n滇东新材今年")]
    assert [(m.type, m.text) for m in prose] == [("Enterprise", "滇东新材")]


COLUMNS = [
    ("企业名称", "Enterprise"),
    ("链主企业", "Enterprise"),
    ("建设单位", "developer"),
    ("项目名称", "Project"),
    ("重点项目", "Project"),
    ("所属产业链", "IndustryChain"),
    ("所在园区", "IndustrialPark"),
    ("所在乡镇（街道）", "place"),
    ("县(市、区)", "place"),
    ("建设地点", "place"),
    ("产业链链长", "leader"),
    ("序号", "skip"),
    ("总投资（亿元）", "measure"),
    ("2023年营业收入/万元", "measure"),
]


@pytest.mark.parametrize(("header", "role"), COLUMNS)
def test_column_roles(header, role):
    assert column_role(header).role == role


def test_a_measure_column_keeps_its_unit_and_year():
    col = column_role("2023年营业收入/万元")
    assert (col.indicator, col.unit, col.year) == ("营业收入", "万元", 2023)


def test_find_tables_skips_separator_rows_and_titles():
    text = "| 2023年链主企业名单 |\n| 企业名称 | 产业链 |\n|:--|--:|\n| 云铝海鑫 | 绿色铝产业链 |"
    (table,) = find_tables(text)
    assert [c.text for c in table.header.cells] == ["企业名称", "产业链"]
    assert [[c.text for c in r.cells] for r in table.rows] == [["云铝海鑫", "绿色铝产业链"]]
    assert table.leading and table.year == 2023


def test_the_store_keeps_the_row_as_evidence(tmp_path):
    from kg.graph.query import run_sparql
    from kg.graph.store import open_store
    from kg.run.build import build

    (tmp_path / "list.md").write_text("# 链主企业名单\n\n" + LINK_LEADERS, encoding="utf-8")
    build([tmp_path / "list.md"], out=tmp_path / "out", exports=False)
    query = """SELECT ?firm ?text WHERE {
      ?a rdf:predicate ckg:leadsChain ; rdf:subject ?e ; ckg:evidence ?s .
      ?e skos:prefLabel ?firm . ?s ckg:text ?text } ORDER BY ?firm"""
    _, rows = run_sparql(open_store(tmp_path / "out" / "store"), query)
    got = {(str(firm), str(text)) for firm, text in rows}
    assert ("昭通铝业", "3|昭通铝业|绿色铝产业链|昭阳经济开发区") in got
    assert ("云铝海鑫", "2|云南锂电、云铝海鑫|新材料产业|昭阳区") in got


def test_the_tables_are_parsed_once(monkeypatch, extract_text):
    from kg.extraction.tables import mentions

    parse, calls = mentions.find_tables, []
    monkeypatch.setattr(mentions, "find_tables", lambda text: calls.append(text) or parse(text))
    doc = extract_text(LINK_LEADERS)
    assert len(calls) == 1
    assert [len(t.rows) for t in doc.tables] == [3]
    from_rows = [r for r in doc.relations if r.rule == "表格"]
    assert from_rows and all(any(r is t for t in doc.table_relations) for r in from_rows)
