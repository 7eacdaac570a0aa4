"""`qlm serve`: a workbench in the browser over the plans of one folder, on this machine only.

    server = Workbench("plans/")      # binds 127.0.0.1 on a free port
    print(server.url)                 # http://127.0.0.1:PORT/?token=...
    server.serve_forever()

`app` is the HTTP side (standard library http.server) and applies the rules
of `security` to every request; `folder` lists, reads and saves plans (a save
only over the version that was read); `worker` runs the plan work (checks,
hover, completion, tables, diagrams, imports: `jobs`) in a separate process
with a timeout. The page is `static/` (built from web/, see docs/workbench.md).
"""

from __future__ import annotations

from .app import Workbench
from .worker import Worker

__all__ = ["Workbench", "Worker"]
