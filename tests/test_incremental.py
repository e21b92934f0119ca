"""kg.run.incremental and `kg add` / `kg remove`: change a store article by article, safely.

The reference is always a fresh build: after any adds, replacements and removals the store must
hold exactly the quads `build_store` writes for the same articles, its entity graph must say
exactly what its articles say of their entities, and a process killed with SIGKILL while
writing must leave the store as it was.
"""

from __future__ import annotations

import importlib.util
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError, StoreError
from kg.graph.store import build_store
from kg.iris import article_iri
from kg.run.incremental import add, articles, entity_mismatches, remove
from kg.run.parallel import extract_many

from .conftest import DATA, ROOT

N_BASE = 16  # generated articles in the base store


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _quads(store: str | Path | ox.Store) -> set[str]:
    """Every quad of the store as text; the ontology's blank nodes are named anew per load."""
    db = store if isinstance(store, ox.Store) else ox.Store.read_only(str(store))
    blank = ox.BlankNode
    return {
        " ".join("_:b" if isinstance(t, blank) else str(t) for t in q)
        for q in db.quads_for_pattern(None, None, None, None)
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """Generated articles: `base` (0..N_BASE-1), `changed` (the same names, other content) and
    `new` (two more), as folders of files."""
    gen = _generator()
    root = tmp_path_factory.mktemp("gen")
    gen.generate(N_BASE + 2, root / "a", seed=1)
    gen.generate(N_BASE, root / "b", seed=2)
    folders = {"base": root / "base", "changed": root / "changed", "new": root / "new"}
    for folder in folders.values():
        folder.mkdir()
    for path in sorted((root / "a" / "corpus").iterdir()):
        index = int(path.stem.split("_")[1])
        shutil.copy(path, folders["base" if index < N_BASE else "new"] / path.name)
    for path in (root / "b" / "corpus").iterdir():
        shutil.copy(path, folders["changed"] / path.name)
    return folders


@pytest.fixture(scope="module")
def extracted(corpus) -> dict[str, dict]:
    """Every article of `corpus` extracted once: {folder: {file name: Extracted}}."""
    return {key: {i.name: i for i in extract_many([path])} for key, path in corpus.items()}


@pytest.fixture(scope="module")
def base_template(tmp_path_factory, corpus) -> Path:
    path = tmp_path_factory.mktemp("template") / "store"
    build_store(extract_many([corpus["base"]]), path)
    return path


@pytest.fixture()
def base_store(tmp_path, base_template) -> Path:
    """A fresh copy of a store built from the base articles."""
    path = tmp_path / "store"
    shutil.copytree(base_template, path)
    return path


def _rebuilt(tmp_path: Path, items) -> set[str]:
    path = tmp_path / "rebuilt"
    build_store(sorted(items, key=lambda i: i.name), path)
    return _quads(path)


def test_adding_a_new_article_equals_a_rebuild(tmp_path, base_store, corpus, extracted):
    new = sorted(corpus["new"].iterdir())[0]
    change = add([new], base_store)
    assert (change.added, change.replaced, change.unchanged) == ([new.name], [], [])
    want = [*extracted["base"].values(), extracted["new"][new.name]]
    assert _quads(base_store) == _rebuilt(tmp_path, want)
    assert entity_mismatches(base_store) == (0, 0)


def test_re_adding_unchanged_articles_changes_nothing(base_store, corpus):
    before = _quads(base_store)
    change = add([corpus["base"]], base_store)
    assert len(change.unchanged) == N_BASE and change.added == change.replaced == []
    assert change.quads_added == change.quads_removed == 0
    assert _quads(base_store) == before


def test_a_changed_article_replaces_its_own_facts_only(tmp_path, base_store, corpus, extracted):
    name = sorted(extracted["base"])[3]
    change = add([corpus["changed"] / name], base_store)
    assert change.replaced == [name] and change.added == []
    old, new = extracted["base"][name], extracted["changed"][name]
    graphs = {iri for _, iri in articles(base_store)}
    assert article_iri(name, new.sha256) in graphs
    assert article_iri(name, old.sha256) not in graphs
    want = [*(i for n, i in extracted["base"].items() if n != name), new]
    assert _quads(base_store) == _rebuilt(tmp_path, want)
    assert entity_mismatches(base_store) == (0, 0)


def test_remove_takes_one_article_out(tmp_path, base_store, extracted):
    name = sorted(extracted["base"])[5]
    change = remove([name], base_store)
    assert change.removed == [name] and change.quads_removed > 0
    want = [i for n, i in extracted["base"].items() if n != name]
    assert _quads(base_store) == _rebuilt(tmp_path, want)
    assert entity_mismatches(base_store) == (0, 0)


def test_a_mixed_sequence_equals_a_rebuild(tmp_path, base_store, corpus, extracted):
    names = sorted(extracted["base"])
    add([corpus["changed"] / n for n in names[:4]], base_store)
    remove([names[10], article_iri(names[11], extracted["base"][names[11]].sha256)], base_store)
    add([corpus["new"]], base_store, batch=1)
    remove([str(corpus["changed"] / names[0])], base_store)  # a path counts by its file name
    keep = {n: i for n, i in extracted["base"].items() if n not in names[10:12]}
    keep.update({n: extracted["changed"][n] for n in names[1:4]})
    del keep[names[0]]
    keep.update(extracted["new"])
    assert _quads(base_store) == _rebuilt(tmp_path, keep.values())
    assert entity_mismatches(base_store) == (0, 0)


HOSTILE_TITLE = '"} ; DROP ALL ; INSERT DATA { <a> <b> <c> } \\u0022 \\ <script>'


def test_article_text_stays_data(tmp_path, base_store):
    # The title and file name become literals of the update: they must arrive as written.
    hostile = tmp_path / 'hostile"}>.txt'
    hostile.write_text(
        f"# {HOSTILE_TITLE}\n以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。\n", encoding="utf-8"
    )
    before = _quads(base_store)
    add([hostile], base_store)
    items = list(extract_many([hostile]))
    assert _quads(base_store) == before | _rebuilt(tmp_path, items)
    db = ox.Store.read_only(str(base_store))
    article = ox.NamedNode(article_iri(items[0].name, items[0].sha256))
    name = ox.NamedNode("https://schema.org/name")
    titles = [q.object.value for q in db.quads_for_pattern(article, name, None, None)]
    assert titles == [HOSTILE_TITLE]  # in the article's graph
    assert [name for name, _ in articles(db)].count(hostile.name) == 1
    assert entity_mismatches(db) == (0, 0)


REFUSED = [
    # (call, error, message part)
    (lambda store: remove(["no_such_article.txt"], store), InputError, "no such article"),
    (lambda store: add(["no/such/file.txt"], store), InputError, "no such file"),
    (lambda store: add([DATA / "corpus"], store.parent / "nothing"), StoreError, "no store at"),
    (lambda store: add([DATA / "corpus"], store, batch=0), InputError, "--batch"),
    (lambda store: add([DATA / "corpus"], store, workers=0), InputError, "--workers"),
]


@pytest.mark.parametrize("call, error, message", REFUSED)
def test_bad_requests_are_refused_and_change_nothing(base_store, call, error, message):
    before = _quads(base_store)
    with pytest.raises(error, match=message):
        call(base_store)
    assert _quads(base_store) == before


def test_a_store_held_by_another_writer_is_refused(base_store):
    holder = ox.Store(str(base_store))
    try:
        with pytest.raises(StoreError, match="locked by another process"):
            add([DATA / "corpus"], base_store)
    finally:
        del holder


def test_an_unreadable_article_is_skipped_with_keep_going(tmp_path, base_store, corpus):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(sorted(corpus["new"].iterdir())[0], folder)
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt"):
        add([folder], base_store)
    change = add([folder], base_store, keep_going=True)
    assert len(change.added) == 1 and "empty.txt" in change.skipped[0]


# --------------------------------------------------------------------------- the command line


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_kg_add_and_kg_remove(base_store, corpus):
    new = sorted(corpus["new"].iterdir())[0]
    added = kg("add", str(new), "--store", str(base_store))
    assert added.returncode == 0, added.stderr
    assert f"added: {new.name}" in added.stdout and "1 added, 0 replaced" in added.stdout
    again = kg("add", str(new), "--store", str(base_store))
    assert "0 added, 0 replaced, 1 unchanged" in again.stdout
    removed = kg("remove", new.name, "--store", str(base_store))
    assert removed.returncode == 0 and "1 removed" in removed.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["remove", "nope.txt"], "nope.txt: no such article"),
        (["add", "no/such.txt"], "no/such.txt: no such file or directory"),
        (["add", "--batch", "0", "data/corpus"], "--batch must be at least 1"),
    ],
)
def test_kg_add_and_remove_refuse_in_one_line(base_store, args, message):
    proc = kg(*args, "--store", str(base_store))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: {message}"), proc.stderr


