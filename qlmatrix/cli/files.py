"""Finding plan files, and writing outputs without harming what is already there.

`write_output` is the one way a command writes a file the user named (`-o`,
or the plans `qlm fmt` rewrites). What it does depends on what is at the path:

- nothing yet: a new file, the mode a plain `open()` would give it;
- a regular file: a temporary file in the same folder, then `os.replace`, so a
  failure never leaves a half-written file; the old file's mode and owner are
  kept. A file with more than one hard link, or one whose owner this process
  cannot give the new file, is written in place instead (see `_write_in_place`);
- a symlink: the same, to the file it points to; the link stays a link;
- a device, a FIFO, `/dev/stdout`, `/proc/self/fd/N`: opened and written, never
  replaced (replacing `/dev/null` with a regular file is not writing to it);
- a folder, a path whose folder is missing, or under a regular file: refused.

An output that is one of the command's inputs (the plan, a file it includes,
the document imported) is refused too: writing a table over the plan it comes
from loses the plan. Every refusal is an `OutputError`, whose message names the
path and the reason in English and Chinese; the commands print it and exit 2.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from typing import TYPE_CHECKING, NamedTuple

from ..errors import QlmError
from ..source import os_reason
from ..text import Text

if TYPE_CHECKING:
    from ..model import Plan

#: `/proc/<pid>/fd/<n>` (what `/dev/stdout`, `/dev/fd/1` and `/proc/self/fd/1` lead to): an open file
#: of a process, written through its descriptor rather than by path (see `_locate`).
_FD_ALIAS = re.compile(r"/proc/(\d+)(?:/task/\d+)?/fd/(\d+)")
#: Symlinks followed before giving up with ELOOP, as the kernel does (40).
_MAX_LINKS = 40



class OutputError(QlmError):
    """An output that cannot (or must not) be written; `message` says which and why."""


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


def warn_empty_folders(paths: list[str], lang: str) -> None:
    """A warning for each folder given that holds no .qlm file: a check of it passes, having read nothing."""
    from pathlib import Path

    from .render import warn

    for path in paths:
        if os.path.isdir(path) and next(iter(Path(path).rglob("*.qlm")), None) is None:
            warn(Text(f"no .qlm files in `{path}`", f"`{path}`中没有.qlm文件"), lang)


def plan_inputs(path: str, plan: Plan | None = None) -> list[str]:
    """The files a command reading the plan at `path` reads: the plan and, recursively, what it includes."""
    found = [path]
    if plan is not None:
        _included(plan, os.path.dirname(path), found)
    return found


def _included(plan: Plan, base: str, found: list[str]) -> None:
    # As qlmatrix.parser resolves an include: relative to the folder of the file that names it.
    for include in plan.includes():
        path = os.path.normpath(os.path.join(base, include.path))
        if path not in found:
            found.append(path)
            if include.plan is not None:
                _included(include.plan, os.path.dirname(path), found)


def reason(error: OSError) -> Text:
    """Why a file operation failed, in both languages (qlmatrix.source.os_reason), as a message continues."""
    why = os_reason(error)
    # The system's words start with a capital ("Permission denied"); after a colon, a message's do not.
    return Text(why.en[:1].lower() + why.en[1:], why.zh)


def cannot_write(path: str, why: Text | OSError) -> OutputError:
    why = reason(why) if isinstance(why, OSError) else why
    return OutputError(Text(f"cannot write `{path}`: {why.en}", f"无法写入`{path}`：{why.zh}"))


def _is_input(path: str) -> OutputError:
    return OutputError(Text(f"`{path}` is an input of this command and is not overwritten: give another -o",
                            f"`{path}`是本命令的输入文件，不能覆盖：请用 -o 指定另一个文件"))


def _same_as_input(path: str, given: str) -> OutputError:
    return OutputError(Text(f"`{path}` is the same file as the input `{given}` and is not overwritten: give another -o",
                            f"`{path}`与输入文件`{given}`是同一个文件，不能覆盖：请用 -o 指定另一个文件"))


def _error(code: int, path: str) -> OSError:
    return OSError(code, os.strerror(code), path)


def _resolve(path: str) -> str:
    """The path `path` leads to, every symlink followed (the last one too, unlike open(O_CREAT)'s view
    of a dangling one: its target is what gets created), but stopping at a process's open file
    (`/proc/<pid>/fd/<n>`), whose link text (`pipe:[123]`) is no path."""
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        folder, name = os.path.split(current)
        current = os.path.join(os.path.realpath(folder), name)
        if _FD_ALIAS.fullmatch(current) or not os.path.islink(current):
            return current
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    raise _error(errno.ELOOP, path)


class _Place(NamedTuple):
    """What is at an output path: `kind` is new, file, stream (a device, a FIFO) or fd (this process's own
    open file, written through the descriptor `fd`); `target` is the path after symlinks."""

    kind: str
    target: str
    status: os.stat_result | None = None
    fd: int = -1


def _unwritable(folder_or_file: str, path: str) -> OSError:
    """Why os.access said no: a read-only file system, or permissions."""
    with suppress(OSError):
        if os.statvfs(folder_or_file).f_flag & os.ST_RDONLY:
            return _error(errno.EROFS, path)
    return _error(errno.EACCES, path)


def _locate(path: str, inputs: Iterable[str]) -> _Place:
    """Where `path` leads and how to write there. Raises OutputError when it must not be written,
    OSError when the system says it cannot be."""
    if not path or path.endswith(("/", os.sep)) or os.path.basename(path) in (".", ".."):
        raise _error(errno.EISDIR, path)  # `-o out/` names a folder, even one not there yet
    target = _resolve(path)
    alias = _FD_ALIAS.fullmatch(target)
    if alias:
        pid, fd = int(alias[1]), int(alias[2])
        if pid == os.getpid():
            os.fstat(fd)  # EBADF when not open
            return _Place("fd", target, fd=fd)
        return _Place("stream", target)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        folder = os.path.dirname(target)
        try:
            if not stat.S_ISDIR(os.stat(folder).st_mode):
                raise _error(errno.ENOTDIR, path) from None
        except FileNotFoundError:
            # The folder as the user wrote it, unless a symlink led elsewhere.
            written = os.path.dirname(path)
            followed = os.path.realpath(os.path.dirname(os.path.abspath(path))) != folder
            shown = folder if followed or not written else written
            raise cannot_write(path, Text(f"the folder `{shown}` does not exist",
                                          f"文件夹`{shown}`不存在")) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise _unwritable(folder, path) from None
        return _Place("new", target)
    if stat.S_ISDIR(status.st_mode):
        raise _error(errno.EISDIR, path)
    for given in inputs:
        with suppress(OSError):
            if os.path.samefile(given, target):
                raise (_is_input(path) if os.path.abspath(given) == os.path.abspath(path)
                       else _same_as_input(path, given))
    if not stat.S_ISREG(status.st_mode):
        return _Place("stream", target, status)
    if not os.access(target, os.W_OK):
        # A read-only file is not replaced behind its back, although its folder would allow it.
        raise _unwritable(target, path)
    return _Place("file", target, status)


def check_output(path: str, inputs: Iterable[str] = ()) -> None:
    """Raise OutputError if `path` cannot or must not be written: before the work, so that it is not lost."""
    try:
        _locate(path, list(inputs))
    except OSError as error:
        raise cannot_write(path, error) from None


def write_output(path: str, data: str | bytes, inputs: Iterable[str] = ()) -> None:
    """Write `data` (text as UTF-8) to `path` as the module says; never over one of `inputs`.

    Raises OutputError, which says why in both languages; nothing is half-written at `path`
    (except in place, see `_write_in_place`).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        place = _locate(path, list(inputs))
    except OSError as error:
        raise cannot_write(path, error) from None
    try:
        if place.kind == "fd":
            _write_descriptor(place.fd, payload)
        elif place.kind == "stream":
            _write_stream(place.target, payload, append=_FD_ALIAS.fullmatch(place.target) is not None)
        elif place.status is not None and place.status.st_nlink > 1:
            # Hard links: os.replace would give this name a new file and leave every other name with
            # the old content. Writing the one file in place updates them all.
            _write_in_place(place.target, payload)
        else:
            _replace(place.target, payload, place.status)
    except BrokenPipeError:
        if place.kind == "fd" and place.fd == 1:
            raise  # `-o /dev/stdout | head`: as for standard output (qlmatrix.cli.main)
        raise cannot_write(path, _error(errno.EPIPE, path)) from None
    except OSError as error:
        raise cannot_write(path, error) from None


