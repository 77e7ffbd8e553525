"""``storyline serve``: validate the arguments, then run the app with uvicorn."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

from ..errors import UsageError
from ..settings import Settings
from .guard import allowed_hosts
from .state import MAX_BATCH, MAX_BODY_BYTES, Limits

#: Where ``serve`` listens unless told otherwise: this machine only.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_arguments(cmd: argparse.ArgumentParser) -> None:
    """Add the options of ``storyline serve`` to its parser."""
    cmd.add_argument("--db", type=Path, required=True, help="SQLite store to serve")
    cmd.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    cmd.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    cmd.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another host name the app may be reached by (repeatable; --host and localhost "
        "always are)",
    )
    cmd.add_argument(
        "--max-body-bytes",
        type=int,
        default=MAX_BODY_BYTES,
        help=f"largest request body accepted (default {MAX_BODY_BYTES:,})",
    )
    cmd.add_argument(
        "--max-batch",
        type=int,
        default=MAX_BATCH,
        help=f"most articles one request may add (default {MAX_BATCH})",
    )
    cmd.add_argument("--actors", type=Path, help="extra curated actor YAML file")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check the arguments, build the app and serve it until interrupted."""
    import uvicorn

    from .app import create_app

    limits = _limits(args)
    _check(args)
    settings = Settings(actors_file=args.actors, progress=False)
    app = create_app(
        args.db, settings, limits=limits, hosts=allowed_hosts(args.host, args.allow_host)
    )
    if not _is_loopback(args.host):
        print(
            f"storyline: listening on {args.host}: other machines can read the store "
            "and add articles to it; they must address it by a name given with --allow-host "
            f"(now {', '.join(allowed_hosts(args.host, args.allow_host))})",
            file=sys.stderr,
        )
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", ws="none")
    return 0


def _check(args: argparse.Namespace) -> None:
    if not args.db.is_file():
        raise UsageError(
            f"--db {str(args.db)!r} does not exist; create it with "
            f"`storyline analyze PATH --db {args.db}`"
        )
    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {args.port}")
    if args.actors is not None and not args.actors.is_file():
        raise UsageError(f"--actors {str(args.actors)!r} is not a file; give a YAML actor file")


def _limits(args: argparse.Namespace) -> Limits:
    try:
        return Limits(max_body_bytes=args.max_body_bytes, max_batch=args.max_batch)
    except ValueError as exc:
        raise UsageError(f"--max-body-bytes and --max-batch must be 1 or more ({exc})") from exc


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
