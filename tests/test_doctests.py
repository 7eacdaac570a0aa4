"""The examples in docstrings of the public API run, as written."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

MODULES = ["qlmatrix", "qlmatrix.resolve", "qlmatrix.diagnostics", "qlmatrix.model", "qlmatrix.text", "qlmatrix.render",
           "qlmatrix.diff.compare", "qlmatrix.schedule", "qlmatrix.workspace", "qlmatrix.render.memo",
           "qlmatrix.serve.compare", "qlmatrix.serve.markdown", "qlmatrix.serve.texts"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)  # examples name files of the repository
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_modules_with_examples_are_listed():
    """A docstring example outside MODULES would never run."""
    import pkgutil

    import qlmatrix

    with_examples = set()
    for info in pkgutil.walk_packages(qlmatrix.__path__, "qlmatrix."):
        if info.name.startswith("qlmatrix.cli") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        if doctest.DocTestFinder().find(module):
            if any(test.examples for test in doctest.DocTestFinder().find(module)):
                with_examples.add(info.name)
    assert with_examples <= set(MODULES)


def test_every_public_name_says_what_it_is():
    import qlmatrix

    for name in qlmatrix.__all__:
        thing = getattr(qlmatrix, name)
        doc = thing.__dict__.get("__doc__") if isinstance(thing, type) else thing.__doc__
        assert doc and not doc.startswith(f"{name}("), name  # attrs' generated signature is not a docstring
        if callable(thing) and not isinstance(thing, type):
            assert ">>>" in doc or "    " in doc, f"{name} has no example"
