"""`kg serve`: the store over SPARQL 1.1 (Oxigraph, with YASGUI) and the HTML views."""

from __future__ import annotations

import argparse
import signal
import sys

from kg.cli.registry import command, store_option
from kg.errors import KGError


def _serve_options(p: argparse.ArgumentParser) -> None:
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.apps.serve import DEFAULT_PORT, DEFAULT_TIMEOUT

    store_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="SPARQL port (default: 7878)")
    p.add_argument("--views", default=None, help="HTML views folder (default: beside the store)")
    p.add_argument("--views-port", type=int, default=None, help="views port (default: PORT+1)")
    p.add_argument(
        "--timeout",
        type=int,
        default=DEFAULT_TIMEOUT,
        help=f"query timeout in seconds (default: {DEFAULT_TIMEOUT})",
    )


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@command(_serve_options)
def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the store read-only over SPARQL 1.1 (YASGUI editor at /) and the HTML views.

    Stops on Ctrl-C. While it runs, `kg build` refuses to replace the served store.

    Example: kg serve --store out/store --port 7878
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.apps.serve import is_loopback, serving

    if not is_loopback(args.host):
        sys.stderr.write(
            f"kg: warning: --host {args.host} is reachable from other machines; the server is "
            "read-only but anyone who can reach it can query the whole graph\n"
        )
    # Both signals end the `with` block below, which stops the server and removes the lock;
    # SIGINT is set explicitly because a shell may start background jobs with it ignored.
    previous = {s: signal.signal(s, _interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with serving(
            args.store,
            host=args.host,
            port=args.port,
            views=args.views,
            views_port=args.views_port,
            timeout=args.timeout,
        ) as service:
            sys.stdout.write(f"SPARQL editor (YASGUI): {service.yasgui}\n")
            sys.stdout.write(f"SPARQL endpoint:        {service.sparql}\n")
            if service.views:
                sys.stdout.write(f"Views:                  {service.views}\n")
            else:
                sys.stdout.write("Views:                  none (no views folder; run `kg build`)\n")
            sys.stdout.write("Read-only. Press Ctrl-C to stop.\n")
            sys.stdout.flush()
            code = service.process.wait()
        raise KGError(f"the SPARQL server stopped unexpectedly (exit status {code})")
    except KeyboardInterrupt:
        sys.stdout.write("Stopped.\n")
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
