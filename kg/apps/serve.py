"""Serve a built store read-only over SPARQL 1.1 (the Oxigraph server) and its views over HTTP.

The SPARQL server is the ``oxigraph serve-read-only`` command from the ``oxigraph`` package: the
SPARQL 1.1 protocol at ``/query`` and the YASGUI editor at ``/``, offline. Queries without
``GRAPH`` see every article's graph (the union) and stop after a timeout. A small static
server beside it serves ``out/views/`` (and ``out/plots/`` under ``/plots/``).

While a store is served, a marker file in it (``kg-serve.lock``) names the serving process;
`check_not_served` refuses to rebuild that store, because replacing files under a running
server corrupts what it reads.

>>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
(True, True, False)
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import InputError, KGError, StoreError
from kg.files import atomic_write
from kg.graph.store import open_oxigraph
from kg.locks import hold, store_lock

__all__ = [
    "LOCK_FILE",
    "Service",
    "serving",
    "is_served",
    "served_by",
    "check_not_served",
    "is_loopback",
    "oxigraph_command",
    "check_port_number",
]

LOCK_FILE = "kg-serve.lock"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30


@dataclass
class Service:
    """A running `serving`: where to reach it and the Oxigraph server process."""

    yasgui: str
    sparql: str
    views: str | None
    process: subprocess.Popen


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) only reaches this machine.

    >>> is_loopback("localhost")
    True
    """
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def served_by(store: str | os.PathLike[str]) -> dict | None:
    """The lock record (``pid``, ``oxigraph_pid``, ``sparql``, ...) of a served store, else None.

    A record whose processes have all exited (a server killed without cleaning up) is stale and
    counts as not served.
    """
    path = Path(store) / LOCK_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pids = [record.get("pid"), record.get("oxigraph_pid")]
    if any(isinstance(p, int) and p > 0 and _alive(p) for p in pids):
        return record
    return None


def is_served(store: str | os.PathLike[str]) -> bool:
    """Whether a `kg serve` process is serving the store at `store` now.

    >>> is_served("no/such/store")
    False
    """
    return served_by(store) is not None


def check_not_served(store: str | os.PathLike[str]) -> None:
    """Raise StoreError when the store at `store` is being served (see `is_served`).

    >>> check_not_served("no/such/store")
    """
    record = served_by(store)
    if record is not None:
        raise StoreError(
            f"the store at {store} is being served by `kg serve` (pid {record.get('pid')}, "
            f"{record.get('yasgui', '')}); stop that server (Ctrl-C) before writing to this "
            "store, or build into another one with --store"
        )


