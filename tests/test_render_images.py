"""Pictures, looked at by machine: Graphviz draws Chinese (not boxes) in the SC face, and
headless Chromium renders the HTML table and an SVG diagram to non-blank screenshots.

These need Graphviz's dot, fonts-noto-cjk and Chromium, which the set-up installs;
when one is missing the test fails (it is never skipped).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import qlmatrix
from qlmatrix.render import diagram, table
from qlmatrix.render.dot import Builder, font_defaults
from qlmatrix.render.engine import cjk_font_warning, run_dot

FIXTURE = Path(__file__).resolve().parent / "golden" / "render" / "fixture.qlm"


def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGB(A) pixels of an 8-bit RGB or RGBA PNG (all Graphviz and Chromium write)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    pixels = [tuple(row[x : x + channels]) for row in rows for x in range(0, stride, channels)]
    return width, height, pixels


def ink(pixels) -> int:
    """Pixels that are not white (or transparent)."""
    return sum(1 for p in pixels if (len(p) == 3 or p[3] > 0) and min(p[:3]) < 200)


def one_label(text: str, font: str = "Noto Sans CJK SC") -> bytes:
    builder = Builder()
    font_defaults(builder, {}, {"shape": "plaintext", "fontsize": "28"}, {})
    builder.node("n1", {"label": text, "fontname": font})
    return run_dot(builder.text(), "png")[0]


@pytest.mark.graphviz
def test_a_chinese_font_is_installed():
    assert cjk_font_warning() is None


@pytest.mark.graphviz
def test_png_draws_chinese_words_differently():
    # Catches blank or identical output. Pango's missing-glyph boxes carry the code point in
    # hex, so this alone does not prove real glyphs: the next test does.
    first, second = decode_png(one_label("清廉建设")), decode_png(one_label("监督问责"))
    assert first[:2] == second[:2]
    assert first[2] != second[2]
    assert ink(first[2]) > 300 and ink(second[2]) > 300


@pytest.mark.graphviz
def test_png_uses_the_simplified_chinese_face():
    # 门 直 骨 differ between the Japanese and Simplified Chinese faces of Noto Sans CJK:
    # the explicit fontname is what gives the Chinese shapes. Without the SC face both
    # names fall back to the same font (or the same boxes) and the pictures are equal.
    assert decode_png(one_label("门直骨")) != decode_png(one_label("门直骨", "Noto Sans CJK JP"))


@pytest.mark.graphviz
def test_svg_keeps_chinese_text_and_names_the_font():
    svg = diagram(qlmatrix.load(FIXTURE), "org", "svg")
    assert 'font-family="Noto Sans CJK SC' in svg
    assert ">纪监委</text>" in svg


@pytest.mark.graphviz
@pytest.mark.parametrize("view", ["org", "responsibility"])
def test_diagram_pngs_have_ink(view):
    width, height, pixels = decode_png(diagram(qlmatrix.load(FIXTURE), view, "png"))
    assert width > 300 and height > 200
    assert ink(pixels) > 0.01 * width * height


def screenshot(url: str, out: Path, size: str = "1200,900") -> bytes:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is not installed: sudo apt-get install chromium (the set-up installs it)"
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={out.parent / 'chromium-profile'}",
        f"--window-size={size}",
        f"--screenshot={out}",
        url,
    ]
    subprocess.run(command, capture_output=True, timeout=60, check=True)
    return out.read_bytes()


@pytest.mark.chromium
def test_chromium_renders_the_html_table(tmp_path):
    # The RACI matrix colours its role cells (the 任务分工表 prints in black and white, as a 公文).
    page = tmp_path / "raci.html"
    page.write_text(table(qlmatrix.load(FIXTURE), "raci", "html"), encoding="utf-8")
    width, height, pixels = decode_png(screenshot(page.as_uri(), tmp_path / "raci.png"))
    assert (width, height) == (1200, 900)
    assert ink(pixels) > 0.005 * width * height
    lead_fill = (0xF8, 0xCB, 0xAD)  # the A cells are coloured
    assert sum(1 for p in pixels if p[:3] == lead_fill) > 500


@pytest.mark.chromium
@pytest.mark.graphviz
def test_chromium_renders_the_svg_diagram(tmp_path):
    image = tmp_path / "responsibility.svg"
    image.write_text(diagram(qlmatrix.load(FIXTURE), "responsibility", "svg"), encoding="utf-8")
    width, height, pixels = decode_png(screenshot(image.as_uri(), tmp_path / "svg.png"))
    assert ink(pixels) > 0.005 * width * height
    lead_edge = (0xC5, 0x5A, 0x11)
    assert sum(1 for p in pixels if abs(p[0] - lead_edge[0]) + abs(p[1] - lead_edge[1]) + abs(p[2] - lead_edge[2]) < 30) > 50
