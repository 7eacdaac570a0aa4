"""The HTTP side of `qlm serve`: the security rules, the page's files, and the JSON API.

Standard library only (http.server's ThreadingHTTPServer): the server answers
one planner on their own machine, so it needs no framework, and the wheel
gains no dependency. Every request passes `security` first; plan work goes
to the worker process (`worker`), file work to `folder`.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from ..limits import MAX_REQUEST_BYTES
from ..text import Text
from .folder import PlanFolder
from .rulepage import rule_page
from .security import TOKEN_COOKIE, TOKEN_HEADER, Refused, check_host, check_origin, confine, new_token, same_token
from .worker import JobFailed, Worker

STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}
DOWNLOAD_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8",
                  "html": "text/html; charset=utf-8", "json": "application/json", "svg": "image/svg+xml",
                  "png": "image/png", "pdf": "application/pdf", "dot": "text/vnd.graphviz; charset=utf-8"}
#: Scripts only from this server; CodeMirror writes its styles into <style> elements.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
IMPORTABLE = (".txt", ".md", ".docx")


def _static_files() -> dict[str, bytes]:
    """The page's files, read once from the package (nothing is fetched from the internet)."""
    folder = resources.files("qlmatrix.serve") / "static"
    return {entry.name: entry.read_bytes() for entry in folder.iterdir() if entry.is_file()}


class Workbench(ThreadingHTTPServer):
    """The server of one folder: its token, its plans, and the worker that checks and renders them."""

    daemon_threads = True

    def __init__(self, folder: str, port: int = 0, host: str = "127.0.0.1", worker: Worker | None = None,
                 token: str | None = None) -> None:
        self.plans = PlanFolder(folder)
        self.token = token or new_token()
        self.worker = worker or Worker()
        self.static = _static_files()
        super().__init__((host, port), Handler)
        self.worker.start()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def server_close(self) -> None:
        super().server_close()
        self.worker.close()


