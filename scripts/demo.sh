#!/usr/bin/env bash
# The main job on the bundled example: check the plan and render it into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
plan="${1:-examples/xianning-gaoxin.qlm}"
out="${2:-out}"
# Findings (exit 1) are part of the demo; an unreadable plan or a usage error (exit 2) stops it.
status=0
.venv/bin/qlm check "$plan" || status=$?
[ "$status" -le 1 ] || exit "$status"
# The findings were just shown: render anyway (without --allow-errors an erroneous plan exits 1).
.venv/bin/qlm render "$plan" -o "$out" --allow-errors   # every table format, both diagrams as SVG and PNG
.venv/bin/qlm export "$plan" --format json -o "$out/plan.json" --allow-errors
echo "wrote $out/plan.json"
