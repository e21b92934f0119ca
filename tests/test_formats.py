"""Other formats: an HTML news page (trafilatura), a Word report (python-docx), a PDF with a
text layer (pypdf); broken files of each kind refused with one line naming them."""

from __future__ import annotations

import os

import pytest

from kg.errors import InputError
from kg.reading.characters import RADICALS
from kg.reading.formats import FORMATS, docx_text, html_text, pdf_text, to_text
from kg.reading.reader import iter_paths, read_path, read_text
from kg.run.pipeline import extract

from . import input_files as make
from .helpers import CHROMIUM

LEAD_FACT = ("leadsChain", "云铝海鑫", "绿色铝产业链")


def facts(doc):
    return {(r.predicate, r.subject.label, r.object.label) for r in doc.relations}


# ---------------------------------------------------------------- HTML

BOILERPLATE = [
    "时政要闻",
    "热点排行",
    "美食节",
    "广告位",
    "版权所有",
    "ICP备",
    "当前位置",
    "浏览次数",
]


@pytest.mark.parametrize("charset", ["utf-8", "gbk", "gb18030"])
def test_html_main_text_without_boilerplate(charset):
    text = html_text(make.html_page(charset=charset), name="news.html")
    assert make.LEAD in text
    assert "下一步,各链主企业" in text.replace("，", ",")
    for word in BOILERPLATE:
        assert word not in text, word


def test_html_table_becomes_rows():
    text = html_text(make.html_page(), name="news.html")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert rows[0].replace(" ", "") == "|序号|企业名称|产业链|所在乡镇|"
    assert "| 云南云铝海鑫铝业有限公司 | 绿色铝产业链 | 昭阳区 |" in rows[2]


def test_html_page_gives_facts_from_prose_and_table(tmp_path):
    path = tmp_path / "news.html"
    path.write_bytes(make.html_page())
    doc = extract(read_path(path))
    assert doc.name == "news.html"
    assert doc.title == "昭通市公布首批链主企业名单"
    got = facts(doc)
    assert ("leadsChain", "云南云铝海鑫铝业有限公司", "绿色铝产业链") in got  # table row
    assert ("leadsChain", "合盛硅业(昭通)有限公司", "绿色硅产业链") in got
    assert ("locatedIn", "合盛硅业(昭通)有限公司", "水富市") in got
    # the prose's short name is the table's firm: one entity
    assert any(r.subject.text == "云铝海鑫" and r.predicate == "leadsChain" for r in doc.relations)


def test_html_without_article_text_is_refused():
    with pytest.raises(InputError, match=r"^empty\.html: no article text"):
        html_text(b"<html><head><title></title></head><body></body></html>", name="empty.html")


# ---------------------------------------------------------------- Word


def test_docx_paragraphs_and_tables_in_order():
    text = docx_text(make.docx_report(), name="report.docx")
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "# 昭通市重点产业链项目推进情况报告"
    assert lines.index(make.LEAD) < lines.index("| 项目名称 | 总投资(亿元) | 建设地点 | 建设单位 |")
    assert lines[-1] == "下一步,各项目将加快建设进度,力争早日投产达效。"
    assert "| 合计 | 42.5 |  |" in lines  # the merged cell is written once


def test_docx_report_gives_facts_and_metrics(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(make.docx_report())
    doc = extract(read_path(path))
    got = facts(doc)
    # the prose's short name 云铝海鑫 is the table's firm: one entity, under its full name
    assert ("leadsChain", "云南云铝海鑫铝业有限公司", "绿色铝产业链") in got
    assert any(r.subject.text == "云铝海鑫" and r.predicate == "leadsChain" for r in doc.relations)
    project = "昭通40万吨铝合金扁锭项目"
    assert ("developedBy", project, "云南云铝海鑫铝业有限公司") in got
    assert ("locatedIn", project, "昭阳区") in got
    metrics = {(m.subject.label, m.indicator, m.value, m.unit) for m in doc.metrics if m.subject}
    assert (project, "总投资", 12.5, "亿元") in metrics
    assert ("水富绿色硅材料项目", "总投资", 30.0, "亿元") in metrics
    assert not any(m.value == 42.5 for m in doc.metrics)  # the totals row is no project


# ---------------------------------------------------------------- PDF


def test_pdf_text_layer_is_read():
    text = pdf_text(make.pdf_report(), name="report.pdf")
    assert make.LEAD in text


def test_pdf_lines_broken_by_layout_are_rejoined(tmp_path):
    lines = [
        "昭通市工业经济运行情况",
        "2023年以来,昭通市坚持以产业链链长制为抓手,以云铝海鑫为龙头,绿色铝产业链链长工",
        "作取得新成效。",
    ]
    path = tmp_path / "report.pdf"
    path.write_bytes(make.pdf_report(lines))
    doc = extract(read_path(path))
    assert "绿色铝产业链链长工作取得新成效。" in doc.text
    assert LEAD_FACT in facts(doc)


@pytest.fixture(scope="module")
def printed_pdf(tmp_path_factory) -> bytes:
    """Our own article as a web page printed to PDF by Debian's headless Chromium."""
    if not CHROMIUM.is_file():
        reason = f"{CHROMIUM} is absent: install Debian's chromium package (make test does)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the PDF tests")
        pytest.skip(reason)
    return make.chromium_pdf(str(CHROMIUM), tmp_path_factory.mktemp("printed"))


