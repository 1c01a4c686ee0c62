"""`pinggu check`: the arithmetic of any evaluation report, not only the ones pinggu writes.

`pinggu audit` checks a report pinggu wrote against the data embedded in it. A district bureau
receives reports written by hand in Word by several agencies, or published as PDF, with no data
behind them; this package checks such a report against itself: each printed percentage against
the figures it is computed from, 合计 rows against their 片区 rows, score tables against their
parts and the scheme's grades (docs/check-rules.md). A figure no rule can pair with its inputs is
listed as unchecked, never as wrong.

    readers   .txt / .docx / .pdf → `Document` (located paragraphs and table rows)
    layout_roster  the 到岗 table of a PDF's text, read by the columns of its figures
    rules     the rule table (rules.toml) and the shared arithmetic of printed rounding
    sentences percentages in sentences; tables: indicator and score tables
    repeats   the same quantity printed twice with different values
    staffing  the 到岗 table (half months) and 应到 against the contracted headcount
    ledger    what was checked, the problems, the unchecked figures
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import PERCENT, Document
from .ledger import Ledger, Problem, Unchecked
from .readers import read_document
from .repeats import RULES as REPEAT_RULES
from .repeats import check_repeats
from .rules import load_rules
from .sentences import RULES as SENTENCE_RULES
from .sentences import check_sentences
from .staffing import RULES as STAFFING_RULES
from .staffing import check_staffing
from .tables import RULES as TABLE_RULES
from .tables import check_grade_sentences, check_tables

__all__ = ["CODE_RULES", "CheckResult", "Problem", "Unchecked", "check_document", "check_report"]

CODE_RULES = (
    SENTENCE_RULES + TABLE_RULES + STAFFING_RULES + REPEAT_RULES
)  # every rule name the code can report


@dataclass(frozen=True)
class CheckResult:
    file: str
    checked: int
    problems: tuple[Problem, ...]
    unchecked: tuple[Unchecked, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "checked": self.checked,
            "problems": [
                {
                    "rule": p.rule,
                    "title": load_rules().rules[p.rule].title,  # the rule as people call it
                    "location": p.location,
                    "printed": p.printed,
                    "expected": p.expected,
                    "context": p.context,
                    "message": p.message,
                }
                for p in self.problems
            ],
            "unchecked": [
                {
                    "figure": u.figure,
                    "location": u.location,
                    "context": u.context,
                    "reason": u.reason,
                }
                for u in self.unchecked
            ],
        }

    def render(self, verbose: bool = False) -> str:
        """The result in Chinese, problems first; the unchecked figures counted (listed if asked)."""
        lines = [
            f"核对 {self.file}：核对了 {self.checked} 个数字与关系，发现 {len(self.problems)} 处问题。"
        ]
        for i, p in enumerate(self.problems, start=1):
            title = load_rules().rules[p.rule].title
            lines += [
                f"{i}. {p.location}（{title}，规则 {p.rule}）",
                f"   原文：{p.context}",
                f"   印出：{p.printed}　应为：{p.expected}",
                f"   {p.message}",
            ]
        if self.unchecked:
            lines.append(
                f"另有 {len(self.unchecked)} 个百分比无法与其分子分母配对，未核对（不算错误）。"
            )
            if verbose:
                lines += [f"   {u.location}：{u.figure}（{u.reason}）" for u in self.unchecked]
        if not self.checked:
            lines.append(
                "没有找到可以核对的数字：这份文件看来不是评估报告，或其中的数字没有印出计算所用的分子分母。"
            )
        return "\n".join(lines)


def check_document(doc: Document) -> CheckResult:
    ledger = Ledger(load_rules())
    check_tables(doc, ledger)
    check_sentences(doc, ledger)
    check_staffing(doc, ledger)
    check_repeats(doc, ledger)  # last: it leaves out figures other rules found wrong
    check_grade_sentences(doc, ledger)
    for p in doc.paragraphs:
        for m in PERCENT.finditer(p.text):
            if (p.place, m.start()) not in ledger.claimed and (
                p.place,
                m.start(1),
            ) not in ledger.claimed:
                ledger.leave(
                    m.group(),
                    p.place_at(m.start()),
                    p.text[max(0, m.start() - 30) : m.end()],
                    "未能与其分子分母配对",
                )
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                if PERCENT.fullmatch(cell.text) and (cell.place, 0) not in ledger.claimed:
                    ledger.leave(
                        cell.text, cell.place, cell.text, "不在可识别的协议量 / 完成量 / 百分比表中"
                    )
    return CheckResult(doc.file, ledger.checked, tuple(ledger.problems), tuple(ledger.unchecked))


def check_report(path: Path, name: str | None = None) -> CheckResult:
    """Read the report at `path` (.txt, .docx or .pdf) and check it; `UnreadableReport` if it
    cannot be read. `name` is the file's name as the user knows it (an upload's, say)."""
    return check_document(read_document(path, name))
