"""The plan work of `qlm serve` runs in a separate process, so a plan that hangs it cannot hang the server.

A thread cannot be stopped in Python; a process can. The server sends each
job (qlmatrix.serve.jobs) to one worker process over a pipe and waits at most
`timeout` seconds: past that it kills the worker, answers with an error, and
starts a new worker for the next job. Jobs run one at a time (a planner's
page sends a few a second, debounced), which also bounds the memory one
server takes. The worker is started with `spawn`, never forked from the
server's threads.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import attrs

from ..errors import QlmError
from ..text import Text

#: Seconds a job may take before the worker is stopped (a 10k-task plan checks and renders in ~5 s).
JOB_TIMEOUT = 30.0
#: Seconds a new worker may take to import qlmatrix and say it is ready.
START_TIMEOUT = 120.0

Runner = Callable[[str, dict[str, Any]], Any]


@attrs.frozen
class Then:
    """A job's answer, and what the worker does right after sending it: the pane the page is about to ask
    for is made while the checks' answer travels to the page (the time it takes counts towards the next
    job's timeout, so a plan that hangs it is stopped as any other)."""

    answer: Any
    then: Callable[[], None]


class JobFailed(Exception):
    """A job that gave no answer: the HTTP status and why, in both languages."""

    def __init__(self, status: int, reason: Text) -> None:
        super().__init__(reason.en)
        self.status = status
        self.reason = reason


def _serve(connection: Connection, runner: Runner) -> None:
    """The worker's loop: a job in, ("ok", answer) or ("refused", en, zh) or ("failed", what) out."""
    connection.send(("ready",))
    while True:
        try:
            name, request = connection.recv()
        except EOFError:
            return
        try:
            answer = runner(name, request)
        except QlmError as error:
            connection.send(("refused", error.message.en, error.message.zh))
            continue
        except (ValueError, KeyError, TypeError) as error:
            connection.send(("refused", str(error), str(error)))
            continue
        except Exception as error:  # a bug: said to the page, and the worker keeps serving
            connection.send(("failed", f"{type(error).__name__}: {error}"))
            continue
        connection.send(("ok", answer.answer if isinstance(answer, Then) else answer))
        if isinstance(answer, Then):
            try:
                answer.then()
            except Exception:  # made ahead only: the page asks for it and is told why then
                pass


def default_runner(name: str, request: dict[str, Any]) -> Any:
    from . import jobs

    return jobs.run(name, request)


class Worker:
    def __init__(self, runner: Runner = default_runner, timeout: float = JOB_TIMEOUT) -> None:
        self.runner = runner
        self.timeout = timeout
        self.lock = threading.Lock()
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.connection: Connection | None = None

    def start(self) -> None:
        with self.lock:
            self._ensure()

    def _ensure(self) -> Connection:
        if self.connection is not None and self.process is not None and self.process.is_alive():
            return self.connection
        self._stop()
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.runner), daemon=True,
                                       name="qlm-serve-worker")
        process.start()
        theirs.close()
        try:
            started = mine.poll(START_TIMEOUT) and mine.recv() == ("ready",)
        except (EOFError, OSError):
            started = False
        if not started:
            process.kill()
            mine.close()
            raise JobFailed(503, Text("the plan worker did not start", "计划处理进程未能启动"))
        self.process, self.connection = process, mine
        return mine

    def call(self, name: str, request: dict[str, Any]) -> Any:
        with self.lock:
            connection = self._ensure()
            try:
                connection.send((name, request))
                answered = connection.poll(self.timeout)
                reply = connection.recv() if answered else None
            except (EOFError, OSError):
                self._stop()
                raise JobFailed(500, Text("the plan worker stopped unexpectedly; it has been restarted",
                                          "计划处理进程意外退出，已重新启动")) from None
            if reply is None:
                self._stop()
                seconds = f"{self.timeout:g}"
                raise JobFailed(504, Text(f"checking this plan took longer than {seconds} s and was stopped",
                                          f"检查此计划超过 {seconds} 秒，已中止"))
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "refused":
            raise JobFailed(422, Text(reply[1], reply[2]))
        raise JobFailed(500, Text(f"the plan worker failed: {reply[1]}", f"计划处理出错：{reply[1]}"))

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
        if self.connection is not None:
            self.connection.close()
        self.process, self.connection = None, None

    def close(self) -> None:
        with self.lock:
            self._stop()
