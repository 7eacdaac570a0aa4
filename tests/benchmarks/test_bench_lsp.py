"""`qlm lsp`: from an edit sent by the client to the diagnostics published for it, over stdio.

The server runs as an editor runs it (`python -m qlmatrix lsp`, the default debounce); a small
JSON-RPC client here sends one keystroke (a character typed into a task's body, then deleted,
so the plan stays the same size) and waits for the file's next `publishDiagnostics`. The time
includes the debounce, a full re-read and check of the plan, and both ways over the pipe.

    .venv/bin/python -m pytest tests/benchmarks/test_bench_lsp.py --benchmark-enable
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
from typing import Any

import pytest

TIMEOUT = 60.0  # seconds without a message before the client gives up (a hung server fails, never hangs)


class Client:
    """Just enough of an LSP client: framed JSON-RPC over the server's standard input and output."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "qlmatrix", "lsp"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return ident

    def receive(self) -> dict[str, Any]:
        stream = self.process.stdout
        assert stream is not None
        ready, _, _ = select.select([stream], [], [], TIMEOUT)
        if not ready:
            raise TimeoutError("the server sent nothing")
        length = 0
        while True:
            line = stream.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        found: dict[str, Any] = json.loads(stream.read(length))
        return found

    def request(self, method: str, params: Any) -> Any:
        ident = self.send(method, params, request=True)
        while True:
            message = self.receive()
            if message.get("id") == ident and "method" not in message:
                return message.get("result")

    def diagnostics_for(self, uri: str) -> list[dict[str, Any]]:
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                found: list[dict[str, Any]] = message["params"]["diagnostics"]
                return found

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.send("exit", None)
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def session(sample):
    client = Client()
    folder = sample.path.parent.as_uri()
    client.request("initialize", {"processId": None, "rootUri": folder, "capabilities": {},
                                  "workspaceFolders": [{"uri": folder, "name": "bench"}]})
    client.send("initialized", {})
    uri = sample.path.as_uri()
    client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "qlm", "version": 1,
                                                          "text": sample.text}})
    first = client.diagnostics_for(uri)
    yield client, uri, sample.text, first
    client.close()


def test_diagnostics_after_an_edit(benchmark, session):
    client, uri, text, first = session
    lines = text.split("\n")
    line = next(number for number, written in enumerate(lines) if "(责任单位:" in written)
    body = lines[line].index("。") + 1  # typing into a task's body, after its title
    column = len(lines[line][:body].encode("utf-16-le")) // 2  # in UTF-16 units
    version = [1]

    def keystroke() -> list[dict[str, Any]]:
        version[0] += 1
        typed = version[0] % 2 == 0  # type a character, then delete it
        end = column + (0 if typed else 1)
        change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": end}},
                  "text": "好" if typed else ""}
        client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version[0]},
                                               "contentChanges": [change]})
        return client.diagnostics_for(uri)

    found = benchmark.pedantic(keystroke, rounds=20, iterations=1, warmup_rounds=2)
    assert first and len(found) == len(first)  # the generator plants problems; a word in a body adds none
