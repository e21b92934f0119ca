"""Reading articles: encodings, refusals with a clear message, folders, titles, the seed files."""

import codecs
import random
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.reading.reader import decode, iter_paths, read_path, read_text, title_of

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/dev/*.txt"))
CORPUS_PARAMS = [pytest.param(p, id=p.name) for p in CORPUS] or [
    pytest.param(None, marks=pytest.mark.skip(reason=f"no corpus files under {SHARED}"))
]
needs_seeds = pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(), reason=f"no seed articles under {SHARED / 'seeds'}"
)

ARTICLE = "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。\n链主企业发挥带动作用。"
_NOISE = random.Random(0).randbytes(4096)

DECODED = [
    ("utf-8", ARTICLE.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")),
    ("gb18030", ARTICLE.encode("gb18030")),
    ("gbk", ARTICLE.encode("gbk")),
]

REFUSED = [
    ("empty", b"", "empty file"),
    ("whitespace only", b" \n\t \r\n", "empty file"),
    ("BOM and spaces", codecs.BOM_UTF8 + b"  \n", "empty file"),
    ("png renamed .txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _NOISE[:100], "binary file"),
    ("jpeg renamed .txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file"),
    ("pdf renamed .txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file"),
    ("zip renamed .txt", b"PK\x03\x04\x14\x00\x06\x00", "binary file"),
    ("NUL bytes", b"abc\x00\x00def", "binary file"),
    ("random bytes", _NOISE, "binary file"),
    ("random bytes without NUL", _NOISE.replace(b"\x00", b""), "unknown text encoding"),
    ("latin-1", "café crème brûlée à la mode".encode("latin-1"), "unknown text encoding"),
]

TITLES = [
    ("# 昭通:步履稳健迈上新型工业化道路\n\n记者 陈忠华", "昭通:步履稳健迈上新型工业化道路"),
    ("\n\n昭通高质量跨越式发展其势已成\n\n牢记嘱托。", "昭通高质量跨越式发展其势已成"),
    (
        "全市产业链链长制工作推进会议召开\n本报讯 5月16日下午,会议召开。",
        "全市产业链链长制工作推进会议召开",
    ),
    ("鹤庆县坚持把工业发展作为产业发展的重中之重,聚焦工业发展。\n一问如何解决问题", ""),
    ("正文" + "很长" * 20, ""),
    ("短行\n## 小标题", "小标题"),
    ("", ""),
]


@pytest.mark.parametrize(("label", "data"), DECODED)
def test_decode_encodings(tmp_path, label, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.raw.lstrip("\ufeff") == ARTICLE
    assert doc.text == ARTICLE
    assert doc.name == "a.txt"


@pytest.mark.parametrize(("label", "data", "message"), REFUSED)
def test_decode_refuses(tmp_path, label, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as err:
        read_path(path)
    assert str(err.value).startswith(f"{path}: ")


def test_decode_names_the_file():
    with pytest.raises(InputError, match=r"^x/y\.txt: unknown text encoding \(expected UTF-8"):
        decode(b"\x80\x81\xff", name="x/y.txt")


def test_read_path_missing(tmp_path):
    path = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="no such file or directory") as err:
        read_path(path)
    assert str(err.value) == f"{path}: no such file or directory"


def test_read_path_folder(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path)


def test_read_path_unreadable(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="permission denied"):
        read_path(path)


def test_iter_paths_expands_folders(tmp_path):
    for rel in ("b.md", "a.txt", "sub/c.txt", "sub/d.csv", ".hidden/e.txt", "z.TXT"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    single = tmp_path / "sub" / "d.csv"
    found = list(iter_paths([tmp_path, single]))
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["a.txt", "b.md", "sub/c.txt", "z.TXT", "sub/d.csv"]
    assert list(iter_paths(str(tmp_path / "a.txt"))) == [tmp_path / "a.txt"]


def test_iter_paths_missing(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        iter_paths([tmp_path / "nope"])


def test_iter_paths_folder_without_articles(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(InputError, match=r"no \.txt or \.md files"):
        iter_paths([tmp_path])


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_title_of(text, title):
    assert title_of(text) == title


# a page's navigation and its source line are chrome, read away before the title is looked for
CHROME_TITLES = [
    ("当前位置:首页 > 新闻 > 正文\n岚川市召开链长制会议\n会议召开。", "岚川市召开链长制会议"),
    ("> 岚川资讯 > 市政府信息\n岚川市召开链长制会议\n会议召开。", "岚川市召开链长制会议"),
    ("首页 新闻 湖北 宜昌\n岚川市召开链长制会议\n会议召开。", "岚川市召开链长制会议"),
    ("来源:岚川日报 2024-03-05\n岚川市召开链长制会议\n会议召开。", "岚川市召开链长制会议"),
    # a headline and its subtitle on one line
    (
        "岚川召开座谈会强调:强化链式思维抓产业 为岚川迈入千亿级城市行列提供坚实支撑\n会议召开。",
        "岚川召开座谈会强调:强化链式思维抓产业 为岚川迈入千亿级城市行列提供坚实支撑",
    ),
]


@pytest.mark.parametrize(("text", "title"), CHROME_TITLES)
def test_title_after_chrome(text, title):
    assert read_text(text).title == title


def test_read_text():
    raw = "# 鶴慶：工業(yè)發(fā)展\r\n鶴慶溢鑫鋁業(yè)有限公司投產。"
    doc = read_text(raw)
    assert doc.name == "<text>"
    assert doc.raw == raw
    assert doc.text == "# 鹤庆:工业发展\n鹤庆溢鑫铝业有限公司投产。"
    assert doc.title == "鹤庆:工业发展"
    assert len(doc.offsets) == len(doc.text) + 1
    start = doc.text.index("溢鑫")
    assert doc.raw_span(start, start + 2) == (raw.index("溢鑫"), raw.index("溢鑫") + 2)


def test_markdown_links_stripped():
    doc = read_text("![图](a.jpg)\n印发[《实施意见》](http://example.cn/a.html)。", name="a.md")
    assert doc.text == "\n印发《实施意见》。"


@needs_seeds
def test_seed_traditional_with_pinyin():
    doc = read_path(SHARED / "seeds" / "003_02231d40f04a8be0.txt")
    assert doc.name == "003_02231d40f04a8be0.txt"
    assert "鹤庆溢鑫铝业有限公司" in doc.text
    assert "业发展" in doc.text
    assert "(yè)" not in doc.text
    assert "copy.jpg" not in doc.text


@needs_seeds
def test_seed_page_break_rejoined():
    doc = read_path(SHARED / "seeds" / "000_c9519bf765dc77e1.txt")
    assert doc.name == "000_c9519bf765dc77e1.txt"
    assert "为龙头,新材料产业链" in doc.text
    assert doc.title == "昭通:步履稳健迈上新型工业化道路"


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_reads(path):
    doc = read_path(path)
    assert doc.name == path.name
    assert doc.text.strip()
    assert len(doc.offsets) == len(doc.text) + 1


def test_folder_documentation_is_not_an_article(tmp_path):
    (tmp_path / "a.txt").write_text("以云铝海鑫为龙头,绿色铝产业链加快发展。", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this corpus", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text("# Sources", encoding="utf-8")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.txt"]
    assert [p.name for p in iter_paths([tmp_path / "README.md"])] == ["README.md"]


# ---------------------------------------------------------------- Markdown (issue 12 item 6)

MARKDOWN_ARTICLE = (
    "# 昭通：**链长制**工作推进\n\n"
    "以**云铝海鑫**为龙头,绿色铝产业链链长工作取得新成效。\n"
    "以*合盛铝业*、旗滨玻璃为龙头,绿色硅全产业链项目稳步推进。\n"
)


def test_a_markdown_article_loses_its_markup_and_keeps_its_facts(tmp_path):
    from kg.run.pipeline import extract

    path = tmp_path / "article.md"
    path.write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    doc = extract(read_path(path))
    assert doc.title == "昭通:链长制工作推进"
    assert {(r.subject.label, r.object.label) for r in doc.relations} == {
        ("云铝海鑫", "绿色铝产业链"),
        ("合盛铝业", "绿色硅全产业链"),
        ("旗滨玻璃", "绿色硅全产业链"),
        ("绿色硅全产业链项目", "昭通"),  # (the place the title names)
    }
    for m in doc.mentions:  # raw offsets point at the name in the file, inside its markup
        a, b = doc.raw_span(m.start, m.end)
        assert doc.raw[a:b] == m.text


# A web page's chrome before its headline is never the title (cases with invented names).
CHROME_TITLES = [
    ("岚州新闻网\n设为首页\n岚州经开区:打造千亿园区\n正文说了什么。", "岚州经开区:打造千亿园区"),
    ("新闻热线:0123-4567890\n岚州工业园区加快发展\n正文说了什么。", "岚州工业园区加快发展"),
    ("首页 > 财经 > 正文\n岚州签约10个项目\n正文说了什么。", "岚州签约10个项目"),
    ("关灯\n岚州签约10个项目\n正文说了什么。", "岚州签约10个项目"),
    ("岚州日报记者 赵恒 通讯员 钱明\n岚州签约10个项目\n正文说了什么。", "岚州签约10个项目"),
    ("首页 政务公开 通知公告 专题\n岚州签约10个项目\n正文说了什么。", "岚州签约10个项目"),
]


@pytest.mark.parametrize(("text", "title"), CHROME_TITLES)
def test_the_title_is_the_headline_after_the_page_chrome(text, title):
    assert title_of(text) == title
