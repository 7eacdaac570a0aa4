"""Make the returned workbooks of the tutorial's two rounds (round1/, round2/) from the ledger templates.

    python tests/data/ledger/make_returns.py

Each unit "fills in" its workbook as a person would in Excel (openpyxl edits
the open columns and saves); the result is kept in the repository as test
data for `qlm ledger collect`, the tutorials and tests/test_ledger.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from qlmatrix.ledger import templates
from qlmatrix.parser import read_file
from qlmatrix.resolve import resolve

HERE = Path(__file__).resolve().parent
PLAN = HERE.parent / "revision" / "xianning-gaoxin-revised.qlm"

#: round -> unit -> task id -> (进展情况, 完成状态, 佐证材料, 存在问题, 下步打算)
ROUNDS = {
    "round1": {
        "党群部": {
            "二(一)": ("召开党工委会议专题学习党的政治纪律和政治规矩", "序时推进", "会议纪要", "", "开展政治生态分析研判"),
            "二(三)": ("开展支部主题党日集中学习12次，主要负责同志讲廉政党课3次", "序时推进", "学习台账", "", "继续推进党规党纪学习"),
        },
        "综合办": {
            "二(二)": ("“第一议题”学习制度已落实", "序时推进", "会议记录", "", "持续开展“大学习”活动"),
            "四(四)": ("督办台账已建立，完成第二季度汇总", "序时推进", "督办台账", "", "按季度汇总进展"),
        },
        "纪监委": {
            "二(四)": ("立案审查违纪违法案件2件", "序时推进", "案件台账", "", "聚焦重点领域开展专项整治"),
            "二(五)": ("对2名拟提拔干部出具廉洁意见", "序时推进", "廉洁意见回复", "", "做好受处分干部回访"),
            "四(三)": ("已开展专项督查一次", "序时推进", "督查通报", "", "下半年再开展一次"),
        },
        "政务局": {
            "三(一)": ("政务服务事项清单已公开", "序时推进", "清单链接", "部分事项流程仍需优化", "开展效能提升攻坚"),
        },
        "财政局": {
            "三(二)": ("修订经费支出标准", "滞后", "", "预算绩效管理办法尚未出台", "9月底前出台办法"),
        },
    },
    "round2": {
        "党群部": {
            "二(一)": ("完成第三季度政治生态分析研判", "序时推进", "研判报告", "", "年底前形成年度报告"),
            "二(三)": ("举办党规党纪知识测试", "序时推进", "测试成绩", "", "继续推进"),
        },
        "综合办": {
            "二(二)": ("开展“大调研”活动", "序时推进", "调研报告", "", "持续推进"),
            "四(四)": ("完成第三季度汇总，督促滞后事项2项", "序时推进", "督办通知", "", "按季度汇总进展"),
        },
        "纪监委": {
            "二(四)": ("完成2件案件审理", "序时推进", "审理报告", "", "持续保持高压态势"),
            "二(五)": ("完成受处分干部回访5人", "序时推进", "回访记录", "", "继续落实容错纠错机制"),
            "四(三)": ("下半年专项督查已开展", "已完成", "督查通报", "专项督查报告尚未印发", "印发督查报告"),
        },
        "政务局": {
            "三(一)": ("效能提升攻坚行动完成过半", "序时推进", "工作简报", "", "年底前完成"),
        },
        "财政局": {
            "三(二)": ("预算绩效管理办法已出台", "序时推进", "办法文本", "", "明年年底前完成全面规范"),
        },
        "各单位": {
            "四(二)": ("各单位均已制定具体实施方案", "已完成", "实施方案汇编", "", "抓好方案落实"),
        },
    },
}

FIRST_OPEN_COLUMN = 6  # 进展情况 (F); then 完成状态, 佐证材料, 存在问题, 下步打算
FIRST_ROW = 4  # under the title, the 填报单位 line and the heading row


def main() -> None:
    plan = read_file(PLAN).plan
    made = {template.unit: template for template in templates(resolve(plan))}
    for round_name, units in ROUNDS.items():
        folder = HERE / round_name
        folder.mkdir(exist_ok=True)
        for unit, answers in units.items():
            book = openpyxl.load_workbook(io.BytesIO(made[unit].data))
            sheet = book["进展填报"]
            for row in range(FIRST_ROW, sheet.max_row + 1):
                answer = answers.get(sheet.cell(row, 1).value)
                for offset, text in enumerate(answer or ()):
                    if text:
                        sheet.cell(row, FIRST_OPEN_COLUMN + offset).value = text
            book.save(folder / made[unit].filename)


if __name__ == "__main__":
    main()