def oxigraph_command() -> str:
    """Path of the ``oxigraph`` server command: beside this Python first, then on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError(
            "the `oxigraph` server command is not installed; install it with "
            "`pip install oxigraph` (it is a dependency of chainkg)"
        )
    return found


def _check_store(store: Path) -> None:
    # A store this version can serve: the queries see the union of its graphs (the server's
    # --union-default-graph), which a store built by an older chainkg also copied into its
    # default graph (kg.graph.store.open_oxigraph says so).

    inner = open_oxigraph(store, read_only=True)
    del inner


def check_port_number(port: int, option: str = "--port") -> None:
    """Raise InputError unless `port` is a TCP port number a server can listen on (1-65535).

    >>> check_port_number(99999)
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --port must be between 1 and 65535, not 99999
    """
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise InputError(f"{option} must be between 1 and 65535, not {port}")


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        # As the servers themselves bind (Rust's std and http.server both set SO_REUSEADDR):
        # connections of a server stopped a moment ago, in TIME_WAIT, do not make the port busy.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise KGError(
                    f"port {port} on {host} is already in use; choose another with --port"
                ) from e
            raise KGError(f"cannot listen on {_netloc(host, port)}: {e.strerror or e}") from e


def _die_with_parent() -> None:
    # Linux: the server gets SIGTERM if `kg serve` dies without cleaning up (e.g. SIGKILL).
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _wait_ready(process: subprocess.Popen, url: str, log: Path, deadline: float) -> None:
    while True:
        if process.poll() is not None:
            lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit status {process.returncode}"
            raise KGError(f"the SPARQL server stopped at start: {reason}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as e:
            if e.code < 500:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise KGError(f"the SPARQL server did not answer at {url} in time")
        time.sleep(0.1)


class _ViewsHandler(SimpleHTTPRequestHandler):
    """Files of the views folder; ``/plots/...`` from the plots folder beside it."""

    plots: Path | None = None

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if self.plots is not None and clean.startswith("/plots/"):
            inner = SimpleHTTPRequestHandler.translate_path(self, clean[len("/plots") :])
            relative = os.path.relpath(inner, self.directory)
            return str(self.plots / relative)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass  # the library never prints


def _views_server(views: Path, host: str, port: int) -> ThreadingHTTPServer:
    plots = views.parent / "plots"
    handler = type("Handler", (_ViewsHandler,), {"plots": plots if plots.is_dir() else None})
    server_class = type(
        "Server",
        (ThreadingHTTPServer,),
        {"address_family": socket.AF_INET6 if ":" in host else socket.AF_INET},
    )
    try:
        return server_class((host, port), functools.partial(handler, directory=str(views)))
    except OSError as e:
        raise KGError(
            f"cannot serve the views on {_netloc(host, port)}: {e.strerror or e}; "
            "choose another port with --views-port"
        ) from e


def _write_lock(path: Path, record: dict) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        try:
            fd = os.open(path, flags, 0o644)
        except FileExistsError:
            path.unlink()  # stale: served_by found no live process behind it
            fd = os.open(path, flags, 0o644)
    except OSError as e:
        raise StoreError(f"cannot mark {path.parent} as served: {e.strerror or e}") from e
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(record, f)


def _replace_lock(path: Path, record: dict) -> None:
    atomic_write(path, lambda f: f.write(json.dumps(record).encode("utf-8")))


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def serving(
    store: str | os.PathLike[str],
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    views: str | os.PathLike[str] | None = None,
    views_port: int | None = None,
    timeout: int = DEFAULT_TIMEOUT,
    startup: float = 30.0,
) -> Iterator[Service]:
    """Serve `store` read-only until the block ends; yield the addresses as a `Service`.

    `views` is the folder of HTML views (default: ``views`` beside the store); it is served on
    `views_port` (default `port` + 1) when it exists. `timeout` is the query timeout in
    seconds. On leaving the block, however it is left, the Oxigraph process is stopped and
    waited for, the views server is shut down and the lock is removed.
    """
    store = Path(store)
    check_port_number(port, "--port")
    if views_port is not None:
        check_port_number(views_port, "--views-port")
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:
        raise InputError(f"--timeout must be a whole number of seconds, at least 1, not {timeout}")
    if not (store / "CURRENT").is_file():
        raise StoreError(f"no store at {store}: build one first with `kg build`")
    record = served_by(store)
    if record is not None:
        raise StoreError(f"the store at {store} is already served at {record.get('yasgui')}")
    views_dir = Path(views) if views is not None else store.parent / "views"
    serve_views = views_dir.is_dir()
    views_port = port + 1 if views_port is None else views_port
    check_port_number(views_port, "--views-port")
    _check_port(host, port)
    command = [
        oxigraph_command(),
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        _netloc(host, port),
        "--timeout-s",
        str(int(timeout)),
    ]
    _check_store(store)
    command.append("--union-default-graph")  # every graph; kg.graph.store keeps no copy of them
    base = f"http://{_netloc(host, port)}/"
    record = {
        "pid": os.getpid(),
        "yasgui": base,
        "sparql": base + "query",
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    lock = store / LOCK_FILE
    httpd: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None
    process: subprocess.Popen | None = None
    owned = False
    with (
        hold(store_lock(store), f"the store at {store}"),  # no build swaps it away meanwhile
        tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp,
    ):
        log = Path(tmp) / "oxigraph.log"
        try:
            if serve_views:
                httpd = _views_server(views_dir, host, views_port)  # fails early if taken
            _write_lock(lock, record)  # before the server starts: no build can slip in between
            owned = True
            with open(log, "wb") as log_file:
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
                )
            _replace_lock(lock, {**record, "oxigraph_pid": process.pid})
            _wait_ready(process, base, log, time.monotonic() + startup)
            if httpd is not None:
                thread = threading.Thread(target=httpd.serve_forever, daemon=True)
                thread.start()
            views_url = f"http://{_netloc(host, views_port)}/" if httpd is not None else None
            yield Service(yasgui=base, sparql=base + "query", views=views_url, process=process)
        finally:
            if thread is not None and httpd is not None:
                httpd.shutdown()  # returns once serve_forever has stopped
            if httpd is not None:
                httpd.server_close()
            if process is not None:
                _stop(process)
            if owned:
                lock.unlink(missing_ok=True)
