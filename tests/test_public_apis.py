"""No private attribute or module of a dependency or of the standard library anywhere in qlmatrix/.

A name starting with one underscore is private by Python's convention. Inside
our own package such names are ours to use; what this test refuses is reaching
into someone else's: `cell._tc`, a subclass calling an inherited `self._write_row`,
`import _sre`, `from lark.parsers.lalr_analysis import Shift`. The rule is
mechanical: an `obj._name` is allowed only when `_name` is defined somewhere in
qlmatrix itself (an assignment, a def, a class, a slot or a parameter), so an
attribute we did not define can only be someone else's.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "qlmatrix"

#: Modules of dependencies that are implementation, not API, although their names carry no underscore.
INTERNAL_MODULES = ("lark.parsers", "lark.lexer", "lark.grammar", "lark.load_grammar",
                    "lark.parse_tree_builder", "lark.parser_frontends", "lark.common", "lark.utils",
                    "docx.oxml", "sre_compile", "sre_parse", "sre_constants")


#: Public names that start with an underscore: namedtuple's documented methods (the underscore keeps
#: them apart from field names).
PUBLIC_UNDERSCORED = frozenset({"_asdict", "_replace", "_fields", "_make", "_field_defaults"})


def _is_private(name: str) -> bool:
    return (name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
            and name not in PUBLIC_UNDERSCORED)


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(PACKAGE.rglob("*.py"))}


def _defined_names(trees: dict[Path, ast.Module]) -> set[str]:
    """Every private name qlmatrix itself defines, anywhere."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                names.add(node.value)  # __slots__ entries, attrs field names
            elif isinstance(node, ast.alias) and node.asname:
                names.add(node.asname)
    return {name for name in names if _is_private(name)}


def _foreign_uses(trees: dict[Path, ast.Module]) -> list[str]:
    ours = _defined_names(trees)
    found = []
    for path, tree in trees.items():
        where = path.relative_to(PACKAGE.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _is_private(node.attr) and node.attr not in ours:
                found.append(f"{where}:{node.lineno}: .{node.attr}")
            elif isinstance(node, ast.Attribute) and ast.unparse(node) == "str.__new__":
                found.append(f"{where}:{node.lineno}: str.__new__ (a token built behind its class's back)")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if _private_module(alias.name):
                        found.append(f"{where}:{node.lineno}: import {alias.name}")
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if _private_module(node.module):
                    found.append(f"{where}:{node.lineno}: from {node.module}")
                found += [f"{where}:{node.lineno}: from {node.module} import {alias.name}"
                          for alias in node.names if _is_private(alias.name)]
    return found


def _private_module(module: str) -> bool:
    if module == "__future__":
        return False
    if any(_is_private(part) for part in module.split(".")):
        return True
    return any(module == internal or module.startswith(internal + ".") for internal in INTERNAL_MODULES)


def test_no_private_api_of_a_dependency_or_the_standard_library() -> None:
    assert _foreign_uses(_trees()) == []


def test_the_scan_sees_what_it_refuses(tmp_path: Path) -> None:
    # The rule would be worthless if it could not fail: each of these is a use it must report.
    samples = {
        "cell._tc.append(x)": "._tc",
        "import _sre": "import _sre",
        "from lark.parsers.lalr_analysis import Shift": "from lark.parsers.lalr_analysis",
        "class W(Worksheet):\n    def f(self):\n        self._write_row(1)": "._write_row",
        "from os import _exit": "import _exit",
        "token = str.__new__(Token, text)": "str.__new__",
    }
    for source, expected in samples.items():
        uses = _foreign_uses({PACKAGE / "sample.py": ast.parse(source)})
        assert any(expected in use for use in uses), (source, uses)
    own = "class A:\n    def __init__(self):\n        self._cache = {}\n    def f(self):\n        return self._cache"
    assert _foreign_uses({PACKAGE / "sample.py": ast.parse(own)}) == []
