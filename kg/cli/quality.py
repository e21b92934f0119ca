"""`kg validate` and `kg eval`: the graph checked against the SHACL shapes, the extraction against
gold."""

from __future__ import annotations

import argparse
import sys

from kg.cli.registry import command, echo, store_option
from kg.errors import InputError, ValidationError

# --------------------------------------------------------------------------- validate


def _validate_options(p: argparse.ArgumentParser) -> None:
    store_option(p)


@command(_validate_options)
def cmd_validate(args: argparse.Namespace) -> int:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl.

    Example: kg validate --store out/store
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.store import open_store

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.validate import validate

    conforms, report = validate(open_store(args.store))
    if not conforms:
        sys.stderr.write(report.rstrip() + "\n")
        raise ValidationError("the graph does not conform to ontology/shapes.ttl (see above)")
    echo("The graph conforms to ontology/shapes.ttl.")
    return 0


# --------------------------------------------------------------------------- eval


def _eval_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="articles or folders (default: data/corpus)")
    p.add_argument("--gold", required=True, help="folder of gold NAME.json files")
    p.add_argument("--errors", action="store_true", help="list false positives and negatives")


@command(_eval_options)
def cmd_eval(args: argparse.Namespace) -> int:
    """Score the extractor against gold annotations: precision, recall and F1 per field.

    Example: kg eval --gold data/gold data/corpus
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.extraction import evaluate

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.extraction.gold import gold_for

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.run.build import DEFAULT_CORPUS, extract_paths

    docs = list(extract_paths(args.paths or [DEFAULT_CORPUS]))
    total, per_doc = evaluate.score_corpus(docs, args.gold)
    scored = [name for name, s in per_doc.items() if s]
    if not scored:
        raise InputError(f"{args.gold}: no gold file matches any article")
    if args.errors:
        for doc in docs:
            gold = gold_for(doc.name, args.gold)
            if gold is None:
                continue
            for field, e in evaluate.errors(evaluate.predictions(doc), gold).items():
                if e["false_positives"] or e["false_negatives"]:
                    echo(f"{doc.name} {field}: FP {e['false_positives']} FN {e['false_negatives']}")
        echo()
    echo(f"{len(scored)} articles with gold, micro-averaged")
    echo(evaluate.format_scores(total))
    return 0
