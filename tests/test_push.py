"""kg.apps.push and `kg push` against a real Oxigraph server started on loopback by the test, with
and without a union default graph: the pushed graph answers like the local store, pushing
again duplicates nothing, a failed request is retried and a lasting failure is one clear line."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.apps.push import plan, push
from kg.apps.serve import oxigraph_command
from kg.errors import KGError
from kg.graph.query import named_query
from kg.graph.store import open_store, oxigraph_store, union_triples
from kg.ontology import PREFIXES

from .conftest import ROOT

KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]
HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
# Named queries whose answers must be the same locally and on the server.
QUERIES = ["leading-enterprises", "count_types", "count_relations", "relation_evidence"]
COUNT_NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def local(seed_build):
    return oxigraph_store(open_store(seed_build[1] / "store"))


class Remote:
    """A writable `oxigraph serve` on loopback, in its own folder, stopped by `stop`."""

    def __init__(self, folder: Path, union: bool) -> None:
        self.union = union
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [oxigraph_command(), "serve", "--location", str(folder)]
        command += ["--bind", f"127.0.0.1:{self.port}"]
        if union:  # the server's default graph is the union of its named graphs
            command.append("--union-default-graph")
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.base + "/", timeout=2).close()
                break
            except OSError:
                assert self.proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)

    @property
    def store(self) -> str:
        return self.base + "/store"

    def select(self, query: str) -> list[tuple]:
        request = urllib.request.Request(
            self.base + "/query",
            data=urllib.parse.urlencode({"query": HEADER + query}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            results = ox.parse_query_results(response.read(), ox.QueryResultsFormat.JSON)
        return [tuple(solution) for solution in results]

    def count(self) -> int:
        """Quads in the named graphs."""
        return int(self.select(COUNT_NAMED)[0][0].value)

    def graphs(self) -> set[str]:
        return {g.value for (g,) in self.select(GRAPHS)}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _remote(tmp_path, union: bool):
    server = Remote(tmp_path / "remote", union=union)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def remote(tmp_path):
    """A triplestore whose default graph is its own (Fuseki's and GraphDB's default)."""
    yield from _remote(tmp_path, union=False)


@pytest.fixture(params=[False, True], ids=["own-default-graph", "union-default-graph"])
def any_remote(tmp_path, request):
    """Each kind of triplestore: the default graph its own, or the union of its graphs."""
    yield from _remote(tmp_path, union=request.param)


def local_select(store: ox.Store, query: str) -> list[tuple]:
    result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    return [tuple(solution) for solution in result]


def test_plan_is_the_union_then_one_put_per_graph(local):
    chunks = plan(local)
    graphs = [c.graph for c in chunks]
    assert [c.method for c in chunks] == ["PUT"] * len(chunks)
    assert len(set(graphs)) == len(graphs) and graphs[0] is None
    assert set(graphs[1:]) == {g.value for g in local.named_graphs()}
    union = set(union_triples(local))
    assert set(chunks[0].triples) == union and len(chunks[0].triples) == len(union)
    assert sum(len(c.triples) for c in chunks[1:]) == len(local)


def test_plan_for_a_union_default_graph_is_the_named_graphs(local):
    chunks = plan(local, union_default_graph=True)
    assert {c.graph for c in chunks} == {g.value for g in local.named_graphs()}
    assert sum(len(c.triples) for c in chunks) == len(local)


CHUNKINGS = [
    # chunk size, triples in the graph, of which with a blank node, the requests
    (10, 25, 0, ["PUT", "POST", "POST"]),
    (10, 25, 18, ["PUT", "POST"]),  # 18 blank-node triples travel together in the PUT
    (100, 25, 0, ["PUT"]),
    (1, 0, 0, ["PUT"]),  # an empty graph is still replaced (emptied)
]


@pytest.mark.parametrize("size, n, blank, methods", CHUNKINGS)
def test_plan_chunks(size, n, blank, methods):
    store = ox.Store()
    g = ox.NamedNode("http://example.org/g")
    p = ox.NamedNode("http://example.org/p")
    for i in range(n):
        s = ox.BlankNode(f"b{i}") if i < blank else ox.NamedNode(f"http://example.org/s{i}")
        store.add(ox.Quad(s, p, ox.Literal(i), g))
    if n == 0:
        store.add_graph(g)
    chunks = plan(store, chunk_triples=size, union_default_graph=True)
    assert [c.method for c in chunks] == methods
    assert sum(len(c.triples) for c in chunks) == n
    blank_chunks = {
        i for i, c in enumerate(chunks) for t in c.triples if isinstance(t.subject, ox.BlankNode)
    }
    assert blank_chunks <= {0}


def test_push_then_the_server_answers_like_the_local_store(local, any_remote):
    remote = any_remote
    report = push(local, remote.store, union_default_graph=remote.union)
    assert report.retries == 0
    assert report.chunks == len(plan(local, union_default_graph=remote.union))
    assert remote.count() == len(local)
    assert remote.graphs() == {g.value for g in local.named_graphs()}
    for name in QUERIES:
        text = named_query(name)
        assert sorted(map(str, remote.select(text))) == sorted(
            map(str, local_select(local, text))
        ), name


def test_pushing_again_duplicates_nothing(local, remote):
    push(local, remote.store)
    first = remote.count()
    push(local, remote.store, chunk_triples=500)  # other chunks: PUT then POSTs
    assert remote.count() == first == len(local)


def test_one_graph_mode(local, remote):
    graph = "https://example.org/chainkg"
    push(local, remote.store, graph=graph)
    push(local, remote.store, graph=graph)
    assert remote.graphs() == {graph}
    distinct = len(set(union_triples(local)))
    n = remote.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert int(n[0][0].value) == distinct


class Flaky:
    """A loopback proxy in front of the server that answers 503 to the first `failures` requests."""

    def __init__(self, target: str, failures: int) -> None:
        self.failures, self.seen = failures, 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                outer.seen += 1
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if outer.seen <= outer.failures:
                    self.send_response(503, "Service Unavailable")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                request = urllib.request.Request(
                    target + self.path.removeprefix("/store"),
                    data=body,
                    method=self.command,
                    headers={"Content-Type": self.headers["Content-Type"]},
                )
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status, data = response.status, response.read()
                except urllib.error.HTTPError as e:
                    status, data = e.code, e.read()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_PUT = do_POST = _forward

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_failed_request_is_retried(local, remote):
    proxy = Flaky(remote.store, failures=2)
    try:
        report = push(local, proxy.url, retries=3, backoff=0.01)
    finally:
        proxy.close()
    assert report.retries == 2
    assert remote.count() == len(local)


def test_a_lasting_failure_names_the_request(local, remote):
    proxy = Flaky(remote.store, failures=100)
    try:
        with pytest.raises(KGError) as err:
            push(local, proxy.url, retries=2, backoff=0.01)
    finally:
        proxy.close()
    message = str(err.value)
    assert "HTTP 503" in message and "request 1/" in message and "3 attempts" in message
    assert proxy.seen == 3


def test_a_client_error_is_not_retried(local, remote):
    with pytest.raises(KGError, match="HTTP 404"):
        push(local, remote.base + "/no-such-endpoint", retries=3, backoff=5)


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_reports_progress_and_a_summary(seed_build, remote):
    proc = run_kg("push", "--endpoint", remote.store, "--store", str(seed_build[1] / "store"))
    assert proc.returncode == 0, proc.stderr
    n = len(plan(oxigraph_store(open_store(seed_build[1] / "store"))))
    assert proc.stderr.count("PUT") == n and f"[{n}/{n}]" in proc.stderr
    assert proc.stdout.startswith("Pushed ") and remote.base in proc.stdout


def test_cli_leaves_out_the_union_for_a_union_default_graph(seed_build, tmp_path):
    for server in _remote(tmp_path, union=True):
        store = str(seed_build[1] / "store")
        proc = run_kg("push", "--endpoint", server.store, "--store", store, "--union-default-graph")
        assert proc.returncode == 0, proc.stderr
        assert "default graph" not in proc.stderr
        assert server.count() == len(oxigraph_store(open_store(store)))


@pytest.mark.parametrize(
    "endpoint, words",
    [
        ("http://127.0.0.1:{closed}/store", ["cannot reach", "2 attempts"]),
        ("ftp://example.org/store", ["not an http(s) URL"]),
    ],
)
def test_cli_errors_are_one_line(seed_build, endpoint, words):
    endpoint = endpoint.format(closed=free_port())
    proc = run_kg(
        "push", "--endpoint", endpoint, "--store", str(seed_build[1] / "store"), "--retries", "1"
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and all(w in lines[0] for w in words), proc.stderr


def test_oxigraph_server_is_installed():
    assert shutil.which(oxigraph_command())


def test_report_is_json_friendly(local, remote):
    report = push(local, remote.store)
    assert json.dumps(report.__dict__)


@pytest.mark.parametrize("password, warned", [(None, True), ("secret", False), ("", False)])
def test_user_without_a_password_is_warned(seed_build, password, warned):
    # issue 12 item 12: --user without $KG_PUSH_PASSWORD silently sent an empty password
    env = {k: v for k, v in os.environ.items() if k != "KG_PUSH_PASSWORD"}
    if password is not None:
        env["KG_PUSH_PASSWORD"] = password
    proc = subprocess.run(
        [*KG, "push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--user", "ana"]
        + ["--store", str(seed_build[1] / "store"), "--retries", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    lines = proc.stderr.strip().splitlines()
    warning = [line for line in lines if line.startswith("kg: warning:")]
    assert bool(warning) == warned, proc.stderr
    if warned:
        assert "KG_PUSH_PASSWORD" in warning[0] and "--user ana" in warning[0]
