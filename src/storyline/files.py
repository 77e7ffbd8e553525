"""Files written whole or not at all, and where Storyline keeps its caches."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: The environment variable naming the folder Storyline keeps its caches in.
CACHE_ENV = "STORYLINE_CACHE_DIR"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The temporary file sits in the target's own folder so the final
    :func:`os.replace` is atomic: an interrupted write leaves either the old
    file or the new one, never a truncated mix, and a reader sees the whole
    file or none. The file gets the usual permissions (``0o666`` less the
    umask), not the private ones of a temporary file. Raises :class:`OSError`
    (the temporary file is removed).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (reading it means setting it, so it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def cache_dir() -> Path | None:
    """``$STORYLINE_CACHE_DIR``, else ``storyline`` under ``$XDG_CACHE_HOME`` or ``~/.cache``.

    None when no home folder is known (nothing is cached then). Only what
    Storyline can rebuild from its installed packages goes there; deleting
    the folder costs the next run the time to rebuild it.
    """
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given).expanduser()
    base = os.path.expanduser(os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache"))
    return None if base.startswith("~") else Path(base) / "storyline"
