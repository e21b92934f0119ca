"""kg.locks: one writer per store and output folder, released however its holder ends."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from kg.errors import StoreError
from kg.locks import hold, holder

from .conftest import ROOT

# A process that takes the lock, forks a child that lives on (as a worker of kg.run.parallel
# would), says so, then waits to be killed.
HOLD_AND_FORK = textwrap.dedent(
    """
    import os, sys, time
    from kg.locks import hold
    with hold(sys.argv[1], "the folder"):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        print("held", flush=True)
        time.sleep(60)
    """
)


def test_a_held_lock_is_refused_naming_its_holder(tmp_path):
    lock = tmp_path / ".kg-build.lock"
    with hold(lock, "the output folder out"):
        assert holder(lock)["pid"] == os.getpid()
        child = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from kg.locks import hold\n"
                "with hold(sys.argv[1], 'the output folder out'): pass",
                str(lock),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    assert child.returncode != 0
    assert "the output folder out is in use by" in child.stderr
    assert f"(pid {os.getpid()})" in child.stderr
    with hold(lock, "the output folder out"):  # released at the end of the block
        pass


def test_a_killed_holder_releases_the_lock_though_its_child_lives_on(tmp_path):
    lock = tmp_path / ".store.lock"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_AND_FORK, str(lock)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="in use by"):
            with hold(lock, "the store"):
                pass
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while True:
            try:
                with hold(lock, "the store"):
                    break
            except StoreError:
                assert time.monotonic() < deadline, "the forked child kept the lock"
                time.sleep(0.05)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the child too (its own session)
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
