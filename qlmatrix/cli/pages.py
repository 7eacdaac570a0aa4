"""Every code qlm can print has a page: `qlm rule CODE` and `docs/rules/CODE.md`, from one source.

Check rules (W2xx, E3xx, …) document themselves in their docstrings
(qlmatrix.checks.docs); the codes of reading a plan (E0xx), of `qlm import`
(I0xx) and of `qlm fmt` (F0xx) register what they mean with their messages
(`docs=` of qlmatrix.diagnostics.messages.register). This module puts both
together, so that a code without a page fails a test.
"""

from __future__ import annotations

from ..checks import RULES, find_rule
from ..checks.docs import GENERATED, rule_markdown, summary
from ..diagnostics.messages import DOCS, MESSAGES


def _register_everything() -> None:
    """Importing the importer and fmt registers their codes (cheap: only `qlm rule` and the docs need it)."""
    from .. import fmt  # noqa: F401
    from ..importer import messages  # noqa: F401


def printable_codes() -> list[str]:
    """Every code a diagnostic may carry, in page order."""
    _register_everything()
    return sorted(MESSAGES, key=lambda code: (code not in RULES, "EIF".find(code[0]) if code not in RULES
                                              else 0, code[1:] if code in RULES else code))


_WHO = {"E": ("reading a plan (every command)", "读取计划时（所有命令）"),
        "I": ("`qlm import`", "`qlm import`"), "F": ("`qlm fmt`", "`qlm fmt`")}


def code_markdown(code: str, generated: bool = True) -> str:
    """The page of a code that is not a check rule: what it means and how to fix it, in both languages."""
    name, message = MESSAGES[code]
    who_en, who_zh = _WHO[code[0]]
    doc = DOCS[code]
    head = [GENERATED, ""] if generated else []
    return "\n".join([
        *head, f"# {code} {name}", "",
        f"Reported by {who_en}. / 由{who_zh}报告。", "",
        f"- Message: {message.en}", f"- 消息：{message.zh}", "",
        "## What it means", "", doc.en, "", "## 含义与修改", "", doc.zh, "",
    ])


def page(code_or_name: str, lang: str | None = None) -> str | None:
    """The page `qlm rule` prints for a code or rule name (in `lang`, or both languages), or None."""
    _register_everything()
    found = find_rule(code_or_name)
    if found is not None:
        return rule_markdown(found, generated=False, lang=lang)
    code = code_or_name.strip().upper()
    if code in DOCS and code in MESSAGES:
        return code_markdown(code, generated=False)
    return None


def index_markdown() -> str:
    lines = [GENERATED, "", "# Rules and codes", "",
             "Codes are stable and never reused. `qlm rule CODE` prints any of these pages.", "",
             "## Checks", "", "| code | name | severity | what it finds |", "|---|---|---|---|"]
    for rule in sorted(RULES.values(), key=lambda r: (r.code[1:], r.code)):
        lines.append(f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.severity.value} | {summary(rule)} |")
    lines += ["", "## Reading, importing and formatting", "", "| code | name | message |", "|---|---|---|"]
    for code in printable_codes():
        if code in DOCS:
            name, message = MESSAGES[code]
            lines.append(f"| [{code}]({code}.md) | `{name}` | {message.en} |")
    return "\n".join(lines) + "\n"


def generated_files() -> dict[str, str]:
    """File name (inside docs/rules/) -> content: a page per code, and the index."""
    _register_everything()
    files = {f"{rule.code}.md": rule_markdown(rule) for rule in RULES.values()}
    files.update({f"{code}.md": code_markdown(code) for code in DOCS if code in MESSAGES})
    files["README.md"] = index_markdown()
    return files
