"""Shared by the `qlm serve` tests: a workbench on an ephemeral port over a folder of small plans."""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qlmatrix.serve import Workbench, Worker

PLAN = """\
单位 纪监委
单位 组织部 { 别名: 组织部门 }
单位 宣传部

章 一、总则 {
  任务 (一) 严格督查问责 {
    牵头: 纪监委
    配合: 组织部
    监督: 宣传部
  }
}

引入 "carrier.qlm"
"""
CARRIER = """\
章 二、载体 {
  任务 (二) 开展廉洁教育 {
    牵头: 宣传部
    监督: 纪监委
  }
}
"""


def write_plans(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.qlm").write_text(PLAN, encoding="utf-8")
    (folder / "carrier.qlm").write_text(CARRIER, encoding="utf-8")
    return folder


@contextlib.contextmanager
def running(folder: Path, worker: Worker | None = None) -> Iterator[Workbench]:
    server = Workbench(str(folder), 0, worker=worker)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def request(server: Workbench, method: str, path: str, body: bytes | dict[str, Any] | None = None,
            headers: dict[str, str] | None = None, token: bool = True,
            host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request over a real connection; the token header and a local Host unless told otherwise."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    sent = dict(headers or {})
    if token:
        sent.setdefault("X-Qlm-Token", server.token)
    data = json.dumps(body).encode("utf-8") if isinstance(body, dict) else body
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host or f"127.0.0.1:{server.port}")
    for name, value in sent.items():
        connection.putheader(name, value)
    if data is not None:
        connection.putheader("Content-Length", str(len(data)))
    connection.endheaders(data)  # headers and body in one write, as a browser sends them (no Nagle stall)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, payload


def api(server: Workbench, name: str, body: dict[str, Any] | None = None, **kwargs: Any) -> tuple[int, Any]:
    method = "GET" if body is None else "POST"
    status, _, payload = request(server, method, f"/api/{name}", body, **kwargs)
    return status, json.loads(payload)


def wait_for(predicate: Any, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def text_change(before: str, after: str) -> dict[str, Any]:
    """What the page sends for an edit: where `after` differs from `before`, in UTF-16 code units as the
    browser counts (web/src/checks.js `change`); compared a block at a time, as fast as the page does."""
    limit = min(len(before), len(after))
    start = 0
    while start + 4096 <= limit and before[start:start + 4096] == after[start:start + 4096]:
        start += 4096
    while start < limit and before[start] == after[start]:
        start += 1
    tail = 0
    while tail + 4096 <= limit - start and \
            before[len(before) - tail - 4096:len(before) - tail] == after[len(after) - tail - 4096:len(after) - tail]:
        tail += 4096
    while tail < limit - start and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]:
        tail += 1

    def units(text: str) -> int:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2

    return {"start": units(before[:start]), "end": units(before[:len(before) - tail]),
            "insert": after[start:len(after) - tail]}
