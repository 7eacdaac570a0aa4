"""Reading check settings from `qlmatrix.toml` or `[tool.qlmatrix]` in `pyproject.toml`.

The nearest file wins, searching from the plan's folder upwards; in one
folder `qlmatrix.toml` wins over `pyproject.toml` (as ruff.toml over
pyproject.toml). A `pyproject.toml` without `[tool.qlmatrix]` is passed over.

    [tool.qlmatrix]
    select = ["E", "W2"]             # codes, prefixes or rule names; default: all
    ignore = ["unused-unit"]
    strict = false                   # warnings count as errors
    [tool.qlmatrix.severity]
    W205 = "error"
    [tool.qlmatrix.rules.lead-overload]
    factor = 2.5
    minimum = 4

Unknown keys are errors that name the key and suggest the closest valid one.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .checks import RULES, find_rule
from .checks.settings import Config
from .diagnostics import Severity
from .errors import QlmError
from .source import os_reason, read_bytes
from .text import Text

if TYPE_CHECKING:
    from pathlib import Path

    from .checks import Rule

__all__ = ["CONFIG_FILES", "Config", "ConfigError", "find_config", "load_config", "parse_config"]

CONFIG_FILES = ("qlmatrix.toml", "pyproject.toml")
_KEYS = ("select", "ignore", "strict", "severity", "rules")
_SEVERITIES = {s.value: s for s in Severity}

#: A TOML table as tomllib gives it: its values are whatever the file holds, checked here.
Table = dict[str, Any]


class ConfigError(QlmError, ValueError):
    """A settings file that cannot be used: `file:line:col: what is wrong`, in English (str) and Chinese."""

    def __init__(self, en: str, zh: str | None = None):
        super().__init__(Text(en, zh or en))


#: Where options given as flags come from (`--select`, `--ignore`): no file to point into.
COMMAND_LINE = "the command line"


def _error(where: str, word: str | None, en: str, zh: str) -> ConfigError:
    """A ConfigError placed at the first mention of `word` in the settings file, when it can be found."""
    if where == COMMAND_LINE:
        return ConfigError(f"{COMMAND_LINE}: {en}", f"命令行：{zh}")
    place = _locate(where, word) if word else where
    return ConfigError(f"{place}: {en}", f"{place}：{zh}")


def _locate(where: str, word: str) -> str:
    try:
        with open(where, encoding="utf-8") as stream:
            lines = stream.read().split("\n")
    except (OSError, UnicodeDecodeError):
        return where
    import re

    pattern = re.compile(r'(^|[\s\["{.,])"?(' + re.escape(word) + r')"?\s*(=|\]|,|$)')
    for number, line in enumerate(lines, start=1):
        found = pattern.search(line.split("#", 1)[0])
        if found:
            return f"{where}:{number}:{found.start(2) + 1}"
    return where


def _suggest(word: str, choices: Collection[str]) -> tuple[str, str]:
    from .suggest import closest

    close = closest(word, choices)
    if close:
        return f"; did you mean `{close}`?", f"；是否应为`{close}`？"
    if len(choices) > _LISTED_AT_MOST:  # every rule's code and name: a screenful that hides the message
        return "; `qlm rule` lists every rule", "；`qlm rule`可列出全部规则"
    listed = ", ".join(choices)
    return f"; expected one of: {listed}", f"；可用的值：{listed}"


_LISTED_AT_MOST = 12


def find_config(plan_path: str | os.PathLike[str]) -> tuple[Path, Table] | None:
    """The nearest settings file for a plan and its qlmatrix table, or None."""
    from pathlib import Path

    found = _find(plan_path)
    return None if found is None else (Path(found[0]), found[1])


def _find(plan_path: str | os.PathLike[str]) -> tuple[str, Table] | None:
    # os.path rather than pathlib: `qlm check` runs this at every start, and pathlib costs an import.
    directory = os.path.dirname(os.path.realpath(plan_path))
    while True:
        own = os.path.join(directory, "qlmatrix.toml")
        if os.path.isfile(own):
            return own, read_settings(own)
        project = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(project):
            data = _read(project)
            # A pyproject.toml that never spells qlmatrix holds no `[tool.qlmatrix]` (however quoted
            # or inlined): another tool's file, passed over unparsed (`qlm check` runs this at every
            # start, and parsing a whole project file costs more than checking a small plan), its
            # own errors not ours to report.
            tool = _settings(project, data).get("tool", {}) if b"qlmatrix" in data else {}
            if not isinstance(tool, dict):
                raise _error(project, "tool", "`tool` must be a table", "`tool`应为一个表")
            table = tool.get("qlmatrix")
            if table is not None:
                return project, table
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def read_settings(path: str) -> Table:
    """A settings file's TOML. Raises ConfigError (placed at the bad line) when it cannot be read or parsed."""
    return _settings(path, _read(path))


