"""Every limit qlmatrix puts on its input, in one place (docs/security.md says what each protects).

A plan may come from anyone (a pull request checked in CI, a file sent by
e-mail), so reading one is bounded in time, memory and reach. Each limit has
its own diagnostic, placed at the thing that exceeds it.
"""

from __future__ import annotations

#: Bytes of one plan file, and of a plan and all the files it includes together (E019).
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PLAN_BYTES = 256 * 1024 * 1024
#: Files a plan may include, directly or not (E019), and how deep includes may nest (E018).
MAX_INCLUDED_FILES = 1000
MAX_INCLUDE_DEPTH = 32
#: How deep blocks `{ … }` may nest in one file (E016): real plans nest three or four deep.
MAX_NESTING = 64
#: Tasks `qlm gen` makes at most: ten times the largest benchmark plan.
MAX_GENERATED_TASKS = 1_000_000
