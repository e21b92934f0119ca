"""Rewrite the README's command transcripts from real runs, or check that they are current.

    .venv/bin/python tools/update_readme.py           # run every transcript, rewrite README.md
    .venv/bin/python tools/update_readme.py --check   # exit 1, with the differences, if stale

A transcript is a fenced block right after a line ``<!-- kg:run -->``. Its lines starting with
``$ `` are commands (a quoted argument may go on over several lines); the lines after each are
what the command printed: its standard output, then the warnings and errors it wrote to
standard error (progress lines are left out, as a terminal erases them). Every transcript runs,
in the README's order, in one scratch folder that holds links to ``data/`` and
``build_graph.py`` (and ``../shared`` beside it when the repository has one), so that ``out/``
is what the first transcript built and the commands read as a user types them. Standard output
and standard error are shown in the order they were written.

Options after ``kg:run``:

- ``sections="Title A|Title B"``: only the paragraphs of the output that start with one of these
  titles, each followed by a line ``...``;
- ``needs=shared``: the transcript reads ``../shared`` and is left as it is where that is absent.

`kg serve` runs until it has printed its addresses, then gets Ctrl-C (SIGINT); `kg push` pushes
to a scratch Oxigraph server. Both run on free ports, shown as 7878 and 7879. Durations (``2.2s``)
change from run to run: `--check` compares transcripts with every duration masked.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHARED = ROOT.parent / "shared"

MARKER = re.compile(r"^<!-- kg:run(?P<options>.*?)-->$")
OPTION = re.compile(r'(\w+)=(?:"([^"]*)"|(\S+))')
# What a terminal shows only for a moment: the progress lines `kg` writes to a pipe.
PROGRESS = re.compile(r"^kg: (?!error:|warning:)[a-z ]+: [\d,]+ [a-z]+ in [\d.]+s$")
DURATION = re.compile(r"\b\d+(?:\.\d+)?(?: ?ms| ?s)\b")
SHOWN_PORTS = (7878, 7879)
TIMEOUT = 600


@dataclass
class Transcript:
    """One transcript block: where it is in the README, its options and its text."""

    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    options: dict[str, str]
    text: str


def transcripts(lines: list[str]) -> list[Transcript]:
    """The transcript blocks of the README's `lines`."""
    found = []
    for i, line in enumerate(lines):
        m = MARKER.match(line.strip())
        if m is None:
            continue
        fence = i + 1
        if fence >= len(lines) or not lines[fence].startswith("```"):
            raise SystemExit(f"README.md:{i + 1}: a kg:run marker must be followed by a fence")
        end = next(j for j in range(fence + 1, len(lines)) if lines[j].startswith("```"))
        options = {k: a or b for k, a, b in OPTION.findall(m.group("options"))}
        found.append(Transcript(fence + 1, end, options, "\n".join(lines[fence + 1 : end])))
    return found


def commands(text: str) -> list[str]:
    """The commands of a transcript, each as written (without ``$ ``)."""
    found: list[str] = []
    pending: list[str] | None = None
    for line in text.split("\n"):
        if pending is None and not line.startswith("$ "):
            continue
        pending = [line[2:]] if pending is None else [*pending, line]
        command = "\n".join(pending)
        try:
            shlex.split(command)
        except ValueError:  # a quoted argument goes on in the next line
            continue
        found.append(command)
        pending = None
    return found


