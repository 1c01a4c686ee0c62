"""Generate the examples: an invented station's final evaluation, filled in, and its client roster.

    uv run python examples/generate.py

Writes 示例街社工服务站-末期评估.xlsx and 示例街社工服务站-服务对象名册.xlsx (for `pinggu sample`)
beside this script. The evaluation workbook also carries the roster with its 服务记录 and 分级变更,
as a station hands them in for 兜底 follow-up. The data come from
`pinggu._synthetic.synthetic_evaluation` with a fixed seed and `clients`, so the typed 建档, 电访
and 入户探访 completions are what the roster and the records count (but for 第二片区's 电访, which
also counts its WeChat greetings: the difference the check shows); every run writes the same
workbook; the file's internal timestamps are fixed too, so regenerating it leaves git clean.
It also carries the street office's performance evaluation sheets (预算, 绩效目标, 绩效叙述) from
`pinggu._synthetic.performance`, bound to the station's own figures. Every name in it is invented.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

from pinggu._model import Evaluation
from pinggu._roster import Roster
from pinggu._scheme import Scheme, load_scheme
from pinggu._synthetic import follow_up_roster, synthetic_evaluation
from pinggu._synthetic.performance import synthetic_performance
from pinggu._workbook.writer import write_roster, write_workbook

SEED = 2038  # chosen for a typical station: 良好, a few short months, every warning kind once
STREET = "示例"
SCHEME = "guangzhou-2023"  # the data and the workbook's drop-down lists follow it
OUTPUT = Path(__file__).with_name("示例街社工服务站-末期评估.xlsx")
ROSTER = Path(__file__).with_name("示例街社工服务站-服务对象名册.xlsx")
ROSTER_SIZE = 420  # clients over the station's 片区 and 社区; names and phones invented
FIXED_TIME = (2024, 5, 20, 0, 0, 0)  # zip entry times (the example's evaluation date)
FIXED_STAMP = "2024-05-20T00:00:00Z"  # document created/modified


def _normalise(path: Path) -> None:
    """Rewrite the .xlsx with fixed timestamps so the same data give the same bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rf"\g<1>{FIXED_STAMP}", text
                )
                data = text.encode("utf-8")
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)


def example(scheme: Scheme) -> tuple[Evaluation, Roster]:
    """The example's evaluation (with its follow-up, each record at the row it is written to)
    and its roster: what the two files hold and read back as."""
    evaluation = synthetic_evaluation(SEED, street=STREET, scheme=scheme, clients=ROSTER_SIZE)
    start, end = evaluation.info.period_start, evaluation.info.period_end
    roster = follow_up_roster(SEED, evaluation.zones, start, end, ROSTER_SIZE)
    contacts = evaluation.contacts
    assert contacts is not None
    records = tuple(replace(r, row=i) for i, r in enumerate(contacts.records, start=2))
    evaluation = replace(evaluation, contacts=replace(contacts, records=records))
    # the street office's 预算, 绩效目标 and 绩效叙述 (docs/performance.md)
    evaluation = replace(evaluation, performance=synthetic_performance(evaluation, SEED))
    return evaluation, roster


def main() -> None:
    scheme = load_scheme(SCHEME)
    evaluation, roster = example(scheme)
    info = evaluation.info
    write_workbook(OUTPUT, evaluation, scheme, roster=roster)
    _normalise(OUTPUT)
    records = len(evaluation.contacts.records) if evaluation.contacts else 0
    print(
        f"已生成 {OUTPUT.name}：{info.station}，{len(evaluation.attendance)} 行到岗记录，"
        f"{records} 条服务记录"
    )
    write_roster(ROSTER, roster)
    _normalise(ROSTER)
    print(f"已生成 {ROSTER.name}：{len(roster.clients)} 名服务对象")


if __name__ == "__main__":
    main()
