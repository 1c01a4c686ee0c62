"""A previous round's concern marked 已整改 while this round raises it again, word for word, for
the same part and 片区 (warning `rectified_concern_repeated`, docs/warnings.md).

The report would print the concern among this round's 需要关注 and 「已整改」 beside it in the
rectification table: one of the two is wrong. The web workspace refuses to mark an item it links
as this round's concern 已整改, and the workbook refuses the pair in 整改跟进; this catches the
same concern entered again without the link. A difference in 片区 is not a repeat (片区 one may
have rectified what 片区 two now shows).
"""

from __future__ import annotations

from .._model import Evaluation, FindingKind
from .._sheets.cells import key
from .._warnings import ResultWarning, warning
from .model import RectificationStatus

__all__ = ["rectified_repeat_warnings"]


def rectified_repeat_warnings(evaluation: Evaluation) -> list[ResultWarning]:
    onsite = evaluation.onsite
    if onsite is None:
        return []
    concerns = {
        (f.section, f.zone, key(f.text))
        for f in evaluation.findings
        if f.kind is FindingKind.CONCERN
    }
    out = []
    for item in sorted(onsite.rectification, key=lambda i: i.number):
        if item.status is not RectificationStatus.DONE:
            continue
        if (item.section, item.zone, key(item.concern)) not in concerns:
            continue
        where = f"{item.section}（{item.zone}）" if item.zone else item.section
        message = (
            f"整改跟进第 {item.number} 条「{item.concern}」评为已整改，本轮{where}需要关注的意见中"
            "又有这条意见；请核对整改情况（未整改到位的应评为部分整改或未整改，并列为本轮意见），"
            "或删去本轮的这条意见"
        )
        out.append(warning("rectified_concern_repeated", message))
    return out