# --------------------------------------------------------------------------- killed part-way

# The child runs the real operation; a hook writes "writing N" to the marker file right before
# the store is written for the Nth time (for a build: after a few articles have been streamed
# into it), and "done" once the call has returned.
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kg.run import build
    from kg.run import incremental

    op, store, marker, *paths = sys.argv[1:]
    marker = Path(marker)
    real = incremental._update

    calls = []

    def hooked(db, drop, insert):
        calls.append(1)
        marker.write_text(f"writing {len(calls)}")
        return real(db, drop, insert)

    incremental._update = hooked
    if op == "build":
        seen = []

        def slowly(item):
            seen.append(item)
            if len(seen) == 3:
                marker.write_text("writing 1")
            time.sleep(0.2)

        build.build(paths, out=Path(store).parent / "out", store=store, exports=False,
                    progress=slowly)
    elif op == "add":
        incremental.add(paths, store)
    elif op == "add-batches":
        incremental.add(paths, store, batch=1)
    else:
        incremental.remove(paths, store)
    marker.write_text("done")
    time.sleep(60)  # still holding the store: the test kills us here
    """
)


def _kill_while_writing(
    op: str, store: Path, marker: Path, args: list[str], delay: float, write: int = 1
):
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, op, str(store), str(marker), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not (marker.exists() and marker.read_text() == f"writing {write}"):
            assert child.poll() is None, f"the child ended early: {child.stderr.read()}"
            assert time.monotonic() < deadline, "the child never started writing"
            time.sleep(0.005)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert marker.read_text() == f"writing {write}", "the write finished before the kill"


KILLS = [
    # (operation, which articles the child is given, seconds after the write began)
    ("build", "new+base", 0.0),
    ("add", "new+changed", 0.05),
    ("add", "new+changed", 0.3),
    ("remove", "base", 0.1),
]


@pytest.mark.parametrize("op, given, delay", KILLS)
def test_a_kill_while_writing_leaves_the_store_as_it_was(
    tmp_path, base_store, corpus, op, given, delay
):
    before = _quads(base_store)
    if given == "base":
        args = sorted(p.name for p in corpus["base"].iterdir())
    else:
        args = [str(corpus[key]) for key in given.split("+")]
    _kill_while_writing(op, base_store, tmp_path / "marker", args, delay)
    assert _quads(base_store) == before
    assert entity_mismatches(base_store) == (0, 0)
    assert add([sorted(corpus["new"].iterdir())[0]], base_store).added  # still writable


def test_a_kill_between_batches_keeps_whole_articles(tmp_path, base_store, corpus, extracted):
    # Killed just after the 4th one-article transaction began: 3 are written, the 4th is not.
    args = [str(corpus["changed"])]
    _kill_while_writing("add-batches", base_store, tmp_path / "marker", args, 0.0, write=4)
    present = {name: iri for name, iri in articles(base_store)}
    assert set(present) == set(extracted["base"])
    items = []
    for name, iri in present.items():
        item = extracted["changed"][name]
        if iri != article_iri(name, item.sha256):
            item = extracted["base"][name]
        assert iri == article_iri(name, item.sha256)
        items.append(item)
    replaced = [i for i in items if i is extracted["changed"][i.name]]
    assert 3 <= len(replaced) <= 4  # the batches written before the kill, and no part of one
    assert _quads(base_store) == _rebuilt(tmp_path, items)
    assert entity_mismatches(base_store) == (0, 0)


def test_a_finished_add_survives_a_kill_right_after(tmp_path, base_store, corpus):
    marker = tmp_path / "marker"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, "add", str(base_store), str(marker), str(corpus["new"])],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not (marker.exists() and marker.read_text() == "done"):
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)  # before the store is closed
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    names = {name for name, _ in articles(base_store)}
    assert {p.name for p in corpus["new"].iterdir()} <= names
    assert entity_mismatches(base_store) == (0, 0)


def test_a_literal_with_a_unicode_line_separator_stays_one_triple():
    # Only "\n" ends an N-Quads line: U+2028 and U+0085 inside a literal are text.
    from kg.run.incremental import _blocks
    from kg.run.parallel import Extracted

    graph = "<https://w3id.org/chainkg/article/a-0>"
    title = "标题\u2028第二行\x85"
    line = f'{graph} <https://schema.org/name> "{title}" {graph} .\n'
    db = ox.Store()
    db.update("INSERT DATA {\n" + _blocks(Extracted("a.txt", "0" * 64, 1, line.encode())) + "}")
    assert [q.object.value for q in db] == [title]
