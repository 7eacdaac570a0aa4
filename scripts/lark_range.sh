#!/usr/bin/env bash
# Run the parser's tests against the oldest and the newest lark that pyproject.toml allows
# (lark>=1.2,<2): the fast path (qlmatrix/parser/lalr.py, fast.py) reads lark's compiled
# grammar through its public API, and must give lark's own results with every release.
#
#   bash scripts/lark_range.sh             # oldest (1.2.1) and newest 1.x
#   bash scripts/lark_range.sh 1.2.2       # given versions
#
# Each version is installed into its own folder under /tmp and put first on PYTHONPATH;
# the project's .venv is not changed. Exit status 1 if any run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
  versions=(1.2.1 "<2")
fi
status=0
for version in "${versions[@]}"; do
  folder="$(mktemp -d /tmp/qlm-lark-XXXXXX)"
  .venv/bin/python -m pip install -q --no-deps --target "$folder" "lark==${version#==}" 2>/dev/null \
    || .venv/bin/python -m pip install -q --no-deps --target "$folder" "lark${version}"
  found="$(PYTHONPATH="$folder" .venv/bin/python -c 'import lark; print(lark.__version__)')"
  echo "lark $found:" >&2
  # A cache folder of its own: lark's cached tables and ours are keyed by lark's version anyway.
  if ! XDG_CACHE_HOME="$folder/cache" PYTHONPATH="$folder" .venv/bin/python -m pytest -q -p no:cacheprovider \
      tests/test_fast_path.py tests/test_gen.py tests/test_workspace.py tests/test_language.py tests/test_fuzz_corpus.py; then
    status=1
  fi
  rm -rf "$folder"
done
exit $status
