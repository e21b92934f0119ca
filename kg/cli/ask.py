"""`kg ask`: a question in Chinese or English, answered from the persisted store with evidence."""

from __future__ import annotations

import argparse
import json
import sys

from kg.cli.registry import command, store_option


def _ask_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("question", nargs="+", help="the question (quote it, or write it unquoted)")
    store_option(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--show-sparql", action="store_true", help="print the query that answered")


@command(_ask_options)
def cmd_ask(args: argparse.Namespace) -> int:
    """Answer a question about the graph, in Chinese or English, with the evidence per row.

    Names may be short, partly wrong or traditional (绿色铝 finds 绿色铝产业链). Exits 1 when
    a name is unknown (with the closest known names) or the question is not understood (with
    the kinds of question understood, an example each).

    Example: kg ask "绿色铝产业链的龙头企业有哪些?"
    Example: kg ask "Which chains does 云铝海鑫 lead?" --show-sparql
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.apps.ask import EMPTY_QUESTION, Asker, format_answer, normalise_question

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.errors import InputError

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.store import open_store

    question = " ".join(args.question)
    if not normalise_question(question):  # said before the store is opened, with no store too
        raise InputError(EMPTY_QUESTION)
    answer = Asker(open_store(args.store)).ask(question)
    if args.format == "json":
        sys.stdout.write(json.dumps(answer.to_dict(), ensure_ascii=False, default=str) + "\n")
        return 0 if answer.ok else 1
    if not answer.ok:
        first, _, rest = answer.message.partition("\n")
        sys.stderr.write(f"kg: error: {first}\n" + (rest + "\n" if rest else ""))
        return 1
    sys.stdout.write(format_answer(answer, show_sparql=args.show_sparql) + "\n")
    return 0
