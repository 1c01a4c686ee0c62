"""The on-site result as terminal text (`pinggu evaluate`): the self-score gaps as a table, the
previous round's concerns by status, and what the day recorded (docs/onsite-rectification.md)."""

from __future__ import annotations

from .._numbers import plain, with_unit
from .._text import table
from .results import OnSiteResult


def onsite_text(result: OnSiteResult) -> str:
    parts: list[str] = []
    if result.self_gaps:
        rows = [
            [
                f"{g.dimension}（{g.zone}）" if g.zone else g.dimension,
                f"{g.self_score:.2f}",
                f"{g.expert.value:.2f}" if g.expert else "未评分",
                f"{g.gap.value:+.2f}" if g.gap else "/",
            ]
            for g in result.self_gaps
        ]
        parts.append("自评与专家评分（差距 = 自评 − 专家）")
        parts.append(table(["评估内容", "自评", "专家", "差距"], rows, right=(1, 2, 3)))
    r = result.rectification
    if r is not None:
        counts = "、".join(
            f"{label} {plain(n.value)}"
            for label, n in (
                ("已整改", r.done),
                ("部分整改", r.partial),
                ("未整改", r.not_done),
                ("尚未认定", r.unmarked),
            )
        )
        parts.append(
            f"上一轮评估意见整改（{'、'.join(r.raised_in)}）：{plain(r.items.value)} 条，{counts}；"
            f"已过整改期限 {plain(r.overdue.value)} 条；"
            f"整改率 {with_unit(r.share_rectified.value, '%')}"
        )
    day = result.day
    if day.recorded:
        said = []
        if day.experts:
            said.append(f"出席专家 {'、'.join(day.experts)}")
        if day.agenda:
            said.append("环节 " + "、".join(a.activity.value for a in day.agenda))
        if day.files_checked:
            files = "、".join(
                f"{f.type.value} {plain(f.files.value)} 份" for f in day.files_checked
            )
            said.append(f"抽查档案 {files}")
        if day.interviews:
            talks = "、".join(
                f"{c.kind.value} {plain(c.interviews.value)} 次 {plain(c.people.value)} 人"
                for c in day.interviews
            )
            said.append(f"访谈 {talks}")
        parts.append("实地评估：" + "；".join(said))
    return "\n".join(parts)
