"""The plans of the folder being served: listed, read with a version, saved only over what was read.

A file's version is the SHA-256 of its bytes. A save names the version the
page read; it replaces the file (a temporary file in the same folder, then
`os.replace`, so a reader never sees half a plan) only while the file on disk
still has that version, else it is refused with both versions (409) and the
page offers to reload or compare. One lock makes check-and-replace one step
for this server's own requests.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from typing import Any

from ..limits import MAX_FILE_BYTES
from ..lsp.analysis import Documents
from ..source import os_reason, read_bytes
from ..text import Text
from .security import Refused, confine, inside, relative

PLAN_SUFFIX = ".qlm"
#: Plans listed at most (as the language server bounds its workspace).
MAX_LISTED = 2000
_SKIPPED = frozenset({"node_modules", "__pycache__", "venv"})


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _not_a_plan(written: str) -> Refused:
    return Refused(400, Text(f"`{written}` is not a .qlm plan", f"`{written}`不是 .qlm 计划文件"))


class PlanFolder:
    def __init__(self, folder: str) -> None:
        self.root = os.path.realpath(folder)
        self.lock = threading.Lock()

    def plan_path(self, written: str) -> str:
        path = confine(self.root, written)
        if not path.endswith(PLAN_SUFFIX):
            raise _not_a_plan(written)
        return path

    def listing(self) -> list[dict[str, Any]]:
        """Every plan of the folder as a tree: files no other includes at the top, includes beneath."""
        files: list[str] = []
        for here, folders, names in os.walk(self.root):
            folders[:] = sorted(name for name in folders if not name.startswith(".") and name not in _SKIPPED)
            for name in sorted(names):
                path = os.path.realpath(os.path.join(here, name))
                if name.endswith(PLAN_SUFFIX) and inside(self.root, path) and os.path.isfile(path):
                    files.append(path)
            if len(files) >= MAX_LISTED:
                break
        files = list(dict.fromkeys(files[:MAX_LISTED]))
        includers = Documents(self.root).includers()
        children: dict[str, list[str]] = {}
        for path in files:
            parent = includers.get(path)
            if parent is not None and parent in files and parent != path:
                children.setdefault(parent, []).append(path)

        def node(path: str, seen: frozenset[str]) -> dict[str, Any]:
            below = [node(child, seen | {child}) for child in children.get(path, []) if child not in seen]
            return {"path": relative(self.root, path), "includes": below}

        tops = [path for path in files if includers.get(path) not in files or includers.get(path) == path]
        return [node(path, frozenset({path})) for path in tops]

    def read(self, written: str) -> dict[str, Any]:
        path = self.plan_path(written)
        data = self._bytes(path, written)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise Refused(422, Text(f"`{written}` is not UTF-8 text", f"`{written}`不是 UTF-8 文本")) from error
        return {"path": relative(self.root, path), "text": text, "version": version_of(data)}

    def _bytes(self, path: str, written: str) -> bytes:
        if not os.path.isfile(path):
            raise Refused(404, Text(f"`{written}` does not exist", f"`{written}`不存在"))
        try:
            return read_bytes(path, MAX_FILE_BYTES)
        except OSError as error:
            why = os_reason(error)
            raise Refused(500, Text(f"`{written}` cannot be read: {why.en}", f"无法读取`{written}`：{why.zh}")) from error

    def save(self, written: str, text: str, version: str) -> dict[str, Any]:
        path = self.plan_path(written)
        data = text.encode("utf-8")
        with self.lock:
            disk = self._bytes(path, written)
            if version_of(disk) != version:
                raise Refused(409, Text(f"`{written}` changed on disk since it was opened: reload it or compare",
                                        f"`{written}`打开后已在磁盘上被修改：请重新载入或比较"),
                              disk_version=version_of(disk), your_version=version,
                              disk_text=disk.decode("utf-8", "replace"))
            replace_atomically(path, data)
        return {"path": relative(self.root, path), "version": version_of(data)}

    def create(self, written: str, text: str = "") -> dict[str, Any]:
        path = self.plan_path(written)
        data = text.encode("utf-8")
        with self.lock:
            if os.path.lexists(path):
                raise _exists(written)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            confine(self.root, written)  # the folders just made are still inside
            with open(path, "xb") as out:
                out.write(data)
        return {"path": relative(self.root, path), "version": version_of(data)}

    def create_unique(self, folder: str, stem: str, text: str) -> dict[str, Any]:
        """A new plan `stem.qlm` in `folder` (relative, "" for the top), `stem-2.qlm` … if it exists."""
        for number in range(1, 1000):
            name = f"{stem}{PLAN_SUFFIX}" if number == 1 else f"{stem}-{number}{PLAN_SUFFIX}"
            written = f"{folder}/{name}" if folder else name
            try:
                return self.create(written, text)
            except Refused as refused:
                if refused.status != 409:
                    raise
        raise _exists(f"{stem}{PLAN_SUFFIX}")

    def rename(self, written: str, new: str) -> dict[str, Any]:
        path, target = self.plan_path(written), self.plan_path(new)
        with self.lock:
            if not os.path.isfile(path):
                raise Refused(404, Text(f"`{written}` does not exist", f"`{written}`不存在"))
            if os.path.lexists(target):
                raise _exists(new)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.rename(path, target)
        return {"path": relative(self.root, target)}


def _exists(written: str) -> Refused:
    return Refused(409, Text(f"`{written}` exists already", f"`{written}`已存在"))


def replace_atomically(path: str, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then put it in place in one step."""
    folder = os.path.dirname(path)
    mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else 0o644
    handle, temporary = tempfile.mkstemp(prefix=".qlm-save-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
