"""Reading the files a user names: one place for plans (parser, fmt) and documents (importer).

`read_bytes` is the only function that opens a file the user asked qlmatrix
to read; `read_source` decodes a plan (UTF-8, a byte-order mark allowed) and
says where it is not UTF-8.
"""

from __future__ import annotations

import errno
import os
import stat

from . import limits
from .diagnostics import Diagnostic
from .span import Span
from .text import Text

#: What the operating system said, for a Chinese reader too (its own words are English here).
_OS_REASONS = {
    errno.ENOENT: "没有该文件或目录",
    errno.EACCES: "权限不足",
    errno.EPERM: "不允许的操作",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接层数过多",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.EEXIST: "文件已存在",
    errno.EPIPE: "管道的读取端已关闭",
    errno.ENXIO: "没有该设备或地址",
    errno.EBADF: "文件描述符无效",
    errno.EBUSY: "设备或资源忙",
    errno.ETXTBSY: "文件正被执行",
    errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件过大",
    errno.EIO: "输入/输出错误",
}


def os_reason(error: OSError) -> Text:
    """Why a file operation failed, in English (the system's words) and Chinese."""
    english = error.strerror or str(error)
    if isinstance(error, NotARegularFile):
        return Text(english, "不是普通文件")
    if isinstance(error, FileTooLarge):
        return Text(english, f"超过{limits.MAX_FILE_BYTES // 2**20} MB")
    return Text(english, _OS_REASONS.get(error.errno or 0, english))

BOM = "\ufeff"


class NotARegularFile(OSError):
    """A FIFO, device or folder where a file was expected: reading it could hang or never end."""


class FileTooLarge(OSError):
    """More bytes than qlmatrix.limits.MAX_FILE_BYTES."""


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (default qlmatrix.limits.MAX_FILE_BYTES).

    Raises OSError: NotARegularFile for a FIFO, device or folder (`/dev/zero` never ends, a FIFO
    may never be written), FileTooLarge past the limit, or the system's own error.
    """
    limit = limits.MAX_FILE_BYTES if limit is None else limit
    # Opened without blocking, so that a FIFO nobody writes cannot hang the open itself.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(errno.EFBIG, f"larger than {limit // 2**20} MB")
    return data


def read_source(path: str | os.PathLike[str]) -> tuple[str | None, Diagnostic | None]:
    """A plan file's text, a byte-order mark kept, or why it cannot be had: E011 (unreadable) or E009
    (not UTF-8, with the line and column of the first bad byte)."""
    name = str(path)
    try:
        data = read_bytes(name)
    except OSError as error:
        return None, Diagnostic("E011", None, args={"path": name, "reason": os_reason(error)})
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        # Columns count characters, as an editor does: the line's bytes before the bad one are valid UTF-8.
        column = len(data[data.rfind(b"\n", 0, error.start) + 1: error.start].decode("utf-8")) + 1
        span = Span(name, line, column, line, column + 1)
        return None, Diagnostic("E009", span, args={"offset": str(error.start)}, help="encoding")