def mask(text: str) -> str:
    """`text` with every duration masked: what --check compares."""
    return DURATION.sub("<time>", text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Runner:
    """Runs the README's commands in a scratch folder, as a user in the repository would."""

    def __init__(self, folder: Path) -> None:
        self.cwd = folder / "chainkg"
        self.cwd.mkdir()
        for name in ("data", "build_graph.py"):
            (self.cwd / name).symlink_to(ROOT / name)
        if SHARED.is_dir():
            (folder / "shared").symlink_to(SHARED)
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.env.pop("KG_PUSH_PASSWORD", None)
        self._remote: subprocess.Popen | None = None
        self._remote_port = 0
        self.folder = folder

    def argv(self, words: list[str]) -> list[str]:
        head, rest = words[0], words[1:]
        if head == "kg" or head.endswith("/kg"):
            return [sys.executable, "-m", "kg.cli", *rest]
        if head in ("python", "python3") or head.endswith(("/python", "/python3")):
            return [sys.executable, *rest]
        raise SystemExit(f"tools/update_readme.py: cannot run {head!r} (kg or python only)")

    def run(self, command: str) -> str:
        words = shlex.split(command)
        if words[0].endswith("kg") and words[1:2] == ["serve"]:
            return self._serve(words)
        ports = {}
        if words[0].endswith("kg") and words[1:2] == ["push"]:
            ports = {self.remote(): SHOWN_PORTS[0]}
            words = [w.replace(f":{SHOWN_PORTS[0]}/", f":{self._remote_port}/") for w in words]
        proc = subprocess.run(  # one stream, unbuffered: the lines in the order a terminal shows
            self.argv(words),
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=TIMEOUT,
        )
        lines = [line for line in proc.stdout.splitlines() if not PROGRESS.match(line)]
        return self._shown(lines, ports)

    def _shown(self, lines: list[str], ports: dict[int, int]) -> str:
        text = "\n".join(line.rstrip() for line in lines).strip("\n")
        text = text.replace(str(self.folder / "shared"), "../shared")
        text = text.replace(str(self.cwd) + "/", "")
        for real, shown in ports.items():
            text = text.replace(f":{real}", f":{shown}")
        return text

    def _serve(self, words: list[str]) -> str:
        port, views = free_port(), free_port()
        argv = [*self.argv(words), "--port", str(port), "--views-port", str(views)]
        proc = subprocess.Popen(
            argv,
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: list[str] = []
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.append(line.rstrip("\n"))
                if line.startswith("Read-only"):
                    break
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
        if not lines or not lines[-1].startswith("Read-only"):
            raise SystemExit(f"kg serve did not start: {proc.stderr.read() if proc.stderr else ''}")
        return self._shown(lines, {port: SHOWN_PORTS[0], views: SHOWN_PORTS[1]})

    def remote(self) -> int:
        """The port of a scratch Oxigraph server for `kg push` (started on first use)."""
        if self._remote is None:
            from kg.apps.serve import oxigraph_command

            self._remote_port = free_port()
            self._remote = subprocess.Popen(
                [oxigraph_command(), "serve", "--location", str(self.folder / "remote")]
                + ["--bind", f"127.0.0.1:{self._remote_port}"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{self._remote_port}/", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit("the scratch Oxigraph server did not start") from None
                    time.sleep(0.1)
        return self._remote_port

    def close(self) -> None:
        if self._remote is not None:
            self._remote.terminate()
            self._remote.wait(timeout=30)


@contextlib.contextmanager
def runner() -> Iterator[Runner]:
    folder = Path(tempfile.mkdtemp(prefix="kg-readme-"))
    run = Runner(folder)
    try:
        yield run
    finally:
        run.close()
        shutil.rmtree(folder, ignore_errors=True)


def _sections(output: str, titles: list[str]) -> str:
    paragraphs = [p for p in output.split("\n\n") if p.strip()]
    kept = [p for p in paragraphs if any(p.startswith(t) for t in titles)]
    return "\n\n".join(f"{p}\n..." for p in kept)


def regenerate(text: str, options: dict[str, str], run: Runner) -> str:
    """A transcript's text with each command's output from a run now."""
    parts = []
    for command in commands(text):
        output = run.run(command)
        if "sections" in options:
            output = _sections(output, options["sections"].split("|"))
        parts.append(f"$ {command}\n{output}" if output else f"$ {command}")
    return "\n".join(parts)


def current(readme: str) -> tuple[str, list[tuple[int, str, str]]]:
    """The README with every transcript rerun, and (line, old, new) of those that changed
    (durations masked). Transcripts that need ../shared where it is absent stay as they are."""
    lines = readme.split("\n")
    blocks = transcripts(lines)
    changed = []
    with runner() as run:
        new_text = {}
        for block in blocks:
            if block.options.get("needs") == "shared" and not SHARED.is_dir():
                continue
            new = regenerate(block.text, block.options, run)
            new_text[block.start] = new
            if mask(new) != mask(block.text):
                changed.append((block.start, block.text, new))
    for block in reversed(blocks):
        if block.start in new_text:
            lines[block.start : block.end] = new_text[block.start].split("\n")
    return "\n".join(lines), changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale transcripts only")
    parser.add_argument("--readme", type=Path, default=README, help="the file (README.md)")
    args = parser.parse_args(argv)
    readme = args.readme.read_text(encoding="utf-8")
    new, changed = current(readme)
    if args.check:
        for line, old, fresh in changed:
            name = args.readme.name
            diff = difflib.unified_diff(
                old.split("\n"), fresh.split("\n"), name, "a run now", lineterm="", n=1
            )
            print(f"{name}:{line + 1}: the transcript is stale", *diff, sep="\n")
        if changed:
            print("rewrite them with: .venv/bin/python tools/update_readme.py")
        return 1 if changed else 0
    if new != readme:
        args.readme.write_text(new, encoding="utf-8")
    print(f"{len(changed)} transcripts changed" if changed else "every transcript is current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
