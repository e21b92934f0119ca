"""kg.extraction.facts: what `kg extract` prints of an article, as records, JSON lines and a
table."""

from __future__ import annotations

import json

import pytest

from kg.extraction.facts import as_jsonl, as_table, facts
from kg.reading.reader import read_text
from kg.run.pipeline import extract

TEXT = "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。2022年全市工业总产值997.8亿元。"

# (kind, the record's keys that must be there)
KINDS = [
    ("entity", {"doc", "type", "text", "label", "iri", "start", "end", "raw_start", "raw_end"}),
    ("relation", {"doc", "predicate", "subject", "object", "sentence", "rule"}),
    ("metric", {"doc", "subject", "indicator", "value", "unit", "year", "qualifier", "text"}),
]


@pytest.fixture(scope="module")
def doc():
    return extract(read_text(TEXT, name="a.txt"))


@pytest.mark.parametrize("kind, keys", KINDS)
def test_each_kind_of_fact_has_its_fields(doc, kind, keys):
    records = [r for r in facts(doc) if r["kind"] == kind]
    assert records and all(keys <= r.keys() and r["doc"] == "a.txt" for r in records)


def test_entity_offsets_point_at_the_mention(doc):
    for r in facts(doc):
        if r["kind"] == "entity":
            assert doc.text[r["start"] : r["end"]] == r["text"]


def test_jsonl_is_one_record_a_line(doc):
    lines = as_jsonl(doc).splitlines()
    assert [json.loads(line) for line in lines] == facts(doc)
    assert as_jsonl(extract(read_text("今天天气很好。"))) == ""


def test_table_is_headed_by_the_article_name(doc):
    text = as_table(doc)
    assert text.startswith("# a.txt\n") and text.endswith("\n")
    assert "leadsChain" in text and "云铝海鑫" in text
