"""Writing report files so a reader never sees half of one."""

from __future__ import annotations

from pathlib import Path

from ..errors import ReportError
from ..files import write_atomic


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``, whole or not at all (see :mod:`storyline.files`).

    An interrupted run leaves either the old file or the new one, never a
    truncated mix; a failure is a :class:`~storyline.errors.ReportError`
    saying what to check.
    """
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise ReportError(
            f"Cannot write '{path}': {exc.strerror or exc}; choose a folder you can write to "
            "and check the disk space"
        ) from exc