def check_folder(path: str) -> None:
    """Raise OutputError if the folder `path` is not there and cannot be created (ensure_folder's
    errors, before the work)."""
    if os.path.exists(path):
        if not os.path.isdir(path):
            regular = os.path.isfile(path)
            raise OutputError(Text(f"cannot write into `{path}`: it is {'a file, ' * regular}not a folder",
                                   f"无法写入`{path}`：{'它是一个文件，' if regular else '它'}不是文件夹"))
        return
    parent = os.path.dirname(os.path.abspath(path))
    while not os.path.exists(parent) and os.path.dirname(parent) != parent:
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent):
        raise _cannot_create(path, _error(errno.ENOTDIR, path))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _cannot_create(path, _unwritable(parent, path))


def ensure_folder(path: str) -> None:
    """Create the folder `path` (and its parents) if missing. Raises OutputError (a file is there, ...)."""
    check_folder(path)
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        raise _cannot_create(path, error) from None


def _cannot_create(path: str, error: OSError) -> OutputError:
    why = reason(error)
    return OutputError(Text(f"cannot create the folder `{path}`: {why.en}", f"无法创建文件夹`{path}`：{why.zh}"))


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]


def _write_descriptor(fd: int, payload: bytes) -> None:
    # `-o /dev/stdout`: through the open descriptor, which shares its offset with what the shell
    # opened (`>`, `>>`, a pipe, a socket), after what Python has buffered for it.
    for stream in (sys.stdout, sys.stderr):
        with suppress(AttributeError, ValueError, OSError):
            if stream.fileno() == fd:
                stream.flush()
    _write_all(fd, payload)


