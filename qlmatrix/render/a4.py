"""Whether a diagram prints legibly on one A4 page: the one fit criterion, shared by `qlm render`
(which then also writes the diagram in parts) and the tests that judge the diagrams.

A picture is scaled to the printable area of A4 with 15 mm margins, the better way up; at a
scale below `LEGIBLE_SCALE` its 11–12 pt labels shrink under about 7 pt, too small to read.
"""

from __future__ import annotations

import re

#: The printable area of an A4 page with 15 mm margins, in points (short side, long side).
PAGE_PT = (180 / 25.4 * 72, 267 / 25.4 * 72)
#: The smallest scale at which an 11–12 pt label stays legible (about 7 pt).
LEGIBLE_SCALE = 0.6
#: A4 is 1 : 1.41; a picture up to 1 : 2.2 still fills a page, either way up.
MAX_ASPECT = 2.2

_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def svg_size(svg: str) -> tuple[float, float]:
    """(width, height) in points of an SVG Graphviz wrote."""
    found = _SIZE.search(svg)
    if found is None:
        raise ValueError("not an SVG written by Graphviz: no width and height in points")
    return float(found.group(1)), float(found.group(2))


def a4_scale(width: float, height: float) -> float:
    """How much the picture must shrink to fit the page, the better way up (1: it fits as it is)."""
    short, long = PAGE_PT
    return min(1.0, max(min(short / width, long / height), min(long / width, short / height)))


def legible_on_a4(svg: str) -> bool:
    """The picture of `svg`, on one A4 page, has labels big enough to read."""
    return a4_scale(*svg_size(svg)) >= LEGIBLE_SCALE
