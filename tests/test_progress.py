"""Progress of long commands (issue 12 item 11): a bar per phase with its total and time left
on a terminal, one line per finished phase in a pipe, nothing with --quiet."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest

from kg.progress import Progress, first_part

from .conftest import DATA, ROOT
from .helpers import kg

BUILD_PHASES = ["extracting", "storing", "exporting", "plots", "views"]


def on_a_terminal(*args: str, timeout: float = 300) -> tuple[int, str, str]:
    """Run `kg ARGS` with its standard error on a pseudo-terminal: (exit code, stdout, what
    the terminal received)."""
    leader, follower = pty.openpty()
    # a terminal of 120 x 40 characters, as a person's would be
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    received = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    stdout = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=timeout)
    return proc.returncode, stdout, received.decode("utf-8", "replace")


def test_a_build_on_a_terminal_draws_a_bar_with_a_total_and_time_left_per_phase(tmp_path):
    code, stdout, terminal = on_a_terminal(
        "build", str(DATA / "corpus"), "--out", str(tmp_path), "--exports"
    )
    assert code == 0, terminal
    assert stdout.startswith("Built 3 articles")
    for phase in BUILD_PHASES:
        # tqdm draws "extracting: 100%|██████████| 3/3 [00:01<00:00, 2.9 articles/s]"
        bars = re.findall(rf"{phase}: +\d+%\|[^|]*\| (\d+)/(\d+) \[(\d\d:\d\d)<([\d:?]+)", terminal)
        assert bars, f"no bar for {phase}: {terminal!r}"
        done, total = bars[-1][:2]
        assert done == total and int(total) > 0, (phase, bars[-1])
    assert "kg: extracting:" not in terminal  # the lines are for pipes


def test_a_build_in_a_pipe_writes_one_line_per_phase(tmp_path):
    proc = kg("build", str(DATA / "corpus"), "--out", str(tmp_path), "--exports")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert [line.split(":")[1].strip() for line in lines] == BUILD_PHASES, lines
    assert lines[0].startswith("kg: extracting: 3 articles in ")
    assert all(re.fullmatch(r"kg: [a-z]+: [\d,]+ [a-z]+ in \d+\.\ds", line) for line in lines)


@pytest.mark.parametrize(
    "args",
    [
        ["build", str(DATA / "corpus"), "--out", "{tmp}/out"],
        ["extract", str(DATA / "corpus")],
    ],
)
def test_quiet_writes_no_progress(tmp_path, args):
    proc = kg(*[a.format(tmp=tmp_path) for a in args], "--quiet")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("progress")
    assert kg("build", str(DATA / "corpus"), "--out", str(out), "--quiet").returncode == 0
    return out


@pytest.mark.parametrize(
    "args, phases",
    [
        (["extract", str(DATA / "corpus")], ["extracting: 3 articles"]),
        (
            ["add", str(DATA / "corpus"), "--store", "{out}/store"],
            ["extracting: 3 articles", "writing: 1 transactions"],
        ),
        (
            [
                "export",
                "--format",
                "csv",
                "--format",
                "ttl",
                "--out",
                "{tmp}",
                "--store",
                "{out}/store",
            ],
            ["exporting: 2 formats"],
        ),
        (["views", "--store", "{out}/store", "--out", "{tmp}/views"], ["views: "]),
    ],
)
def test_other_long_commands_report_their_phases(built, tmp_path, args, phases):
    proc = kg(*[a.format(out=built, tmp=tmp_path) for a in args])
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(phases) and all(
        line.startswith(f"kg: {p}") for line, p in zip(lines, phases, strict=True)
    ), lines
    quiet = kg(*[a.format(out=built, tmp=tmp_path) for a in args], "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_every_command_takes_quiet():
    from kg.cli import COMMANDS, parser

    p = parser()
    for name in COMMANDS:
        assert p.parse_args([name, "--quiet", *_required(name)]).quiet is True, name


def _required(name: str) -> list[str]:
    return {
        "ask": ["q"],
        "eval": ["--gold", "g"],
        "push": ["--endpoint", "http://127.0.0.1:1/store"],
        "add": ["a.txt"],
        "remove": ["a.txt"],
    }.get(name, [])


class Steps(Progress):
    def __init__(self) -> None:
        self.seen: dict[str, list[int | None]] = {}
        self.current = ""

    def phase(self, name, total=None, unit="steps"):
        self.current = name
        self.seen[name] = [total, 0]

    def advance(self, n=1):
        self.seen[self.current][1] += n


def test_the_library_reports_every_phase_to_its_end(tmp_path):
    from kg.run.build import build

    steps = Steps()
    build([DATA / "corpus"], out=tmp_path, phases=steps, exports=True)
    assert list(steps.seen) == BUILD_PHASES
    for name, (total, done) in steps.seen.items():
        assert total and done == total, (name, total, done)


def test_big_files_count_once():
    assert [first_part(n) for n in ["a.txt", "a.txt#1", "a.txt#2", "x#y.txt"]] == [
        True,
        True,
        False,
        True,
    ]