def test_a_pdf_printed_by_chromium_gives_every_leading_firm(printed_pdf, tmp_path):
    # issue 12 item 5: its text layer writes 龙 as ⻰ (CJK Radicals Supplement) and 色 as ⾊
    # (Kangxi Radicals), and breaks lines inside sentences
    layer = pdf_text(printed_pdf, name="article.pdf")
    assert any(0x2E80 <= ord(c) <= 0x2FDF for c in layer), "no radical left to fold"
    assert "\n" in layer.split("。")[0], "no line broken inside a sentence"
    path = tmp_path / "article.pdf"
    path.write_bytes(printed_pdf)
    doc = extract(read_path(path))
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in doc.text)
    leads = {
        (r.subject.label, r.object.label) for r in doc.relations if r.predicate == "leadsChain"
    }
    assert leads == make.PRINTED_LEADS


def test_a_pdf_printed_by_chromium_reads_as_its_text(printed_pdf, tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(printed_pdf)
    from_pdf = extract(read_path(path))
    from_text = extract(read_text("\n".join(make.PRINTED_ARTICLE), name="article.txt"))
    assert from_pdf.text.replace("\n", "") == from_text.text.replace("\n", "")
    assert facts(from_pdf) == facts(from_text)
    for m in from_pdf.mentions:  # offsets still point at the mention in the PDF's text layer
        raw = from_pdf.raw[from_pdf.offsets[m.start] : from_pdf.offsets[m.end - 1] + 1]
        assert "".join(RADICALS.get(c, c) for c in raw.replace("\n", "")) == m.text


# ---------------------------------------------------------------- refusals, as data

REFUSED = [
    ("scan.pdf", make.pdf_without_text, "the PDF has no text layer"),
    ("broken.pdf", lambda: make.pdf_report()[:300], "not a readable PDF"),
    ("image.pdf", make.png, "not a readable PDF"),
    ("broken.docx", lambda: make.docx_report()[:500], "not a readable Word .docx file"),
    ("image.docx", make.png, "not a readable Word .docx file"),
    ("empty.docx", lambda: b"", "empty file"),
    ("empty.pdf", lambda: b"  \n", "empty file"),
    ("empty.html", lambda: b"", "empty file"),
    ("image.html", make.png, "binary file"),
]


@pytest.mark.parametrize(("name", "make_bytes", "message"), REFUSED)
def test_broken_files_are_refused_naming_them(tmp_path, name, make_bytes, message):
    path = tmp_path / name
    path.write_bytes(make_bytes())
    with pytest.raises(InputError) as err:
        read_path(path)
    line = str(err.value)
    assert line.startswith(f"{path}: ") and message in line
    assert "\n" not in line


def test_every_format_has_a_reader_and_is_found_in_folders(tmp_path):
    assert set(FORMATS) == {".html", ".htm", ".docx", ".pdf"}
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.docx", "f.pdf", "g.csv"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in iter_paths([tmp_path])] == [
        "a.txt",
        "b.md",
        "c.html",
        "d.htm",
        "e.docx",
        "f.pdf",
    ]


def test_to_text_refuses_an_unknown_suffix():
    with pytest.raises(InputError, match=r"^a\.xlsx: unknown format \.xlsx$"):
        to_text(b"data", name="a.xlsx")
