"""Properties that hold for any input (hypothesis): arbitrary Unicode and bytes never crash
reading, normalisation or extraction; every offset points into its sentence; extraction is
deterministic (same input, same graph)."""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extraction import resolve
from kg.extraction.recognize import firms
from kg.graph.rdf import document_quads
from kg.reading.formats import to_text
from kg.reading.normalize import normalize
from kg.reading.reader import decode, read_text
from kg.run.pipeline import extract

# Pieces of the text chainkg reads, to mix with arbitrary characters: names with their class
# suffixes, relation cues, numbers with units, traditional characters and pinyin, page chrome,
# table bars and tabs, every kind of line break and space, BOMs and zero-width characters.
FRAGMENTS = [
    "以云铝海鑫为龙头,",
    "绿色铝产业链",
    "链长",
    "链主企业",
    "市级领导担任链长。",
    "昭阳经济开发区",
    "云南华宁新材料股份有限公司",
    "40万吨铝合金扁锭项目",
    "《关于加快工业高质量跨越式发展的意见》",
    "昭通市",
    "2022年,全市工业总产值实现997.8亿元,增长11.4%。",
    "鶴慶溢鑫鋁業(yè)有限公司",
    "產業鏈，鏈長制",
    "当前位置:首页 > 新闻",
    "编辑:乔帅臣",
    "| 企业名称 | 产业链 | 所在乡镇 |",
    "| 云铝海鑫 | 绿色铝 | 昭阳区 |",
    "|---|---|",
    "项目名称\t总投资(亿元)\t建设地点",
    "｜",
    "|",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\u2028",
    "\u3000",
    "\ufeff",
    "\u200b",
    "。",
    "、",
    "“",
    "”",
    " ",
    "# ",
    "![图](a.jpg)",
    "[通知](http://a.cn)",
]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(
    "".join
)

# Modest numbers keep the suite fast; KG_HYPOTHESIS_EXAMPLES=1000 runs a deeper search.
EXAMPLES = int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "40"))
PROPERTY = settings(
    max_examples=EXAMPLES * 3 // 2,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.too_slow],
)
EXTRACTION = settings(PROPERTY, max_examples=EXAMPLES)


@PROPERTY
@given(st.text())
def test_normalize_never_crashes_on_any_unicode(raw):
    text, offsets = normalize(raw)
    assert len(offsets) == len(text) + 1


@PROPERTY
@given(texts)
@example(raw="\U0002f8fa")  # a compatibility ideograph: NFKC, then traditional to simplified
@example(raw="\u2ef0头\u2f8a")  # radicals: ⻰ (CJK Radicals Supplement) -> 龙, ⾊ (Kangxi) -> 色
def test_the_offset_map_points_into_the_original(raw):
    text, offsets = normalize(raw)
    assert len(offsets) == len(text) + 1
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(raw) for o in offsets)
    # every CJK character of the normalised text comes from a character of the original
    # that is it, its traditional form (OpenCC maps one character to one) or a compatibility
    # form of either (NFKC: U+2F8FA -> 汎, then OpenCC: 泛), or a radical written for it
    for ch, at in zip(text, offsets, strict=False):
        if "\u4e00" <= ch <= "\u9fff" and raw[at] != ch:
            name = unicodedata.name(raw[at], "")
            assert name.startswith(("CJK", "KANGXI RADICAL")), hex(ord(raw[at]))


MARKDOWN_FRAGMENTS = ["**", "*", "_", "__", "`", "~~", "[", "](", ")", "![", "<b>", "\\", "&amp;"]
markdown_texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS + MARKDOWN_FRAGMENTS), st.text(max_size=12)), max_size=40
).map("".join)


@PROPERTY
@given(markdown_texts)
@example(raw='以**云铝海鑫**为龙头,以*合盛铝业*、`旗滨`为[龙头](x "t")\\*')
def test_markdown_markup_leaves_an_exact_offset_map(raw):
    # issue 12 item 6: Markdown is read by markdown-it-py; what is left maps back exactly
    text, offsets = normalize(raw, markdown=True)
    assert len(offsets) == len(text) + 1
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(raw) for o in offsets)
    for ch, at in zip(text, offsets, strict=False):
        if "\u4e00" <= ch <= "\u9fff" and raw[at] != ch:
            name = unicodedata.name(raw[at], "")
            assert name.startswith(("CJK", "KANGXI RADICAL")), hex(ord(raw[at]))


