#!/usr/bin/env bash
# The main job on the bundled example: check the plan and render it into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
plan="${1:-examples/xianning-gaoxin.qlm}"
out="${2:-out}"
.venv/bin/qlm check "$plan" || true   # findings are part of the demo, not a failure
.venv/bin/qlm export "$plan" --format json -o "$out/plan.json"
echo "wrote $out/plan.json"
