"""What each code of reading a plan means and how to fix it (E0xx), in English and Chinese.

`qlm rule E001` prints these, and `docs/rules/E001.md` is generated from
them, like the pages of the check rules.
"""

from __future__ import annotations

from ..text import Text

DOCS: dict[str, Text] = {
    "E001": Text(
        "A line does not read as any statement: something stands where the grammar expects another "
        "thing, e.g. a property outside a block or a word where `:` belongs. The message names what "
        "was found and what may stand there.\n\nFix: start each line with a keyword (单位, 任务, 章, 汇报, …) "
        "or a number such as (一); write properties as `名称: 值` inside `{ }`.",
        "某一行无法识别为任何语句：语法要求某种成分的位置出现了别的内容，例如块外写了属性、该写`:`的地方写了文字。"
        "消息会指出遇到了什么、此处可以写什么。\n\n修改：每行以关键字（单位、任务、章、汇报等）或序号（如(一)）开头；"
        "属性写在`{ }`内，形如`名称: 值`。"),
    "E002": Text(
        "The file ends while a block `{ … }` is still open. The help names the line where the block "
        "opened.\n\nFix: add the missing `}`.",
        "文件结束时仍有未闭合的块`{ … }`。帮助信息会指出该块开始的行。\n\n修改：补上缺少的`}`。"),
    "E003": Text(
        "A property that this statement does not take, e.g. `频次:` on a unit. A misspelt property "
        "gets a suggestion; otherwise the help lists the properties the statement takes.\n\n"
        "Fix: correct the name, or move the property to the statement it belongs to.",
        "该语句没有这个属性，例如在单位上写了`频次:`。拼写接近的会给出建议，否则列出该语句可用的属性。\n\n"
        "修改：改正属性名，或把属性移到它所属的语句。"),
    "E004": Text("The same property twice in one block.\n\nFix: keep one of them.",
                 "同一个块中同一属性出现了两次。\n\n修改：只保留一处。"),
    "E005": Text(
        "A `(责任单位:…)` annotation that cannot be read: an unknown label, an empty list, or a "
        "malformed separator. The message says which.\n\nFix: write it as `(责任单位:A、B)` or "
        "`(牵头单位:A;配合单位:B、C)`.",
        "无法识别的`(责任单位:…)`标注：标签未知、名单为空或分隔符有误，消息会具体说明。\n\n"
        "修改：写作`(责任单位:A、B)`或`(牵头单位:A;配合单位:B、C)`。"),
    "E006": Text(
        "A value outside a closed list: a unit kind (`类型:`) or a closed-loop stage (`闭环:`).\n\n"
        "Fix: use one of the values the help lists.",
        "取值不在规定范围内：单位类型（`类型:`）或闭环环节（`闭环:`）。\n\n修改：使用帮助中列出的取值。"),
    "E007": Text(
        "An included file (`引入 \"…\"`) cannot be read; the reason is the operating system's.\n\n"
        "Fix: correct the path (it is relative to the including file) or create the file.",
        "被引入的文件（`引入 \"…\"`）无法读取，原因由操作系统给出。\n\n修改：改正路径（相对于引入它的文件），或创建该文件。"),
    "E008": Text(
        "A file includes itself, directly or through other files.\n\nFix: remove one `引入` of the circle; "
        "a \"1+7\" layout has one master file that includes each carrier once.",
        "文件直接或经由其他文件引入了自身。\n\n修改：删除环中的一处`引入`；“1+7”布局应由一个主文件各引入每个载体一次。"),
    "E009": Text(
        "The file is not UTF-8. The position is that of the first byte that is not.\n\n"
        "Fix: save the file as UTF-8; `qlm import --encoding` reads documents in other encodings.",
        "文件不是UTF-8编码，位置为第一个无法解码的字节。\n\n修改：将文件另存为UTF-8；其他编码的文档可用`qlm import --encoding`读取。"),
    "E010": Text("A property with nothing after its `:`.\n\nFix: give a value or remove the property.",
                 "属性的`:`后没有值。\n\n修改：补上取值，或删除该属性。"),
    "E011": Text(
        "A file named on the command line cannot be read; the reason is the operating system's.\n\n"
        "Fix: check the path and the permissions.",
        "命令行中指定的文件无法读取，原因由操作系统给出。\n\n修改：检查路径与权限。"),
    "E012": Text("Two plan headers (`计划 …`) in one file.\n\nFix: keep one.",
                 "一个文件中有两个计划头（`计划 …`）。\n\n修改：只保留一个。"),
    "E013": Text(
        "A statement inside a block that cannot hold it, e.g. a task inside a task or a unit inside a "
        "section. Often a `;` in a text value ended it early.\n\nFix: only 章 and 载体 hold tasks and "
        "reports; put text containing `;` in quotes: `正文: \"…;…\"`.",
        "块中出现了它不能包含的语句，例如任务中套任务、章中声明单位；常见原因是文本值中的`;`把它提前截断了。\n\n"
        "修改：只有章和载体可以包含任务与汇报；含`;`的文本请加引号：`正文: \"…;…\"`。"),
    "E016": Text(
        "Blocks `{ … }` nest deeper than the limit (qlmatrix.limits.MAX_NESTING, 64). Real plans nest three "
        "or four deep; a file this deep is broken or hostile, and reading it would recurse without bound.\n\n"
        "Fix: close the blocks that were left open, or flatten the sections.",
        "块`{ … }`的嵌套超过上限（qlmatrix.limits.MAX_NESTING，64层）。实际计划只嵌套三四层；如此之深的文件不是写错就是恶意构造，"
        "读取它会无限递归。\n\n修改：补上漏写的`}`，或减少章节层级。"),
    "E017": Text(
        "An `引入` names a file outside the folder of the plan being read (an absolute path, or `../` "
        "leading out). It is not read and nothing of it is shown: a plan checked in CI or on a server may "
        "come from anyone, and must not make qlm read other files.\n\nFix: keep a plan's files under its "
        "folder; `qlm check --include-root DIR` widens the folder includes may come from.",
        "`引入`指向正在读取的计划所在文件夹之外的文件（绝对路径，或以`../`跳出）。该文件不会被读取，也不会显示其中任何内容："
        "在CI或服务器上检查的计划可能来自任何人，不能借此读取其他文件。\n\n修改：把计划的各个文件放在其文件夹下；"
        "`qlm check --include-root DIR`可放宽允许引入的范围。"),
    "E018": Text(
        "Includes nest deeper than the limit (qlmatrix.limits.MAX_INCLUDE_DEPTH, 32): a master plan "
        "includes its carriers, which rarely include more.\n\nFix: include the files from fewer levels.",
        "引入的嵌套超过上限（qlmatrix.limits.MAX_INCLUDE_DEPTH，32层）：主计划引入各载体，载体很少再引入其他文件。\n\n"
        "修改：减少引入的层级。"),
    "E019": Text(
        "A plan and the files it includes together exceed the limit on files (1000) or bytes (256 MB); "
        "the file named here is not read.\n\nFix: split the plan, or check its parts separately.",
        "计划及其引入的文件合计超过文件数（1000个）或大小（256 MB）的上限，此处的文件未读取。\n\n修改：拆分计划，或分别检查各部分。"),
    "E015": Text(
        "An annotation whose label has no colon, e.g. `(责任单位 A局)`: it would read as part of the "
        "title, and the task would have no unit.\n\nFix: write the colon: `(责任单位:A局)`.",
        "标注的标签后缺少冒号，如`(责任单位 A局)`：它会被当作标题的一部分，任务就没有责任单位。\n\n"
        "修改：补上冒号：`(责任单位:A局)`。"),
    "E014": Text(
        "Two properties in one block separated by a comma: `{牵头：市财政局，配合：市教育局}`. The comma "
        "would make `配合：市教育局` part of the lead's list; qlm reads it as the two properties meant, "
        "and reports it so that the file is corrected.\n\nFix: write `；` (or `;`) or a new line "
        "between properties: `{牵头：市财政局；配合：市教育局}`.",
        "块中两个属性之间用了逗号：`{牵头：市财政局，配合：市教育局}`。逗号会让`配合：市教育局`成为牵头单位名单的一部分；"
        "qlm按原意读作两个属性，并报告此处以便改正。\n\n修改：属性之间用`；`（或`;`）或换行："
        "`{牵头：市财政局；配合：市教育局}`。"),
    "E020": Text(
        "A plan's `发文日期:` (`date:`) that is not one calendar date, e.g. `2022年13月5日` or `去年`. The "
        "date is what relative deadlines (明年年底) count from, so a wrong one is not guessed at.\n\nFix: "
        "write the date the document was issued: `发文日期: 2022-10-18` or `发文日期: 2022年10月18日`.",
        "计划的`发文日期:`（`date:`）不是一个实际存在的日期，如`2022年13月5日`或`去年`。明年年底等相对时限都从该日期算起，"
        "因此不作猜测。\n\n修改：写出文件的印发日期：`发文日期: 2022-10-18`或`发文日期: 2022年10月18日`。"),
    "E021": Text(
        "A carriage return (CR) that no line feed follows: the line ends of classic Mac OS, and of some "
        "export tools. Read as LF or CRLF files are, such a file is one long line, and when it starts with a "
        "comment the whole plan was a comment: empty, with no finding. The file is not read.\n\n"
        "Fix: save it again with LF (or CRLF) line ends.",
        "回车符（CR）后面没有换行符（LF）：这是早期Mac OS及某些导出工具的换行方式。若按LF或CRLF文件读取，整个文件会成为一行；"
        "若文件以注释开头，整个计划都会成为注释：内容为空，也没有任何检查结果。因此不读取该文件。\n\n"
        "修改：将文件重新保存为LF（或CRLF）换行。"),
}
