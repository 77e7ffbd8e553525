"""The ``storyline`` command: thin commands that validate and delegate.

Exit statuses: 0 everything analysed, 3 finished but some inputs were
skipped, 2 usage error, 1 nothing could be analysed (or another error).
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

from . import __version__
from .errors import EXIT_NOTHING, EXIT_SKIPPED, EXIT_USAGE, StorylineError, UsageError
from .settings import Settings

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from .models import Article, Skipped
    from .pipeline import Engine, Progress, RunReport

# Nothing heavy is imported before the arguments are read: ``--version``,
# ``--help`` and usage errors answer at once. Each command imports what it
# runs; ``eval NAME`` and ``serve`` add their own options only when chosen.

Handler = Callable[[argparse.Namespace], int]
Options = Callable[[argparse.ArgumentParser], None]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (also used to document the CLI)."""
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Turn news articles about an evolving story into a sourced, "
        "cross-checked account (story.json and report.html).",
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_LazyParser
    )
    _add_analyze(commands)
    _add_export(commands)
    _add_eval(commands)
    _add_serve(commands)
    return parser


class _LazyParser(argparse.ArgumentParser):
    """A command parser whose options come from a module imported when the command is used.

    ``options(parser)`` adds them the first time the parser parses or shows
    its help, so building the whole command line imports no command's module.
    """

    def __init__(
        self,
        *args: Any,
        options: Callable[[argparse.ArgumentParser], None] | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self._options = options

    def _load(self) -> None:
        if self._options is not None:
            options, self._options = self._options, None
            options(self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._load()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._load()
        return super().format_help()

    def format_usage(self) -> str:
        self._load()
        return super().format_usage()


if TYPE_CHECKING:
    Commands: TypeAlias = argparse._SubParsersAction[_LazyParser]


def _add_analyze(commands: Commands) -> None:
    cmd = commands.add_parser(
        "analyze",
        help="analyse articles and write story.json and report.html",
        description="Analyse .txt, .html/.htm and .jsonl articles (directories are read "
        "recursively) and write OUT/story.json and OUT/report.html.",
    )
    cmd.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or directories (none with --db: rebuild the story from the store)",
    )
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    cmd.add_argument("--db", type=Path, help="SQLite store to add the articles to and read from")
    cmd.add_argument(
        "--workers",
        type=int,
        default=Settings.workers,
        help="processes for the pipeline, or Dask workers to start with --engine dask "
        f"(default {Settings.workers})",
    )
    cmd.add_argument(
        "--threads",
        type=int,
        choices=(1, 2),
        default=Settings.threads,
        help="with one process: 2 runs the trained pipeline in a thread beside Storyline's "
        f"components, 1 runs them in turn (default {Settings.threads})",
    )
    cmd.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where articles are analysed: this machine, or a Dask cluster (default local)",
    )
    cmd.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask, the scheduler of a running cluster (default: start one here)",
    )
    cmd.add_argument(
        "--batch-size",
        type=int,
        default=Settings.batch_size,
        help=f"articles per batch (default {Settings.batch_size})",
    )
    cmd.add_argument("--actors", type=Path, help="extra curated actor YAML file")
    cmd.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")
    cmd.add_argument(
        "--any-language",
        action="store_true",
        help="analyse articles in other languages than English too (else skipped, S071)",
    )
    cmd.set_defaults(handler=_run_analyze)


def _add_export(commands: Commands) -> None:
    cmd = commands.add_parser(
        "export",
        help="write story.json and report.html from a store",
        description="Reproduce OUT/story.json and OUT/report.html from a store "
        "written by `storyline analyze --db`.",
    )
    cmd.add_argument("--db", type=Path, required=True, help="SQLite store to read")
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    cmd.set_defaults(handler=_run_export)


def _add_eval(commands: Commands) -> None:
    commands.add_parser(
        "eval",
        help="score a capability against public gold data",
        description="Score one capability against gold-labelled data and print the scores.",
        options=_eval_options,
    )


def _eval_options(parser: argparse.ArgumentParser) -> None:
    from .evaluation import EVALUATIONS

    names = parser.add_subparsers(dest="evaluation", metavar="NAME", required=True)
    for name, module_name in EVALUATIONS.items():
        module = f"storyline.evaluation.{module_name}"
        doc = _first_doc_line(module) or name
        options = functools.partial(_evaluation_options, module)
        names.add_parser(name, help=doc, description=doc, options=options)


