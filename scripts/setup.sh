#!/usr/bin/env bash
# Set up everything qlmatrix needs on a fresh Debian machine (Python >= 3.11, root):
# Graphviz, a CJK font, Chromium, LibreOffice (headless Writer and Calc) and poppler from apt when missing, and a virtualenv in .venv
# with qlmatrix and its extras installed. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
# Graphviz draws boxes instead of Chinese (and exits 0) without a CJK font: check for one.
[ -n "$(fc-list :lang=zh 2>/dev/null | grep -i 'Noto Sans CJK' || true)" ] || need_apt+=(fonts-noto-cjk fontconfig)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The DOCX and XLSX tests convert to PDF with LibreOffice (headless Writer and Calc: each is its own
# package, and its library is how to tell it is there) and read the PDF back with poppler.
office=/usr/lib/libreoffice/program
[ -e "$office/libswlo.so" ] || need_apt+=(libreoffice-writer-nogui)
[ -e "$office/libsclo.so" ] || need_apt+=(libreoffice-calc-nogui)
{ command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 || need_apt+=(poppler-utils)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} with apt-get" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    # Debian's own python3 keeps venv (and ensurepip) in a separate package.
    rm -rf .venv
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    "$PYTHON" -m venv .venv
  fi
fi

# Reinstall only when the project's metadata changed.
stamp=".venv/.qlmatrix-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing qlmatrix and its extras into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[all,test]"
  echo "$want" > "$stamp"
fi

# The VS Code extension's npm packages (grammar tests, .vsix packaging; tests/test_vscode_extension.py),
# from editors/vscode/package-lock.json: installed when missing or when the lock file changed.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing npm with apt-get" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
npm_stamp="editors/vscode/node_modules/.qlmatrix-lock"
npm_want="$(sha256sum editors/vscode/package-lock.json | cut -d' ' -f1)"
if [ ! -f "$npm_stamp" ] || [ "$(cat "$npm_stamp")" != "$npm_want" ]; then
  echo "setup: installing editors/vscode's npm packages" >&2
  (cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error)
  echo "$npm_want" > "$npm_stamp"
fi

# The workbench page's npm packages (qlm serve; web/package-lock.json): only to rebuild
# qlmatrix/serve/static/workbench.js, which is committed so the wheel and CI need no node.
# tests/test_serve_bundle.py rebuilds it with these and compares.
web_stamp="web/node_modules/.qlmatrix-lock"
web_want="$(sha256sum web/package-lock.json | cut -d' ' -f1)"
if [ ! -f "$web_stamp" ] || [ "$(cat "$web_stamp")" != "$web_want" ]; then
  echo "setup: installing web/'s npm packages" >&2
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  echo "$web_want" > "$web_stamp"
fi
