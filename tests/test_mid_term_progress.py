"""Mid-term: expected progress = months elapsed ÷ contract months; flags use the scheme's tolerance.
Final: every indicator under 100% is flagged."""

from __future__ import annotations

from datetime import date

from factories import D, evaluation, info, team

from pinggu._engine import evaluate
from pinggu._model import IndicatorRow, Kind
from pinggu._scheme import load_scheme

SCHEME = load_scheme("guangzhou-2023")  # tolerance: 10 percentage points


def _rows() -> list[IndicatorRow]:
    return [
        IndicatorRow("第一片区", "入户探访", "人次", D(1000), D(390)),  # 39.00%: under 50 − 10
        IndicatorRow("第二片区", "入户探访", "人次", D(1000), D(410)),  # 41.00%: not flagged
        IndicatorRow("第三片区", "入户探访", "人次", D(1000), D(600)),
        IndicatorRow("全站", "品牌创建工作", "个", D(1), D(0)),  # 0%
    ]


def test_mid_term_flags_what_is_well_below_time_progress() -> None:
    station = info(kind=Kind.MIDTERM, period_end=date(2023, 12, 31))  # 6 of 12 months
    result = evaluate(
        evaluation(station=station, indicators=_rows(), attendance=team(20, 6)), SCHEME
    )
    assert result.expected_progress is not None and result.expected_progress.value == D("50.00")
    flagged = [w.message for w in result.warnings if w.code == "below_progress"]
    assert len(flagged) == 2
    assert flagged[0].startswith(
        "入户探访（人次）第一片区完成 390，协议量 1000，完成率 39.00%，低于时间进度 50.00%"
    )
    assert "品牌创建工作（个）全站" in flagged[1]
    assert not [w for w in result.warnings if w.code == "below_target"]


def test_final_flags_every_indicator_under_100_percent() -> None:
    result = evaluate(evaluation(indicators=_rows()), SCHEME)
    flagged = [w.message for w in result.warnings if w.code == "below_target"]
    assert len(flagged) == 5  # three zones, the 合计 (46.67%) and the station-wide item
    assert any("合计完成 1400，协议量 3000，完成率 46.67%" in m for m in flagged)
