"""`kg serve` as a user runs it: a real Oxigraph server and a real static server on loopback,
queried over HTTP, stopped by a signal, leaving no process and no lock behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.apps.serve import LOCK_FILE, check_not_served, is_loopback, is_served, served_by
from kg.graph.query import run_named
from kg.graph.store import open_store

from .conftest import ROOT

KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]
PREFIXES = """PREFIX ckg: <https://w3id.org/chainkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
LEADS = (
    PREFIXES
    + """SELECT DISTINCT ?firm ?chain WHERE {
  ?a rdf:predicate ckg:leadsChain ; rdf:subject ?e ; rdf:object ?c .
  ?e skos:prefLabel ?firm . ?c skos:prefLabel ?chain }"""
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def sparql(url: str, query: str) -> list[dict]:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def copy_out(seed_out: Path, folder: Path) -> Path:
    """A copy of the seed build's store with a views folder and a plot beside it."""
    shutil.copytree(seed_out / "store", folder / "store")
    (folder / "views").mkdir()
    (folder / "views" / "index.html").write_text("<h1>链长制视图</h1>", encoding="utf-8")
    (folder / "plots").mkdir()
    shutil.copy(seed_out / "plots" / "chain_leaders.png", folder / "plots")
    return folder


@pytest.fixture()
def out(seed_build, tmp_path):
    return copy_out(seed_build[1], tmp_path)


class Served:
    """A `kg serve` process started by a test, with the addresses it printed."""

    def __init__(self, store: Path, *args: str, port: int | None = None) -> None:
        self.port, self.views_port = port or free_port(), free_port()
        self.store = store
        self.proc = subprocess.Popen(
            [*KG, "serve", "--store", str(store), "--port", str(self.port)]
            + ["--views-port", str(self.views_port), *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []

    def wait_ready(self, timeout: float = 60) -> None:
        # A thread reads stdout: select() cannot see lines already in the pipe's text buffer.
        thread = threading.Thread(target=self._read, daemon=True)
        thread.start()
        deadline = time.monotonic() + timeout
        while not any(line.startswith("Read-only") for line in self.lines):
            if self.proc.poll() is not None:
                raise AssertionError(f"kg serve exited: {self.proc.stderr.read()}")
            assert time.monotonic() < deadline, self.lines
            time.sleep(0.05)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def address(self, name: str) -> str:
        line = next(line for line in self.lines if line.startswith(name))
        return line.split()[-1]

    def stop(self) -> None:
        # Only the processes this test started: kg serve and, if still there, its Oxigraph.
        record = served_by(self.store) or {}
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        child = record.get("oxigraph_pid")
        if child and alive(child):
            os.kill(child, signal.SIGKILL)


@pytest.fixture(scope="module")
def served_out(seed_build, tmp_path_factory):
    return copy_out(seed_build[1], tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def served(served_out):
    """One server for the tests that only read from it."""
    server = Served(served_out / "store")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def test_prints_the_sparql_and_views_addresses(served):
    assert served.address("SPARQL editor") == f"http://127.0.0.1:{served.port}/"
    assert served.address("SPARQL endpoint") == f"http://127.0.0.1:{served.port}/query"
    assert served.address("Views") == f"http://127.0.0.1:{served.views_port}/"


def test_sparql_select_gives_the_local_answers(served, served_out):
    rows = sparql(served.address("SPARQL endpoint"), LEADS)
    got = {(r["firm"]["value"], r["chain"]["value"]) for r in rows}
    local = {
        (firm, chain)
        for firm, chain, *_ in run_named(open_store(served_out / "store"), "leading-enterprises")[1]
    }
    assert got == local and ("云铝海鑫", "绿色铝产业链") in got


def test_yasgui_editor_is_served_at_the_root(served):
    with urllib.request.urlopen(served.address("SPARQL editor"), timeout=10) as response:
        assert "yasgui" in response.read().decode("utf-8").lower()


def test_server_is_read_only(served):
    url = served.address("SPARQL editor") + "update"
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode({"update": "INSERT DATA { <a:x> <a:y> <a:z> }"}).encode()
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code in (403, 404, 405)
    assert not sparql(served.address("SPARQL endpoint"), "SELECT * WHERE { <a:x> ?p ?o }")


@pytest.mark.parametrize(
    "path, expect",
    [("/", "链长制视图"), ("/index.html", "链长制视图"), ("/plots/chain_leaders.png", b"\x89PNG")],
)
def test_views_and_plots_are_served(served, path, expect):
    with urllib.request.urlopen(f"http://127.0.0.1:{served.views_port}{path}", timeout=10) as r:
        body = r.read()
    assert (expect.encode() if isinstance(expect, str) else expect) in body[:4096]


def test_nothing_outside_views_and_plots_is_served(served):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(
            f"http://127.0.0.1:{served.views_port}/plots/../../store/CURRENT", timeout=10
        )
    assert err.value.code == 404


def test_build_refuses_a_served_store(served, served_out, tmp_path):
    (tmp_path / "a.txt").write_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", "utf-8")
    before = sorted(p.name for p in (served_out / "store").iterdir())
    proc = subprocess.run(
        [
            *KG,
            "build",
            str(tmp_path / "a.txt"),
            "--out",
            str(tmp_path / "o"),
            "--store",
            str(served_out / "store"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "being served" in proc.stderr and "kg serve" in proc.stderr
    assert sorted(p.name for p in (served_out / "store").iterdir()) == before
    assert sparql(served.address("SPARQL endpoint"), LEADS)  # still answering


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_everything(out, signum):
    server = Served(out / "store")
    try:
        server.wait_ready()
        record = json.loads((out / "store" / LOCK_FILE).read_text())
        assert alive(record["oxigraph_pid"]) and is_served(out / "store")
        server.proc.send_signal(signum)
        assert server.proc.wait(timeout=20) == 0
        deadline = time.monotonic() + 5
        while "Stopped.\n" not in server.lines and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "Stopped.\n" in server.lines
        assert not alive(record["oxigraph_pid"])
        assert not (out / "store" / LOCK_FILE).exists() and not is_served(out / "store")
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=2)
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{server.views_port}/", timeout=2)
    finally:
        server.stop()


def test_a_stale_lock_does_not_block(out):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / "store" / LOCK_FILE).write_text(json.dumps({"pid": dead.pid}), encoding="utf-8")
    assert not is_served(out / "store")
    check_not_served(out / "store")


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_busy_port_is_a_one_line_error(out):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        proc = run_kg("serve", "--store", str(out / "store"), "--port", str(s.getsockname()[1]))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert "already in use" in proc.stderr and "--port" in proc.stderr
    assert not (out / "store" / LOCK_FILE).exists()


BAD_OPTIONS = [
    (["--port", "99999"], "--port must be between 1 and 65535"),
    (["--port", "0"], "--port must be between 1 and 65535"),
    (["--port", "-1"], "--port must be between 1 and 65535"),
    (["--views-port", "70000"], "--views-port must be between 1 and 65535"),
    (["--timeout", "0"], "--timeout must be a whole number of seconds, at least 1"),
    (["--timeout", "-5"], "--timeout must be a whole number of seconds, at least 1"),
]


@pytest.mark.parametrize("options, message", BAD_OPTIONS)
def test_bad_options_are_a_one_line_error_at_once(out, options, message):
    # issue 12 item 4: these gave an internal error, a 30 s hang or the server's own usage line
    started = time.monotonic()
    proc = run_kg("serve", "--store", str(out / "store"), *options)
    assert time.monotonic() - started < 15
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"kg: error: {message}, not {options[1]}"]
    assert not (out / "store" / LOCK_FILE).exists()


def _port_in_time_wait() -> int:
    """A port whose last connection this side closed first: it waits in TIME_WAIT, as the
    port of a server stopped a moment ago does, though nothing listens on it."""
    with socket.socket() as listener:
        # SO_REUSEADDR as the Oxigraph server (Rust's std) sets it: its TIME_WAIT sockets
        # carry the flag, and only a bind that sets it too may take the port then.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()  # the server side closes first
        client.recv(1)
        client.close()
    return port


def test_a_port_just_freed_can_be_served_again(out):
    server = Served(out / "store", port=_port_in_time_wait())
    try:
        server.wait_ready()
        assert sparql(server.address("SPARQL endpoint"), LEADS)
    finally:
        server.stop()


def test_a_missing_store_is_a_one_line_error(tmp_path):
    proc = run_kg("serve", "--store", str(tmp_path / "none"), "--port", str(free_port()))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "no store" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_serving_a_store_being_built_is_refused(out):
    from kg.locks import hold, store_lock

    with hold(store_lock(out / "store"), "the store"):
        proc = run_kg("serve", "--store", str(out / "store"), "--port", str(free_port()))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "in use by" in proc.stderr
    assert not (out / "store" / LOCK_FILE).exists()