def _write_stream(target: str, payload: bytes, append: bool) -> None:
    # A device or a FIFO: opened, not created or truncated (opening a FIFO waits for its reader, as
    # `echo > fifo` does). Another process's open file is appended to, which destroys nothing.
    fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | (os.O_APPEND if append else 0))
    try:
        _write_all(fd, payload)
    finally:
        os.close(fd)


def _write_in_place(target: str, payload: bytes) -> None:
    """Overwrite the file itself: every hard link sees the new content, and mode, owner, ACLs stay.

    Not atomic, so space is reserved first (posix_fallocate) where the file system can: a full disk
    then fails before a byte is changed. The old content is overwritten from the start and the file
    cut to the new length at the end, so there is no moment when it is empty.
    """
    fd = os.open(target, os.O_WRONLY | os.O_NOCTTY)
    try:
        size = os.fstat(fd).st_size
        allocate = getattr(os, "posix_fallocate", None)
        if allocate is not None and len(payload) > size:
            try:
                allocate(fd, 0, len(payload))
            except OSError as error:
                if error.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                    with suppress(OSError):
                        os.ftruncate(fd, size)  # what the reservation added: the old bytes are untouched
                    raise
        _write_all(fd, payload)
        os.ftruncate(fd, len(payload))
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replace(target: str, payload: bytes, old: os.stat_result | None) -> None:
    folder = os.path.dirname(target)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".qlm-", suffix=".tmp")
    except PermissionError:
        if old is None:
            raise
        # The file may be written but its folder not: the file itself it is.
        _write_in_place(target, payload)
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            if old is None:
                # mkstemp creates the file 0600; give it the mode a plain open() would have.
                os.fchmod(stream.fileno(), 0o666 & ~_umask())
            elif not _keep_owner(stream.fileno(), old):
                # The new file would change hands (a shared file of another user): keep the file instead.
                stream.close()
                os.unlink(temporary)
                _write_in_place(target, payload)
                return
            else:
                # After the chown, which clears set-user-ID bits.
                os.fchmod(stream.fileno(), stat.S_IMODE(old.st_mode))
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _keep_owner(fd: int, old: os.stat_result) -> bool:
    """Give the file `fd` the owner and group of `old`; False when this process may not."""
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return True
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except PermissionError:
        return False
    return True