class Handler(BaseHTTPRequestHandler):
    """One request: the security rules first (Host, Origin, token), then the page's files or the API."""

    server: Workbench
    protocol_version = "HTTP/1.1"
    #: TCP_NODELAY: an answer goes out as its headers, then its body; with Nagle's algorithm the body
    #: waits for the peer to acknowledge the headers, which it delays (up to 40 ms on Linux) on every request.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal shows the address and errors, not every keystroke's request

    # Dispatch.

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = {key: values[-1] for key, values in urllib.parse.parse_qs(url.query).items()}
        try:
            check_host(self.headers.get("Host"), self.server.port)
            check_origin(self.headers.get("Origin"), self.server.port)
            if url.path.startswith("/api/"):
                if not same_token(self.headers.get(TOKEN_HEADER), self.server.token):
                    raise _no_token()
                self._api(method, url.path[len("/api/"):], query)
            elif method == "GET":
                self._page(url.path, query)
            else:
                raise Refused(405, Text("only the API takes POST", "只有 API 接受 POST 请求"))
        except Refused as refused:
            self.close_connection = True  # a body may be left unread: the connection is not reused
            self._error(refused.status, refused.reason, refused.details)
        except JobFailed as failed:
            self._error(failed.status, failed.reason, {})

    def _page(self, path: str, query: dict[str, str]) -> None:
        given = query.get("token") or self._cookie()
        if not same_token(given, self.server.token):
            raise _no_token()
        if path == "/":
            page = self.server.static["index.html"].decode("utf-8").replace("{{TOKEN}}", self.server.token)
            cookie = f"{TOKEN_COOKIE}={self.server.token}; Path=/; HttpOnly; SameSite=Strict"
            self._send(200, page.encode("utf-8"), STATIC_TYPES[".html"], {"Set-Cookie": cookie})
        elif path.startswith("/static/") and path[len("/static/"):] in self.server.static:
            name = path[len("/static/"):]
            self._send(200, self.server.static[name], STATIC_TYPES.get(os.path.splitext(name)[1], "text/plain"))
        elif path.startswith("/rule/"):
            code = path[len("/rule/"):]
            lang = "en" if query.get("lang") == "en" else "zh"
            found = self.server.worker.call("rule", {"code": code, "lang": lang})
            if found["markdown"] is None:
                raise Refused(404, Text(f"no rule `{code}`", f"没有规则`{code}`"))
            self._send(200, rule_page(code, found["markdown"], lang).encode("utf-8"), STATIC_TYPES[".html"])
        else:
            raise Refused(404, Text(f"nothing at `{path}`", f"`{path}`不存在"))

    def _cookie(self) -> str | None:
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == TOKEN_COOKIE:
                return value
        return None

    # The API.

    def _api(self, method: str, name: str, query: dict[str, str]) -> None:
        plans = self.server.plans
        if method == "GET":
            if name == "files":
                return self._json({"folder": os.path.basename(plans.root), "plans": plans.listing()})
            if name == "file":
                return self._json(plans.read(query.get("path", "")))
            if name == "keywords":
                return self._json(_keywords())
            raise Refused(404, Text(f"no API `{name}`", f"没有 API`{name}`"))
        if name == "import":
            return self._import(query)
        body = self._json_body()
        if name == "save":
            return self._json(plans.save(_text(body, "path"), _text(body, "text"), _text(body, "version")))
        if name == "create":
            return self._json(plans.create(_text(body, "path"), body.get("text") or ""))
        if name == "rename":
            return self._json(plans.rename(_text(body, "path"), _text(body, "new_path")))
        if name == "compare":  # the file on disk against the page's text, diffed in the worker (bounded time)
            disk = plans.read(_text(body, "path"))
            rows = self.server.worker.call("compare", {"disk": disk["text"], "mine": _text(body, "text")})
            return self._json({"path": disk["path"], "version": disk["version"], "rows": rows})
        jobs = {"analyse": "analyse", "hover": "hover", "complete": "complete", "views": "views",
                "download": "download"}
        if name not in jobs:
            raise Refused(404, Text(f"no API `{name}`", f"没有 API`{name}`"))
        request = dict(body, path=plans.plan_path(_text(body, "path")), folder=plans.root)
        answer = self.server.worker.call(jobs[name], request)
        if name != "download":
            return self._json(answer)
        fmt = str(body.get("format"))
        quoted = urllib.parse.quote(answer["name"])
        self._send(200, answer["data"], DOWNLOAD_TYPES.get(fmt, "application/octet-stream"),
                   {"Content-Disposition": f"attachment; filename*=UTF-8''{quoted}"})

    def _import(self, query: dict[str, str]) -> None:
        name = os.path.basename(query.get("name", ""))
        if not name.lower().endswith(IMPORTABLE):
            raise Refused(400, Text("drop a .txt, .md or .docx document to import it",
                                    "请拖入 .txt、.md 或 .docx 文档以导入"))
        folder = query.get("folder", "")
        if folder:
            confine(self.server.plans.root, folder)
        data = self._body()
        found = self.server.worker.call("import", {"name": name, "data": data})
        stem = os.path.splitext(name)[0] or "plan"
        created = self.server.plans.create_unique(folder, stem, found.pop("text"))
        self._json(dict(found, **created))

    # Bodies and answers.

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise Refused(411, Text("a request body needs a Content-Length", "请求体需要 Content-Length"))
        if int(length) > MAX_REQUEST_BYTES:
            megabytes = MAX_REQUEST_BYTES // 2**20
            raise Refused(413, Text(f"a request may send at most {megabytes} MB", f"单个请求最多 {megabytes} MB"))
        return self.rfile.read(int(length))

    def _json_body(self) -> dict[str, Any]:
        try:
            body = json.loads(self._body().decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise Refused(400, Text("the request body is not JSON", "请求体不是 JSON")) from error
        if not isinstance(body, dict):
            raise Refused(400, Text("the request body is not a JSON object", "请求体不是 JSON 对象"))
        return body

    def _json(self, value: Any, status: int = 200) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _error(self, status: int, reason: Text, details: dict[str, object]) -> None:
        self._json({"error": {"en": reason.en, "zh": reason.zh}, **details}, status)

    def _send(self, status: int, data: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in {**SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)


def _no_token() -> Refused:
    return Refused(403, Text("open the address `qlm serve` printed (it carries this run's token)",
                             "请打开 `qlm serve` 打印的地址（其中带有本次运行的令牌）"))


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise Refused(400, Text(f"the request needs `{name}` as text", f"请求缺少文本字段`{name}`"))
    return value


def _keywords() -> dict[str, Any]:
    """The vocabulary the page's highlighter is built from (qlmatrix.keywords, both languages)."""
    from ..keywords import ANNOTATION_LABELS, PROPERTIES, STATEMENTS, UNIT_KINDS

    return {"statements": sorted({word for pair in STATEMENTS.values() for word in pair}),
            "properties": sorted({word for forms in PROPERTIES.values() for group in forms for word in group}),
            "kinds": sorted({word for words in UNIT_KINDS.values() for word in words}),
            "labels": sorted(ANNOTATION_LABELS)}