def check_offsets(doc):
    text = doc.text
    assert len(doc.offsets) == len(text) + 1
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
    for m in doc.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert doc.sentence_at(m.start) is not None
        sent = doc.sentence_at(m.start)
        assert m.end <= sent.end
    for r in doc.relations:
        s = r.sentence
        assert text[s.start : s.end] == s.text
        assert s.start <= r.subject.start < s.end or s.start <= r.object.start < s.end
    for q in doc.metrics:
        s = q.sentence
        assert text[s.start : s.end] == s.text
        assert s.start <= q.start <= q.end <= s.end
    for m in doc.mentions:
        a, b = doc.raw_span(m.start, m.end)
        assert 0 <= a <= b <= len(doc.raw)


@EXTRACTION
@given(st.text())
def test_extraction_never_crashes_on_any_unicode(raw):
    check_offsets(extract(read_text(raw, name="any.txt")))


@EXTRACTION
@given(texts)
def test_every_offset_points_into_its_sentence(raw):
    check_offsets(extract(read_text(raw, name="mixed.txt")))


@EXTRACTION
@given(texts)
def test_extraction_is_deterministic(raw):
    first = document_quads(extract(read_text(raw, name="same.txt")))
    second = document_quads(extract(read_text(raw, name="same.txt")))
    assert first == second


cells = st.lists(
    st.sampled_from(["云铝海鑫", "云南锂电", "昭通铝业有限公司", "合盛硅业", "滇东新材"]),
    min_size=1,
    max_size=6,
)


@EXTRACTION
@given(cells, st.sampled_from(["链主企业名单", "企业名单", ""]), st.sampled_from(["|", "\t"]))
def test_every_table_row_gives_facts_with_itself_as_evidence(firms, caption, bar):
    chains = ["绿色铝", "新材料产业链", "硅光伏"]
    rows = [f"企业名称{bar}产业链{bar}所在乡镇"]
    rows += [f"{firm}{bar}{chains[k % 3]}{bar}昭阳区" for k, firm in enumerate(firms)]
    doc = extract(read_text(caption + "\n" + "\n".join(rows), name="table.txt"))
    check_offsets(doc)
    lines = {line for line in doc.text.split("\n")}
    table_facts = [r for r in doc.relations if r.rule == "表格"]
    assert {r.subject.text for r in table_facts} == set(firms)
    for r in table_facts:
        assert r.sentence.text in lines


@PROPERTY
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused_with_one_line(data):
    try:
        decode(data, name="a.txt")
    except InputError as err:
        assert str(err).startswith("a.txt: ") and "\n" not in str(err)


@pytest.mark.parametrize("name", ["a.docx", "a.pdf", "a.html"])
@settings(PROPERTY, max_examples=max(EXAMPLES * 5 // 8, 1))
@given(data=st.binary(max_size=400))
def test_any_bytes_in_other_formats_are_read_or_refused(name, data):
    prefix = {"a.docx": b"PK\x03\x04", "a.pdf": b"%PDF-1.4\n", "a.html": b"<html>"}[name]
    for blob in (data, prefix + data):
        try:
            to_text(blob, name=name)
        except InputError as err:
            assert str(err).startswith(f"{name}: ") and "\n" not in str(err)


NAME_CHARS = "合盛硅业与岳禾科技A(、"


@settings(PROPERTY, max_examples=EXAMPLES * 5)
@given(
    st.text(alphabet=NAME_CHARS, max_size=40),
    st.sets(st.text(alphabet=NAME_CHARS, min_size=1, max_size=5), max_size=8),
)
def test_names_are_found_alike_in_one_pass_or_one_by_one(text, words):
    # corefer reads a long text with many names in one pass of a pattern of them all, a short
    # one name by name: the same occurrences either way
    one_by_one = resolve._occurrences(text, words)
    saved, resolve._ONE_PASS = resolve._ONE_PASS, -1
    try:
        assert resolve._occurrences(text, words) == one_by_one
    finally:
        resolve._ONE_PASS = saved


@settings(PROPERTY, max_examples=EXAMPLES * 5)
@given(
    st.text(alphabet=NAME_CHARS, max_size=12),
    st.sets(st.text(alphabet=NAME_CHARS, max_size=5), max_size=200),
)
def test_a_name_is_found_in_a_list_alike_by_names_or_by_pieces(text, names):
    # a list run is searched for each name the article has named, or its pieces are looked up
    # among the names when those are more: the same answer either way
    assert firms._holds_one(text, names) == any(name in text for name in names)
