"""Bad input, tried on purpose, through the real `kg` command in a subprocess.

Every case is either read correctly or refused with one line naming the file and a non-zero
exit; with --keep-going a refused file is a warning and a skip. In every case the other
articles and an existing store stay intact.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest

from . import input_files as make
from .conftest import ROOT
from .helpers import kg, one_line_error

CHAIN = "绿色铝产业链"


def lead(firm: str) -> str:
    return f"以{firm}为龙头,{CHAIN}链长工作取得新成效。"


GOOD = ("good.txt", lead("云铝海鑫").encode("utf-8"), "云铝海鑫")

# name, bytes, the firm whose leadsChain fact the article must give
READ_CORRECTLY = [
    pytest.param("gb18030.txt", lead("合盛铝业").encode("gb18030"), "合盛铝业", id="GB18030"),
    pytest.param("gbk.txt", lead("旗滨玻璃").encode("gbk"), "旗滨玻璃", id="GBK"),
    pytest.param(
        "utf16.txt",
        codecs.BOM_UTF16_LE + lead("云南中晟").encode("utf-16-le"),
        "云南中晟",
        id="UTF-16 with BOM",
    ),
    pytest.param(
        "utf8bom.txt", codecs.BOM_UTF8 + lead("云南锂电").encode(), "云南锂电", id="UTF-8 with BOM"
    ),
    pytest.param(
        "crlf.txt",
        f"工业简报\r\n\r\n{lead('神火铝业')}\r\n各项工作稳步推进。\r\n".encode(),
        "神火铝业",
        id="Windows line endings",
    ),
    pytest.param(
        "mixed.txt",
        "以魏桥鋁電为龙头,綠色铝產业链链长工作取得新成效。".encode(),
        "魏桥铝电",
        id="traditional and simplified mixed",
    ),
    pytest.param(
        "longline.txt",
        ("推动工业经济高质量发展" * 4000 + "\n" + lead("信发铝电")).encode(),
        "信发铝电",
        id="a 44,000-character line without punctuation",
    ),
    pytest.param(
        "brief.md",
        f"# 工业简报\n\n{lead('天山铝业')}\n\n- [通知](http://a.cn)\n\n"
        "| 链主企业 | 产业链 |\n|---|---|\n| 明泰铝业 | 绿色铝产业链 |\n".encode(),
        "明泰铝业",
        id="Markdown with a table",
    ),
    pytest.param("news.html", make.html_page(lead=lead("中孚实业")), "中孚实业", id="HTML page"),
    pytest.param("report.docx", make.docx_report(lead=lead("鼎胜新材")), "鼎胜新材", id="docx"),
    pytest.param(
        "report.pdf",
        make.pdf_report(["工业经济运行情况", lead("华峰铝业")]),
        "华峰铝业",
        id="PDF with a text layer",
    ),
    pytest.param(
        "list.txt",
        f"链主企业名单\n企业名称\t产业链\n立中集团\t{CHAIN}\n".encode(),
        "立中集团",
        id="tab-separated table",
    ),
]


def _broken_link(folder: Path, name: str) -> None:
    (folder / name).symlink_to(folder / "gone" / name)


def _no_permission(folder: Path, name: str) -> None:
    path = folder / name
    path.write_bytes(lead("明泰铝业").encode())
    path.chmod(0)


AS_ROOT = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads files whatever their mode; the broken link case covers unreadability",
)

# name, bytes or a function (folder, name) that makes the file, a word of the refusal
REFUSED = [
    pytest.param("empty.txt", b"", "empty file", id="empty"),
    pytest.param("blank.txt", " \r\n\t\n\u3000\n".encode(), "empty file", id="whitespace only"),
    pytest.param("bom-only.txt", codecs.BOM_UTF8 + b"\n  \n", "empty file", id="BOM and spaces"),
    pytest.param("image.txt", make.png(), "binary file", id="a PNG renamed .txt"),
    pytest.param(
        "latin1.txt",
        "crème brûlée à la mode".encode("latin-1"),
        "unknown text encoding",
        id="undecodable",
    ),
    pytest.param("link.txt", _broken_link, "broken symbolic link", id="unreadable: broken link"),
    pytest.param(
        "locked.txt",
        _no_permission,
        "permission denied",
        id="unreadable: mode 000",
        marks=AS_ROOT,
    ),
    pytest.param("scan.pdf", make.pdf_without_text(), "no text layer", id="PDF of a scan"),
    pytest.param(
        "broken.docx", make.docx_report()[:400], "not a readable Word", id="truncated docx"
    ),
]


# ---------------------------------------------------------------- helpers


def store_digest(path: Path) -> str:
    """A hash of every quad of the store at `path`: equal digests, equal stores."""
    store = ox.Store.read_only(str(path))
    lines = sorted(str(q) for q in store)
    del store
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


LEADS = """SELECT ?file ?firm WHERE {
  ?x rdf:predicate ckg:leadsChain ; rdf:subject ?e ; rdf:object ?c ; ckg:evidence ?s .
  ?s ckg:inArticle ?a . ?a ckg:fileName ?file . ?e skos:prefLabel ?firm .
  ?c skos:prefLabel ?chain . FILTER(STR(?chain) = "绿色铝产业链") }"""


def leads_in_store(store: Path) -> set[tuple[str, str]]:
    from kg.graph.query import run_sparql
    from kg.graph.store import open_store

    _, rows = run_sparql(open_store(store), LEADS)
    return {(str(file), str(firm)) for file, firm in rows}


def write_case(folder: Path, name: str, content) -> Path:
    if callable(content):
        content(folder, name)
    else:
        (folder / name).write_bytes(content)
    return folder / name


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> tuple[Path, str]:
    """An existing store (of one article) and its digest, which no failed run may change."""
    folder = tmp_path_factory.mktemp("base")
    (folder / "base.txt").write_bytes(lead("南山集团").encode())
    out = folder / "out"
    proc = kg("build", str(folder / "base.txt"), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out / "store", store_digest(out / "store")


# ---------------------------------------------------------------- read correctly


@pytest.fixture(scope="module")
def read_all(tmp_path_factory):
    """All the readable cases and the good article in one folder: `kg extract` and `kg build`."""
    folder = tmp_path_factory.mktemp("readable")
    for p in [GOOD, *(p.values for p in READ_CORRECTLY)]:
        write_case(folder, p[0], p[1])
    extracted = kg("extract", str(folder), "--format", "jsonl", "--quiet")
    out = folder.parent / f"{folder.name}-out"
    built = kg("build", str(folder), "--out", str(out), "--quiet")
    return extracted, built, out / "store"


def test_every_readable_case_builds_without_a_word(read_all):
    extracted, built, _ = read_all
    assert extracted.returncode == 0 and not extracted.stderr, extracted.stderr
    assert built.returncode == 0 and not built.stderr, built.stderr
    assert f"Built {len(READ_CORRECTLY) + 1} articles" in built.stdout


@pytest.mark.parametrize(("name", "data", "firm"), READ_CORRECTLY)
def test_read_correctly(read_all, name, data, firm):
    extracted, _, store = read_all
    records = [json.loads(line) for line in extracted.stdout.splitlines()]
    leads = {
        (r["doc"], r["subject"], r["object"])
        for r in records
        if r["kind"] == "relation" and r["predicate"] == "leadsChain"
    }
    assert (name, firm, CHAIN) in leads
    in_store = leads_in_store(store)
    assert (name, firm) in in_store
    assert (GOOD[0], GOOD[2]) in in_store  # the other articles are intact


def test_a_big_text_is_streamed_with_flat_memory(tmp_path):
    """A 5 MB text is read in parts (kg.reading.reader.read_documents) with the memory of a 1.5 MB
    one.

    The 50 MB run is `benchmarks/bench_bigfile.py`: it takes minutes, not seconds.
    """
    corpus = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/corpus").glob("*.txt"))]

    def write(path: Path, size: int) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            n = k = 0
            while n < size:
                block = corpus[k % len(corpus)] + "\n\n"
                fh.write(block)
                n += len(block.encode())
                k += 1
            fh.write(lead("东方希望铝业") + "\n")  # the very end must not be lost

    def peak_rss_mb(path: Path) -> tuple[int, list[dict]]:
        out = path.with_suffix(".jsonl")
        script = textwrap.dedent(
            f"""
            import resource, subprocess, sys
            with open({str(out)!r}, "w") as fh:
                rc = subprocess.run([sys.executable, "-m", "kg.cli", "extract", {str(path)!r}],
                                    stdout=fh).returncode
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
            print(rc, peak)
            """
        )
        proc = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=600
        )
        rc, peak = map(int, proc.stdout.split())
        assert rc == 0, proc.stderr
        return peak, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    write(small, 1_500_000)
    write(big, 5_000_000)
    small_peak, _ = peak_rss_mb(small)
    big_peak, records = peak_rss_mb(big)
    parts = sorted({r["doc"] for r in records}, key=lambda d: int(d.split("#")[1]))
    assert len(parts) >= 8 and parts[0] == "big.txt#1"
    last = [r for r in records if r["doc"] == parts[-1] and r["kind"] == "relation"]
    assert ("东方希望铝业", CHAIN) in {(r["subject"], r["object"]) for r in last}
    assert big_peak < 1024, f"peak RSS {big_peak} MB"
    assert big_peak < small_peak * 1.25, (small_peak, big_peak)


# ---------------------------------------------------------------- refused clearly


@pytest.mark.parametrize(("name", "content", "word"), REFUSED)
def test_refused_with_one_line_and_the_store_intact(tmp_path, base_store, name, content, word):
    store, digest = base_store
    (tmp_path / "0_good.txt").write_bytes(GOOD[1])  # sorted first: read before the bad file
    bad = write_case(tmp_path, name, content)
    # extract names the bad file alone; build extracts the good article, then stops at the bad
    for args in (
        ["extract", str(bad)],
        ["build", str(tmp_path), "--store", str(store), "--out", str(tmp_path / "out"), "--quiet"],
    ):
        line = one_line_error(kg(*args))
        assert line.startswith("kg: error: ") and str(bad) in line and word in line, line
    assert store_digest(store) == digest


@pytest.fixture(scope="module")
def kept_going(tmp_path_factory):
    """Every refused case beside the good article, built with --keep-going."""
    folder = tmp_path_factory.mktemp("refused")
    (folder / GOOD[0]).write_bytes(GOOD[1])
    cases = [p for p in REFUSED if not p.marks]
    for p in cases:
        write_case(folder, p.values[0], p.values[1])
    out = folder.parent / f"{folder.name}-out"
    proc = kg("build", str(folder), "--out", str(out), "--keep-going", "--quiet")
    return folder, proc, out / "store", len(cases)


def test_keep_going_skips_every_refused_file_and_keeps_the_rest(kept_going):
    _, proc, store, n = kept_going
    assert proc.returncode == 0, proc.stderr
    warnings = proc.stderr.strip().splitlines()
    assert len(warnings) == n and all(w.startswith("kg: warning: skipped ") for w in warnings)
    assert "Built 1 articles" in proc.stdout
    assert leads_in_store(store) == {(GOOD[0], GOOD[2])}


@pytest.mark.parametrize(("name", "content", "word"), REFUSED)
def test_keep_going_names_each_skipped_file(kept_going, name, content, word):
    folder, proc, _, _ = kept_going
    (line,) = [w for w in proc.stderr.splitlines() if f"{folder / name}:" in w]
    assert word in line


def test_a_missing_path_is_refused_even_with_keep_going(tmp_path, base_store):
    store, digest = base_store
    (tmp_path / GOOD[0]).write_bytes(GOOD[1])
    missing = tmp_path / "nope.txt"
    for extra in ([], ["--keep-going"]):
        args = ["build", str(tmp_path / GOOD[0]), str(missing), "--store", str(store)]
        line = one_line_error(kg(*args, "--out", str(tmp_path / "out"), "--quiet", *extra))
        assert line == f"kg: error: {missing}: no such file or directory"
    assert store_digest(store) == digest


MALFORMED_QUERIES = [
    pytest.param(["SELEC ?x WHERE {"], "malformed", id="malformed SPARQL"),
    pytest.param(["SELECT ?x WHERE { ?x nope:p ?y }"], "malformed", id="unknown prefix"),
    pytest.param(["--named", "nope"], "nope", id="unknown named query"),
]


@pytest.mark.parametrize(("args", "word"), MALFORMED_QUERIES)
def test_bad_queries_are_refused_in_one_line(base_store, args, word):
    store, digest = base_store
    line = one_line_error(kg("query", *args, "--store", str(store)))
    assert word in line and "query" in line
    assert store_digest(store) == digest


HOLDER = """
import sys, time
import pyoxigraph as ox
store = ox.Store(sys.argv[1])  # opened for writing: the RocksDB lock is held
print("holding", flush=True)
sys.stdin.readline()
"""


def test_a_store_another_process_holds_is_refused_not_replaced(tmp_path, base_store):
    store, digest = base_store
    (tmp_path / GOOD[0]).write_bytes(GOOD[1])
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        args = ["build", str(tmp_path / GOOD[0]), "--store", str(store), "--out", str(tmp_path)]
        line = one_line_error(kg(*args, "--quiet"))
        assert str(store) in line and "another process" in line
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0
    assert store_digest(store) == digest