def _first_doc_line(module: str) -> str | None:
    """The first line of a module's docstring, read from its source without importing it."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    return doc.strip().splitlines()[0] if doc else None


def _evaluation_options(module_name: str, parser: argparse.ArgumentParser) -> None:
    module = importlib.import_module(module_name)
    module.add_arguments(parser)
    parser.set_defaults(handler=module.run)


def _add_serve(commands: Commands) -> None:
    commands.add_parser(
        "serve",
        help="serve a store as web pages and a JSON API",
        description="Serve the story of a store written by `storyline analyze --db`: pages "
        "for the story, each article, entity and finding, a JSON API under /api (POST "
        "/api/articles adds articles) and its documentation at /docs.",
        options=_serve_options,
    )


def _serve_options(parser: argparse.ArgumentParser) -> None:
    from .serve.cli import add_arguments

    add_arguments(parser)


def _settings(args: argparse.Namespace) -> Settings:
    if not args.paths and (args.db is None or not args.db.is_file()):
        raise UsageError(
            "give the files or folders to analyse, or --db with an existing store to rebuild "
            "its story"
        )
    if args.workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {args.workers}")
    if args.batch_size < 1:
        raise UsageError(f"--batch-size must be 1 or more, not {args.batch_size}")
    if args.actors is not None and not args.actors.is_file():
        raise UsageError(f"--actors {str(args.actors)!r} is not a file; give a YAML actor file")
    return Settings(
        workers=args.workers,
        threads=args.threads,
        batch_size=args.batch_size,
        actors_file=args.actors,
        progress=not args.no_progress,
        any_language=args.any_language,
    )


#: Net allocations between two collections of the youngest generation (Python's
#: default is 700). A run makes millions of short-lived objects (tokens, spans,
#: records) and imports hundreds of modules: collecting less often finds the
#: same garbage for less work, and the older generations are walked far less
#: often (about 0.5 CPU s over the 256-article benchmark).
GC_THRESHOLD = 10_000


def _run_analyze(args: argparse.Namespace) -> int:
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    settings = _settings(args)
    engine = _engine(args)
    from .pipeline import analyze

    with _ProgressBar(enabled=settings.progress) as bar:
        report = analyze(
            args.paths,
            settings,
            out_dir=args.out,
            db=args.db,
            progress=bar.callbacks(),
            engine=engine,
        )
    _print_summary(report, sys.stderr)
    if not report.outputs:
        print(f"Nothing written; {_untouched(args.out)}", file=sys.stderr)
    return report.exit_code


def _engine(args: argparse.Namespace) -> Engine | None:
    if args.engine == "local":
        if args.scheduler is not None:
            raise UsageError("--scheduler needs --engine dask")
        return None
    from .engine import DaskEngine

    return DaskEngine(_shard_dir(args), scheduler=args.scheduler, workers=args.workers)


def _shard_dir(args: argparse.Namespace) -> Path:
    """Where the Dask engine keeps its shards: ``OUT/shards``."""
    out: Path = args.out
    return out / "shards"


def _untouched(out: Path) -> str:
    return f"{out} is left as it was."


def _run_export(args: argparse.Namespace) -> int:
    from .pipeline import stale_story_warning, write_outputs
    from .store import Store

    if not args.db.is_file():
        raise UsageError(f"--db {str(args.db)!r} does not exist; create it with `analyze --db`")
    with Store.open(args.db, create=False) as store:
        story = store.load_story()
        left_out = store.articles_not_in_story()
    outputs = write_outputs(story, args.out)
    print("Wrote " + ", ".join(str(p) for p in outputs), file=sys.stderr)
    if left_out:
        print(f"storyline: {stale_story_warning(args.db, left_out)}", file=sys.stderr)
        return EXIT_SKIPPED
    return 0 if story.articles else EXIT_NOTHING


def _print_summary(report: RunReport, stream: TextIO) -> None:
    story = report.story
    parts = [
        f"{report.analysed} article(s) analysed",
        f"{report.unchanged} already stored" if report.unchanged else "",
        f"{len(story.articles)} in the story",
        f"{len(story.entities)} entities",
        f"{len(story.claims)} claims",
        f"{len(story.findings)} findings",
        f"{len(report.skipped)} skipped",
    ]
    print("Storyline: " + ", ".join(p for p in parts if p) + ".", file=stream)
    if report.outputs:
        print("Wrote " + ", ".join(str(p) for p in report.outputs), file=stream)


class _ProgressBar:
    """A rich progress bar on stderr, unless one article alone is analysed."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: RichProgress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def callbacks(self) -> Progress:
        from .pipeline import Progress

        return Progress(start=self._start, advance=self._advance, skip=_report_skip)

    def _start(self, total: int | None) -> None:
        if not self.enabled or (total is not None and total < 2):
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        progress = RichProgress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        progress.start()
        self._progress = progress
        self._task = progress.add_task("Analysing", total=total)

    def _advance(self, article: Article) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)


def _report_skip(item: Skipped) -> None:
    print(f"skipped: {item.source}: {item.reason}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    handler: Handler = args.handler
    try:
        return handler(args)
    except UsageError as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StorylineError as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_NOTHING
    except KeyboardInterrupt:
        print(f"storyline: interrupted; {_what_is_kept(args)}", file=sys.stderr)
        return 130


def _what_is_kept(args: argparse.Namespace) -> str:
    """What an interrupted command leaves for the next run, in its own terms."""
    if getattr(args, "db", None) is not None:
        return f"{args.db} keeps every article written so far."
    if getattr(args, "engine", None) == "dask":
        return f"the finished partitions stay in {_shard_dir(args)} for the next run."
    if getattr(args, "out", None) is not None:
        return _untouched(args.out)
    return "nothing was written."


if __name__ == "__main__":
    sys.exit(main())