def _read(path: str) -> bytes:
    try:
        return read_bytes(path)
    except OSError as error:
        reason = os_reason(error)
        raise ConfigError(f"{path}: cannot read: {reason.en}", f"{path}：无法读取：{reason.zh}") from error


def _settings(path: str, data: bytes) -> Table:
    """The TOML of the settings file `path`, whose bytes are `data`."""
    import tomllib  # only when there is a settings file to read

    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, which Windows editors write, is no error
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = len(data[data.rfind(b"\n", 0, error.start) + 1: error.start].decode("utf-8", "replace")) + 1
        raise ConfigError(f"{path}:{line}:{column}: the file is not valid UTF-8; save it as UTF-8",
                          f"{path}:{line}:{column}：文件不是有效的UTF-8编码，请另存为UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise toml_error(path, error, text) from error


def toml_error(path: str, error: Exception, text: str | None = None) -> ConfigError:
    """tomllib's `Invalid value (at line 1, column 11)` as `path:1:11: invalid TOML: invalid value`;
    `(at end of document)` placed after the last character of `text` when it is given."""
    import re

    message = str(error)
    position = re.search(r"\(at line (\d+), column (\d+)\)", message)
    reason = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", message)
    place = f"{path}:{position.group(1)}:{position.group(2)}" if position else path
    if position is None and text is not None and "(at end of document)" in message:
        lines = text.rstrip().split("\n")  # an unclosed `[` or `"` is noticed only where the text ends
        place = f"{path}:{len(lines)}:{len(lines[-1]) + 1}"
    return ConfigError(f"{place}: invalid TOML: {reason[:1].lower()}{reason[1:]}",
                       f"{place}：TOML 格式错误：{reason}")


def load_config(plan_path: str | os.PathLike[str]) -> Config:
    found = _find(plan_path)
    if found is None:
        return Config()
    path, table = found
    return parse_config(table, path)


def _codes(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _error(where, key, f"`{key}` must be a list of rule codes or names", f"`{key}`应为规则代码或名称的列表")
    return tuple(_code_or_prefix(v, key, where) for v in value)


def _code_or_prefix(value: str, key: str, where: str) -> str:
    """A rule code, a code prefix such as `W2` or `E`, or a rule name (turned into its code)."""
    found = find_rule(value)
    if found is not None:
        return found.code
    prefix = value.upper()
    if prefix and any(code.startswith(prefix) for code in RULES) and prefix[0] in "EWI":
        return prefix
    names = [r.name for r in RULES.values()] + list(RULES)
    en, zh = _suggest(value, names)
    raise _error(where, value, f"unknown rule `{value}` in `{key}`{en}", f"`{key}`中的规则`{value}`不存在{zh}")


def _rule(key: str, section: str, where: str) -> Rule:
    found = find_rule(key)
    if found is None:
        names = [r.name for r in RULES.values()] + list(RULES)
        en, zh = _suggest(key, names)
        raise _error(where, key, f"unknown rule `{key}` in `[{section}]`{en}", f"`[{section}]`中的规则`{key}`不存在{zh}")
    return found


def _option(rule_: Rule, name: str, value: object, where: str) -> object:
    if name not in rule_.options:
        known = list(rule_.options) or ["(this rule has no options)"]
        en, zh = _suggest(name, known)
        raise _error(where, name, f"rule {rule_.code} `{rule_.name}` has no option `{name}`{en}",
                     f"规则 {rule_.code}`{rule_.name}`没有选项`{name}`{zh}")
    default = rule_.options[name]
    expected = float if isinstance(default, float) else type(default)
    ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
    if isinstance(value, bool) and expected is not bool:
        ok = False
    if not ok:
        raise _error(where, name, f"option `{name}` of {rule_.code} must be {expected.__name__}, not `{value!r}`",
                     f"{rule_.code} 的选项`{name}`应为 {expected.__name__}，而不是`{value!r}`")
    choices = rule_.choices.get(name)
    if choices and value not in choices:
        # Choices are words (Rule types them as objects): suggested and listed as text.
        en, zh = _suggest(str(value), [str(choice) for choice in choices])
        raise _error(where, name, f"option `{name}` of {rule_.code} is `{value}`{en}",
                     f"{rule_.code} 的选项`{name}`不能为`{value}`{zh}")
    # `ok` above admits only an int or a float for a float option: the isinstance just says so to mypy.
    return float(value) if expected is float and isinstance(value, (int, float)) else value


def parse_config(table: Mapping[str, Any], where: str = "settings") -> Config:
    """Validate a qlmatrix settings table into a Config; raises ConfigError naming any bad key."""
    if not isinstance(table, dict):
        raise _error(where, None, "the qlmatrix settings must be a table", "qlmatrix 设置应为一个表")
    for key in table:
        if key not in _KEYS:
            en, zh = _suggest(key, _KEYS)
            raise _error(where, key, f"unknown key `{key}`{en}", f"未知的设置项`{key}`{zh}")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise _error(where, "strict", "`strict` must be true or false", "`strict`应为 true 或 false")
    severity: dict[str, Severity] = {}
    for key, value in _table(table, "severity", where).items():
        if not isinstance(value, str) or value not in _SEVERITIES:
            en, zh = _suggest(str(value), _SEVERITIES)
            raise _error(where, key, f"severity of `{key}` is `{value}`{en}", f"`{key}`的级别不能为`{value}`{zh}")
        severity[_rule(key, "severity", where).code] = _SEVERITIES[value]
    options: dict[str, dict[str, object]] = {}
    for key, values in _table(table, "rules", where).items():
        rule_ = _rule(key, f"rules.{key}", where)
        if not isinstance(values, dict):
            raise _error(where, key, f"`rules.{key}` must be a table of options", f"`rules.{key}`应为选项表")
        options[rule_.code] = {name: _option(rule_, name, value, where) for name, value in values.items()}
    return Config(
        select=_codes(table.get("select", []), "select", where),
        ignore=_codes(table.get("ignore", []), "ignore", where),
        severity=severity,
        options=options,
        strict=strict,
        source=where,
    )


def _table(table: Table, key: str, where: str) -> Table:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise _error(where, key, f"`{key}` must be a table", f"`{key}`应为一个表")
    return value


def with_cli(config: Config, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
             strict: bool = False) -> Config:
    """The file's settings with command-line options on top: given flags replace the file's lists."""
    import attrs

    where = COMMAND_LINE
    # One evolve with every field spelt out (a field not given keeps the file's value), so that
    # mypy checks each value against its field.
    return attrs.evolve(
        config,
        select=config.select if select is None else tuple(_code_or_prefix(v, "--select", where) for v in select),
        ignore=config.ignore if ignore is None else tuple(_code_or_prefix(v, "--ignore", where) for v in ignore),
        strict=config.strict or strict,
    )
