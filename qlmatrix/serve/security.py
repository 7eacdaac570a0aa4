"""The rules every request of `qlm serve` passes before anything is read or run.

- a per-run token (`secrets.token_urlsafe`), compared in constant time: in the
  address the command prints (`?token=`), then in a cookie for the page's own
  files and in the `X-Qlm-Token` header for the API (a page of another site can
  send neither: the cookie is SameSite=Strict, and a custom header needs a CORS
  preflight this server never answers);
- a Host header naming the local address and port, so a DNS-rebinding page
  (evil.example resolving to 127.0.0.1) is refused, and an Origin, when sent,
  that is this server's own;
- paths inside the folder only: a relative path with no `..`, no absolute or
  drive prefix, no backslash or NUL, whose real path (symlinks resolved) is
  still inside the folder's real path.
"""

from __future__ import annotations

import os
import secrets

from ..text import Text

TOKEN_HEADER = "X-Qlm-Token"
TOKEN_COOKIE = "qlm_token"
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


class Refused(Exception):
    """A request refused: the HTTP status, and why in both languages."""

    def __init__(self, status: int, reason: Text, **details: object) -> None:
        super().__init__(reason.en)
        self.status = status
        self.reason = reason
        self.details = details


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(given: str | None, token: str) -> bool:
    return given is not None and secrets.compare_digest(given.encode("utf-8", "replace"), token.encode())


def check_host(host: str | None, port: int) -> None:
    """The Host header must be this server's local address and port (DNS rebinding sends another name)."""
    allowed = {f"{name}:{port}" for name in LOCAL_NAMES}
    if host is None or host.strip().lower() not in allowed:
        raise Refused(421, Text(f"this server answers only to 127.0.0.1:{port} or localhost:{port}, not `{host}`",
                                f"本服务只响应 127.0.0.1:{port} 或 localhost:{port}，不响应`{host}`"))


def check_origin(origin: str | None, port: int) -> None:
    """A browser names the page a request comes from: it must be one of this server's addresses."""
    if origin is None:
        return
    if origin.strip().lower() not in {f"http://{name}:{port}" for name in LOCAL_NAMES}:
        raise Refused(403, Text(f"requests from `{origin}` are refused: only this server's own page may call it",
                                f"拒绝来自`{origin}`的请求：只有本服务自己的页面可以调用"))


def outside(written: str) -> Refused:
    return Refused(403, Text(f"`{written}` is outside the folder being served", f"`{written}`不在所服务的文件夹内"))


def confine(folder: str, written: str) -> str:
    """The real path of `written` (relative, `/`-separated) inside the real path `folder`, or Refused."""
    if not isinstance(written, str) or not written or "\x00" in written or "\\" in written:
        raise outside(str(written))
    if written.startswith("/") or os.path.isabs(written) or os.path.splitdrive(written)[0]:
        raise outside(written)
    parts = written.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise outside(written)
    found = os.path.realpath(os.path.join(folder, *parts))
    if not inside(folder, found):
        raise outside(written)
    return found


def inside(folder: str, path: str) -> bool:
    return path != folder and path.startswith(folder.rstrip(os.sep) + os.sep)


def relative(folder: str, path: str) -> str:
    return os.path.relpath(path, folder).replace(os.sep, "/")
