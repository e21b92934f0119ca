"""The main job on the bundled articles (kg.run.build): a golden test of the seed graph.

The golden file lists every relation of the seed graph as `predicate<TAB>subject<TAB>object`.
After a deliberate change to the extractor, regenerate it and review the diff:
    KG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_build.py
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.graph.query import run_sparql
from kg.graph.store import open_store

from .conftest import DATA, ROOT
from .helpers import kg, one_line_error

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


# ---------------------------------------------------------------- issue 12 items 1-3: a build
# leaves the complete new output or the complete old one, holds its locks, cleans up after kills

ONE_ARTICLE = "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"
NO_CHAIN_LEADER = "昭通市出台《关于加快工业高质量跨越式发展的意见》。"


def _quads(store: Path) -> set[str]:
    import pyoxigraph as ox

    db = ox.Store.read_only(str(store))
    try:
        return {str(q) for q in db}
    finally:
        del db


def _outputs(out: Path) -> dict[str, bytes]:
    """Every output file of a build but the store, by path under `out`."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file()
        and "store" not in p.relative_to(out).parts
        and not any(part.startswith(".") for part in p.relative_to(out).parts)
    }


def _staging_left(out: Path) -> list[str]:
    return sorted(
        p.name for p in out.iterdir() if p.name.startswith((".build-", ".store.")) and p.is_dir()
    )


@pytest.fixture()
def built(tmp_path):
    """A finished build of one article: (out folder, its store's quads, its other outputs)."""
    (tmp_path / "a.txt").write_text(ONE_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    proc = kg("build", str(tmp_path / "a.txt"), "--out", str(out), "--exports")
    assert proc.returncode == 0, proc.stderr
    return out, _quads(out / "store"), _outputs(out)


def test_an_article_without_chain_leader_facts_builds_with_its_plots(tmp_path):
    (tmp_path / "a.txt").write_text(NO_CHAIN_LEADER, encoding="utf-8")
    proc = kg("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--exports")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "plots" / "chain_leaders.png").stat().st_size > 1000


def test_the_bundled_article_without_leading_firms_builds(tmp_path):
    article = DATA / "corpus" / "003_02231d40f04a8be0.txt"
    proc = kg("build", str(article), "--out", str(tmp_path / "out"), "--exports")
    assert proc.returncode == 0, proc.stderr
    assert "Built 1 articles" in proc.stdout
    assert (tmp_path / "out" / "plots" / "chain_leaders.png").is_file()


def test_keep_going_with_only_bad_files_warns_and_keeps_the_old_build(built, tmp_path):
    out, quads, outputs = built
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    proc = kg("build", str(bad), "--out", str(out), "--keep-going", "--quiet")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert [line.split(":")[1] for line in lines] == [" warning", " warning", " error"], lines
    assert "empty.txt" in lines[0] and "image.txt" in lines[1]
    assert "no article could be read" in lines[2]
    assert _quads(out / "store") == quads and _outputs(out) == outputs
    assert _staging_left(out) == []


def test_a_build_failing_after_its_store_is_written_changes_nothing(built, tmp_path, monkeypatch):
    from kg.apps import plots
    from kg.run import build as kgbuild

    out, quads, outputs = built
    (tmp_path / "b.txt").write_text(NO_CHAIN_LEADER, encoding="utf-8")

    def broken(*args, **kwargs):
        raise KGError("the plots could not be drawn")

    monkeypatch.setattr(plots, "write_out_plots", broken)
    with pytest.raises(KGError, match="plots"):
        kgbuild.build([tmp_path / "b.txt"], out=out, exports=True)
    assert _quads(out / "store") == quads and _outputs(out) == outputs
    assert _staging_left(out) == []


@pytest.mark.parametrize("which", ["out", "store"])
def test_a_second_build_of_a_locked_folder_or_store_is_refused(built, tmp_path, which):
    from kg.locks import hold, out_lock, store_lock

    out, quads, outputs = built
    other = tmp_path / "other"
    # the same --out (its lock), or another --out with the same --store (the store's lock)
    args = (
        ["--out", str(out)]
        if which == "out"
        else ["--out", str(other), "--store", str(out / "store")]
    )
    lock = out_lock(out) if which == "out" else store_lock(out / "store")
    with hold(lock, "the thing"):
        line = one_line_error(kg("build", str(DATA / "corpus"), *args))
    assert "in use by" in line and f"pid {os.getpid()}" in line, line
    assert _quads(out / "store") == quads and _outputs(out) == outputs


def test_add_is_refused_while_a_build_holds_the_store(built, tmp_path):
    from kg.locks import hold, store_lock

    out, quads, _ = built
    (tmp_path / "b.txt").write_text(NO_CHAIN_LEADER, encoding="utf-8")
    with hold(store_lock(out / "store"), "the store"):
        line = one_line_error(kg("add", str(tmp_path / "b.txt"), "--store", str(out / "store")))
    assert "in use by" in line
    assert _quads(out / "store") == quads


def _many_articles(folder: Path, copies: int) -> Path:
    folder.mkdir()
    for i in range(copies):
        for article in sorted((DATA / "corpus").glob("*.txt")):
            shutil.copy(article, folder / f"{i:02d}_{article.name}")
    return folder


def _wait_for(predicate, proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_two_builds_into_one_folder_at_once(tmp_path):
    corpus = _many_articles(tmp_path / "corpus", 6)
    out = tmp_path / "out"
    out.mkdir()
    first = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--exports"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(lambda: any(out.glob(".build-*")), first)
        line = one_line_error(kg("build", str(DATA / "corpus"), "--out", str(out)))
        assert "in use by `kg build" in line and str(first.pid) in line, line
        stdout, stderr = first.communicate(timeout=300)
    finally:
        first.kill()
        first.wait()
    assert first.returncode == 0, stderr
    assert f"Built {6 * 3} articles" in stdout
    # the store and the exports come from the same (the first) build
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "05_000_c9519bf765dc77e1.txt" in ttl
    assert _staging_left(out) == []


def test_a_killed_build_leaves_the_old_store_and_the_next_build_cleans_up(built, tmp_path):
    out, quads, outputs = built
    corpus = _many_articles(tmp_path / "corpus", 4)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(
            lambda: (
                any(out.glob(".store.new-*/store/*"))
                or any(out.glob(".store.new-*/.store.new-*/*"))
            ),
            proc,
        )
        time.sleep(0.3)  # well into writing the new store
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _staging_left(out), "the kill came too late to leave anything behind"
    assert _quads(out / "store") == quads and _outputs(out) == outputs
    (tmp_path / "b.txt").write_text(NO_CHAIN_LEADER, encoding="utf-8")
    again = kg("build", str(tmp_path / "b.txt"), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert _staging_left(out) == []
