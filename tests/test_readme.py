"""The README tells the truth: its transcripts are what the commands print now (issue 12 item
13), and every example question of `kg ask` answers on the bundled articles (item 8).

When the extractor changes what the commands print, rewrite the transcripts and review the diff:
    .venv/bin/python tools/update_readme.py      (or: make readme)
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kg.apps.ask import Asker

from .conftest import ROOT
from .helpers import asker_over
from .test_ask import EXTRA_ARTICLE

README = (ROOT / "README.md").read_text(encoding="utf-8")
TOOL = ROOT / "tools" / "update_readme.py"
NO_FACTS = "†"  # marks an example whose facts the bundled articles do not state


def test_the_transcripts_are_what_the_commands_print_now():
    proc = subprocess.run(
        [sys.executable, str(TOOL), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


STALE = """# A page

<!-- kg:run -->
```
$ kg --version
kg (chainkg) 0.0.0-stale
$ kg ask ""
kg: error: nothing
```
"""


def test_a_stale_transcript_is_found_and_rewritten(tmp_path):
    from importlib.metadata import version

    page = tmp_path / "PAGE.md"
    page.write_text(STALE, encoding="utf-8")
    check = subprocess.run(
        [sys.executable, str(TOOL), "--check", "--readme", str(page)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 1 and "PAGE.md:5: the transcript is stale" in check.stdout
    assert "+kg (chainkg) " + version("chainkg") in check.stdout
    rewrite = subprocess.run(
        [sys.executable, str(TOOL), "--readme", str(page)], capture_output=True, timeout=300
    )
    assert rewrite.returncode == 0
    text = page.read_text(encoding="utf-8")
    assert f"$ kg --version\nkg (chainkg) {version('chainkg')}\n$ kg ask" in text
    assert "kg: error: The question is empty" in text


def test_the_dependency_list_is_pyproject_s():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    with open(ROOT / "pyproject.toml", "rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    wanted = [re.split(r"[<>=!~\[; ]", d)[0] for d in dependencies]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme.split("into `.venv`:", 1)[1].split("\n\n")[0]
    listed = re.sub(r"\([^)]*\)", "", listed).replace(" and ", ", ").rstrip(" .\n")
    assert [name.strip() for name in listed.split(",")] == wanted


def test_durations_are_masked_and_quoted_commands_span_lines():
    sys.path.insert(0, str(TOOL.parent))
    try:
        import update_readme
    finally:
        sys.path.remove(str(TOOL.parent))
    assert update_readme.mask("in 2.2s, 40 ms, 3 articles") == "in <time>, <time>, 3 articles"
    text = '$ kg query "SELECT * WHERE {\n  ?s ?p ?o }"\nout\n$ kg stats\nmore'
    assert update_readme.commands(text) == ['kg query "SELECT * WHERE {\n  ?s ?p ?o }"', "kg stats"]


def test_every_printed_command_output_is_a_transcript():
    # a block showing a command and what it printed is rerun by the tool, not written by hand
    lines = README.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("```") and i + 1 < len(lines) and lines[i + 1].startswith("$ "):
            assert lines[i - 1].startswith("<!-- kg:run"), f"README.md:{i + 1}: not a transcript"
    assert README.count("<!-- kg:run") >= 10


def _examples() -> list[tuple[str, str, bool]]:
    """(kind, question, marked †) of every example of the README's table of question kinds."""
    table = README.split("The kinds of question it understands", 1)[1].split("\n\n", 2)[1]
    found = []
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        for question in cells[1:3]:
            marked = question.endswith(NO_FACTS)
            found.append((cells[0], question.removesuffix(NO_FACTS).strip(), marked))
    return found


EXAMPLES = _examples()


def test_the_table_lists_every_kind_with_the_examples_kg_ask_gives():
    # `kg ask` lists the same examples when it does not understand a question
    from kg.apps.ask import KINDS

    rows = {(kind, question) for kind, question, _ in EXAMPLES}
    assert rows == {(k.about, q) for k in KINDS for q in (k.zh, k.en)}


@pytest.fixture(scope="module")
def seed_asker(seed_store):
    return Asker(seed_store)


@pytest.fixture(scope="module")
def extra_asker(tmp_path_factory):
    """A graph of our own small article that states what the bundled ones do not."""
    return asker_over(tmp_path_factory.mktemp("readme-extra"), EXTRA_ARTICLE)


@pytest.mark.parametrize("kind, question, marked", EXAMPLES, ids=[q for _, q, _ in EXAMPLES])
def test_every_example_question_answers(seed_asker, extra_asker, kind, question, marked):
    answer = seed_asker.ask(question)
    assert answer.ok, answer.message
    assert answer.plan.kind is not None and answer.plan.kind.about == kind
    if not marked:
        assert answer.rows, f"{question!r} answers nothing on the bundled articles"
        assert all(row["sentence"] for row in answer.rows)
        return
    assert not answer.rows, f"{question!r} answers now: remove its {NO_FACTS} in the README"
    assert "holds no answer" in answer.message
    other = extra_asker.ask(question)
    assert other.ok and other.rows, other.message


def test_the_mark_is_explained():
    assert re.search(rf"except those marked {NO_FACTS}", README)
