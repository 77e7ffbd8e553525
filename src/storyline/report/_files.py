"""Writing report files so a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import ReportError


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file and a rename.

    The temporary file sits in the target's own folder so the final
    :func:`os.replace` is atomic: an interrupted run leaves either the old
    file or the new one, never a truncated mix. The file gets the usual
    permissions (``0o666`` less the umask), not the private ones of a
    temporary file.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ReportError(
            f"Cannot write '{path}': {exc.strerror or exc}; choose a folder you can write to"
        ) from exc
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportError(
            f"Cannot write '{path}': {exc.strerror or exc}; check the disk space and permissions"
        ) from exc


def _umask() -> int:
    """The process umask (reading it means setting it, so it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
