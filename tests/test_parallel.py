"""kg.run.parallel and `kg build --workers N` / `--dask ADDRESS`: the same graph however it is
run."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError, KGError
from kg.run.build import build
from kg.run.parallel import extract_many

from .conftest import DATA, ROOT

N_ARTICLES = 12


def _quads(store: Path) -> set[str]:
    """Every quad of the store as text; the ontology's blank nodes are named anew per load."""
    db = ox.Store.read_only(str(store))
    return {
        " ".join("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in q)
        for q in db.quads_for_pattern(None, None, None, None)
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The bundled articles and generated ones, in one folder."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    root = tmp_path_factory.mktemp("corpus")
    gen.generate(N_ARTICLES, root, seed=7)
    for path in (DATA / "corpus").iterdir():
        shutil.copy(path, root / "corpus" / path.name)
    return root / "corpus"


@pytest.fixture(scope="module")
def single(tmp_path_factory, corpus) -> tuple[Path, object]:
    """A one-process build of `corpus`: (out folder, report)."""
    out = tmp_path_factory.mktemp("single")
    return out, build([corpus], out=out, exports=False)


def test_two_workers_build_the_same_graph(tmp_path, corpus, single):
    out, report = single
    seen = []
    got = build([corpus], out=tmp_path, exports=False, workers=2, progress=seen.append)
    assert got.articles == report.articles == N_ARTICLES + 3
    assert got.characters == report.characters
    assert [item.name for item in seen] == sorted(p.name for p in corpus.iterdir())
    assert _quads(tmp_path / "store") == _quads(out / "store")
    merge_log = (tmp_path / "merge_log.tsv").read_text(encoding="utf-8")
    assert merge_log == (out / "merge_log.tsv").read_text(encoding="utf-8")


def test_spawned_workers_give_the_same_records(monkeypatch, corpus):
    """A process running other threads spawns its workers (forking would not be safe)."""
    import kg.run.parallel

    monkeypatch.setattr(kg.run.parallel, "_single_threaded", lambda: False)
    here = [(a.name, a.nquads_utf8, a.merges) for a in extract_many([corpus])]
    there = [(a.name, a.nquads_utf8, a.merges) for a in extract_many([corpus], workers=2)]
    assert there == here


FORK_CHECK = """
import hashlib, sys
from kg.run import parallel

def digest(records):
    h = hashlib.sha256()
    for a in records:
        h.update(a.name.encode() + a.nquads_utf8 + repr(a.merges).encode())
    return h.hexdigest()

if __name__ == "__main__":
    assert parallel._single_threaded()  # so the workers are forked, warm
    forked = digest(parallel.extract_many([sys.argv[1]], workers=2))
    print(forked == digest(parallel.extract_many([sys.argv[1]])))
"""


def test_a_fresh_process_forks_workers_that_give_the_same_records(tmp_path, corpus):
    """`kg build --workers 2` in a fresh process forks its workers once warm: same records."""
    script = tmp_path / "fork_check.py"
    script.write_text(FORK_CHECK, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(corpus)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True"]


def test_a_dask_cluster_builds_the_same_graph(tmp_path, corpus, single):
    distributed = pytest.importorskip(
        "distributed", reason="dask.distributed is not installed (pip install 'chainkg[dask]')"
    )
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,  # worker threads in this process; the scheduler talks TCP on loopback
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        report = build([corpus], out=tmp_path, exports=False, dask=cluster.scheduler_address)
    out, want = single
    assert report.articles == want.articles
    assert _quads(tmp_path / "store") == _quads(out / "store")


@pytest.mark.parametrize("workers", [1, 2])
def test_an_unreadable_article_is_refused_or_skipped(tmp_path, corpus, workers):
    folder = tmp_path / "mixed"
    shutil.copytree(corpus, folder)
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(InputError, match="picture.txt: binary file"):
        list(extract_many([folder], workers=workers))
    skipped = []
    items = list(extract_many([folder], workers=workers, keep_going=True, on_skip=skipped.append))
    assert len(items) == N_ARTICLES + 3
    assert [str(e) for e in skipped] == [f"{folder / 'picture.txt'}: binary file, not text"]


BAD_OPTIONS = [
    # (options, error, message)
    ({"workers": 0}, InputError, "--workers must be at least 1"),
    ({"workers": 2, "dask": "tcp://127.0.0.1:1"}, InputError, "not both"),
]


@pytest.mark.parametrize("options, error, message", BAD_OPTIONS)
def test_bad_options_are_refused(options, error, message):
    with pytest.raises(error, match=message):
        list(extract_many([DATA / "corpus"], **options))


def test_an_unreachable_scheduler_is_one_clear_error(monkeypatch):
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    monkeypatch.setattr("kg.run.parallel.DASK_TIMEOUT", "1s")
    with pytest.raises(KGError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(extract_many([DATA / "corpus"], dask="tcp://127.0.0.1:9"))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--workers", "0"], "kg: error: --workers must be at least 1, not 0"),
        (["--workers", "2", "--dask", "tcp://127.0.0.1:9"], "kg: error: give --workers or --dask"),
    ],
)
def test_kg_build_refuses_bad_options_in_one_line(tmp_path, args, message):
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(DATA / "corpus"), "--out", str(tmp_path)]
        + args,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert proc.stderr.startswith(message)


def test_kg_build_with_two_workers(tmp_path, seed_build):
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(DATA / "corpus"), "--out", str(tmp_path)]
        + ["--workers", "2", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Built 3 articles" in proc.stdout
    assert _quads(tmp_path / "store") == _quads(seed_build[1] / "store")


def test_kg_build_shows_articles_per_second_on_a_terminal(tmp_path):
    import fcntl
    import os
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 30 rows and 120 columns
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
        os.chdir(ROOT)
        argv = [sys.executable, "-m", "kg.cli", "build", str(DATA / "corpus"), "--out"]
        os.execv(sys.executable, [*argv, str(tmp_path)])
    data = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child has closed the terminal
            break
        if not chunk:
            break
        data += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    frames = data.decode("utf-8", "replace").replace("\r", "\n").splitlines()
    # tqdm shows the rate as "N articles/s", or as "Ns/ articles" while it is below one, after
    # the count of the total and the time left: "| 2/3 [00:01<00:00, 1.9 articles/s]".
    rate = re.compile(
        r"extracting: +\d+%\|[^|]*\| [123]/3 \[[0-9:]+<[0-9:]+, +[0-9.]+"
        r"(?: articles/s|s/ articles)\]"
    )
    assert any(rate.search(frame) for frame in frames), frames


@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_kg_extract_with_two_workers_prints_the_same(corpus, fmt):
    """`kg extract --workers 2` prints what one process prints, in the same order."""
    outputs = []
    for workers in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "kg.cli", "extract", str(corpus), "--format", fmt]
            + ["--workers", workers],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    if fmt == "table":
        names = [line[2:] for line in outputs[0].splitlines() if line.startswith("# ")]
        assert names == sorted(p.name for p in corpus.iterdir())


def test_a_render_function_is_what_workers_send_back(corpus):
    from kg.extraction.facts import facts

    here = list(extract_many([corpus], render=facts))
    there = list(extract_many([corpus], workers=2, render=facts))
    assert there == here and len(here) == N_ARTICLES + 3
    assert any(r["kind"] == "relation" for records in here for r in records)


def test_the_record_holds_what_the_triples_step_made():
    from kg.reading.reader import read_path
    from kg.run.parallel import extract_document
    from kg.run.pipeline import BUILD_STEPS, extract

    path = sorted((DATA / "corpus").glob("*.txt"))[0]
    item = extract_document(read_path(path))
    assert item.nquads == extract(read_path(path), BUILD_STEPS).quads
    assert item.nquads.count("\n") > 100
