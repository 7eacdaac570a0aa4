"""Running Graphviz's `dot` binary on DOT text, and checking for a Chinese font.

Kept apart from building DOT (dot.py, diagrams.py), which needs no binary.
Output is read from dot's standard output: when dot exits non-zero it may
still have produced part of an SVG, and that is treated as a failure, never
as output. Without a CJK font Graphviz draws boxes and still exits 0, so the
font is checked with fontconfig (`fc-list :lang=zh`) before rendering.
An SVG that is not well-formed XML is a failure too (the labels are made safe
before dot sees them, see dot.py; this is the net under that), and dot's own
messages, which may quote a label, are shown with `<U+XXXX>` for control
characters before they reach the terminal.
"""

from __future__ import annotations

import shutil
import subprocess
from xml.parsers import expat

from ..diagnostics.text import visible
from ..text import Text
from .dot import FONT
from .errors import RenderError

IMAGE_FORMATS = ("svg", "png", "pdf")
INSTALL_GRAPHVIZ = "sudo apt-get install graphviz   (macOS: brew install graphviz; Windows: winget install graphviz)"
INSTALL_FONT = "sudo apt-get install fonts-noto-cjk   (then check with: fc-list :lang=zh)"
#: Pixels per inch for PNG: crisp when pasted into an A4 document.
PNG_DPI = 144


class DotMissing(RenderError):
    pass


def find_dot() -> str:
    path = shutil.which("dot")
    if path is None:
        raise DotMissing(
            f"Graphviz's `dot` was not found on PATH; SVG, PNG and PDF need it. Install it with: {INSTALL_GRAPHVIZ}",
            f"未找到 Graphviz 的`dot`程序，生成 SVG、PNG、PDF 需要它。请用以下命令安装：{INSTALL_GRAPHVIZ}",
        )
    return path


def run_dot(source: str, fmt: str, timeout: float = 300) -> tuple[bytes, list[str]]:
    """Render DOT `source` as `svg`, `png` or `pdf`; returns the bytes and dot's warnings."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format `{fmt}`; choose one of {', '.join(IMAGE_FORMATS)}")
    command = [find_dot(), f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={PNG_DPI}")
    try:
        done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"dot did not finish in {timeout:.0f} s; draw less (filter by --section or --unit)",
            f"dot 在 {timeout:.0f} 秒内未完成；请缩小范围（用 --section 或 --unit 筛选）",
        ) from None
    messages = [visible(line.rstrip("\r")) for line in done.stderr.decode("utf-8", "replace").strip().split("\n")]
    messages = [line for line in messages if line]
    if done.returncode != 0:
        detail = "; ".join(messages[:5]) or "no message"
        raise RenderError(f"dot failed with exit code {done.returncode}: {detail}",
                          f"dot 运行失败（退出码 {done.returncode}）：{detail}")
    if not done.stdout:
        raise RenderError("dot exited 0 but wrote nothing", "dot 正常退出，但没有输出任何内容")
    if fmt == "svg":
        _check_well_formed(done.stdout)
    return done.stdout, messages


def _check_well_formed(svg: bytes) -> None:
    """Raise RenderError unless `svg` is well-formed XML (expat reads no DTD and fetches nothing)."""
    parser = expat.ParserCreate()
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as error:
        raise RenderError(f"dot wrote an SVG that is not well-formed XML ({error})",
                          f"dot 生成的 SVG 不是格式正确的 XML（{error}）") from None


def cjk_font_warning() -> Text | None:
    """None when `Noto Sans CJK SC` is installed; otherwise what is wrong and how to fix it."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return Text(
            f"cannot check for a Chinese font: `fc-list` (fontconfig) is missing; install a CJK font with: {INSTALL_FONT}",
            f"无法检查中文字体：缺少`fc-list`（fontconfig）；请安装中文字体：{INSTALL_FONT}",
        )
    try:
        done = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return Text("cannot check for a Chinese font: `fc-list :lang=zh` did not run",
                       "无法检查中文字体：`fc-list :lang=zh`未能运行")
    families = [line.strip() for line in done.stdout.decode("utf-8", "replace").splitlines() if line.strip()]
    if not families:
        return Text(
            f"no Chinese font is installed: Graphviz will draw boxes instead of Chinese text. Install one with: {INSTALL_FONT}",
            f"未安装中文字体：Graphviz 会把汉字画成方框。请安装：{INSTALL_FONT}",
        )
    if not any(FONT in line.split(",") for line in families):
        fallback = sorted(families)[0].split(",")[0]
        return Text(
            f"the font `{FONT}` is not installed; Chinese text will use `{fallback}`, "
            f"which may show other glyph shapes. Install it with: {INSTALL_FONT}",
            f"未安装字体`{FONT}`；汉字将使用`{fallback}`，部分字形可能不同（如日文字形）。请安装：{INSTALL_FONT}",
        )
    return None
