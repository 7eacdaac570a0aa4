"""Finding plan files and writing outputs atomically."""

from __future__ import annotations

import os
import tempfile


def plan_files(paths: list[str]) -> list[str]:
    """The given files, and the .qlm files under given folders, sorted."""
    found = []
    for path in paths:
        if os.path.isdir(path):
            from pathlib import Path

            found += sorted(str(p) for p in Path(path).rglob("*.qlm"))
        else:
            found.append(path)
    return found


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: no half-written file on failure."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".qlm-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        # mkstemp creates the file 0600; give it the mode a plain open() would have.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
