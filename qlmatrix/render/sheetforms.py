"""The parts of SpreadsheetML a fill-in form needs besides cells: a drop-down list and sheet protection.

Both are written into a worksheet by `sheetml.Sheet` (which also marks the
cells left open, `Style.locked`); they follow ECMA-376 Part 1:
§18.3.1.32 dataValidation and §18.3.1.85 sheetProtection.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import attrs


@attrs.frozen
class ListValidation:
    """A drop-down list on a range of cells: only one of its choices may be entered.

    The choices are written inline (`"甲,乙"`), as Excel's own dialog does: none may hold a comma
    or a double quote, and together they are at most 255 characters (Excel's limit for the list).
    """

    ref: str  # the range, `G4:G6`
    choices: tuple[str, ...]
    #: The note shown when a cell of the range is selected, and the refusal of anything else.
    prompt_title: str = ""
    prompt: str = ""
    error_title: str = ""
    error: str = ""

    def __attrs_post_init__(self) -> None:
        if any("," in choice or '"' in choice for choice in self.choices):
            raise ValueError("a choice of a drop-down list cannot hold a comma or a double quote")
        if len(",".join(self.choices)) > 255:
            raise ValueError("the choices of a drop-down list are longer than 255 characters")

    def xml(self) -> str:
        listed = escape('"' + ",".join(self.choices) + '"')
        notes = "".join(f" {name}={quoteattr(text)}" for name, text in (
            ("errorTitle", self.error_title), ("error", self.error), ("promptTitle", self.prompt_title),
            ("prompt", self.prompt)) if text)
        return (f'<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"{notes} '
                f'sqref="{self.ref}"><formula1>{listed}</formula1></dataValidation>')


@attrs.frozen
class Protection:
    """The sheet is protected, without a password: locked cells cannot be edited.

    Protection without a password guards against slips, not against a determined user (who can
    lift it in a click). What stays allowed: selecting any cell, and (when asked) resizing columns
    and rows, so a long answer can be read.
    """

    format_columns: bool = False
    format_rows: bool = False

    def xml(self) -> str:
        # In the standard an attribute set to 1 is a thing protected; formatColumns and formatRows
        # default to 1, so 0 allows them.
        allowed = (' formatColumns="0"' if self.format_columns else "") + (' formatRows="0"' if self.format_rows else "")
        return f'<sheetProtection sheet="1" objects="1" scenarios="1"{allowed}/>'
