"""The examples in docstrings of the public API run, as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["qlmatrix.resolve", "qlmatrix.diagnostics", "qlmatrix.model", "qlmatrix.text", "qlmatrix.render"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
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
