"""Report charts: Chinese text with no missing glyphs, A4-width PNGs, shortfalls in colour."""

from __future__ import annotations

import subprocess
import sys
import time
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib import font_manager, ft2font
from PIL import Image

from pinggu._errors import ReportError
from pinggu._report import charts
from pinggu._report.charts import CompletionChart, StaffingChart, cjk_font_family, render_chart

NAMES = ("电访（人次）", "个案服务（个）", "小组工作（节）", "社区活动（场）", "探访长者（户）")
WARN = (0xD9, 0x62, 0x2B)
BLUE = (0x2F, 0x5D, 0x9A)
SHORT_BG = (0xFB, 0xE3, 0xD6)
A4_TEXT_WIDTH_PX = round(16 / 2.54 * 200)


def completion(count: int, *, expected: Decimal | None = None) -> CompletionChart:
    labels = tuple(
        f"{NAMES[i % len(NAMES)][:-4]}{i}{NAMES[i % len(NAMES)][-4:]}" for i in range(count)
    )
    percents = tuple(Decimal(35 + (i * 37) % 150) + Decimal("0.39") for i in range(count))
    return CompletionChart("服务指标完成情况", labels, percents, expected)


def staffing(actual: tuple[int, ...]) -> StaffingChart:
    months = tuple(f"2023-{m:02d}" for m in range(7, 7 + len(actual)))
    tens = tuple(Decimal(10) for _ in actual)
    fives = tuple(Decimal(5) for _ in actual)
    return StaffingChart(
        "社工逐月到岗情况", months, tens, tuple(Decimal(a) for a in actual), fives, fives
    )


def render_strictly(chart: CompletionChart | StaffingChart, path: Path) -> Image.Image:
    """Render with every warning an error: a missing glyph is a warning in matplotlib."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render_chart(chart, path)
    image = Image.open(path)
    image.load()
    return image


def share_of(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 6) -> float:
    pixels = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    near = sum(
        n
        for n, rgb in pixels
        if all(abs(a - b) <= tolerance for a, b in zip(rgb, colour, strict=True))
    )
    return near / (image.width * image.height)


@pytest.mark.parametrize("count", [3, 30])
def test_completion_chart_is_an_a4_wide_png_that_grows_with_indicators(tmp_path, count):
    image = render_strictly(completion(count), tmp_path / "图1.png")
    assert image.format == "PNG"
    assert abs(image.width - A4_TEXT_WIDTH_PX) <= 2
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.5)
    rows_px = (0.24 if count < 20 else 0.16) * 200 * count  # rows shrink to keep 15 cm
    assert rows_px < image.height < rows_px + 300  # bars plus title, axis and legend
    assert (tmp_path / "图1.png").stat().st_size > 5_000


def test_thirty_indicators_fit_in_three_fifths_of_an_a4_page(tmp_path):
    """A chart too tall for the rest of a page moves to the next and leaves a gap as tall as
    itself at most: at 15 cm that gap is less than two thirds of the page."""
    image = render_strictly(completion(30), tmp_path / "图1.png")
    assert image.height / 200 * 2.54 <= 15.05  # cm; the text area is 24.7 cm tall


def test_mid_term_chart_draws_time_progress_and_marks_indicators_behind_it(tmp_path):
    chart = CompletionChart(
        "服务指标完成情况（中期）",
        ("电访（人次）", "个案服务（个）"),
        (Decimal("80.00"), Decimal("90.00")),
        Decimal("50"),
    )
    ahead = render_strictly(chart, tmp_path / "ahead.png")
    assert share_of(ahead, BLUE) > 0.05
    # The same figures at term end are short of 100% and turn the warning colour.
    final = render_strictly(
        CompletionChart(chart.title, chart.labels, chart.percents), tmp_path / "final.png"
    )
    assert share_of(final, BLUE) < 0.005 < 0.05 < share_of(final, WARN)


def test_a_huge_percentage_is_cut_so_other_bars_stay_readable(tmp_path):
    chart = CompletionChart(
        "服务指标完成情况",
        ("电访（人次）", "个案服务（个）", "小组工作（节）"),
        (Decimal("1168.00"), Decimal("95"), Decimal("101.88")),
    )
    render_strictly(chart, tmp_path / "cut.png")
    with charts._cjk_rc():
        axes = charts._completion_figure(chart, 100).axes[0]
    assert axes.get_xlim()[1] < 300
    texts = [text.get_text() for text in axes.texts]
    assert "1168.00% ›" in texts
    assert "95.00%" in texts and "101.88%" in texts  # only the cut bar is marked


def test_staffing_chart_marks_short_months(tmp_path):
    full = render_strictly(staffing((10, 10, 10, 10, 10, 10)), tmp_path / "full.png")
    short = render_strictly(staffing((10, 10, 9, 10, 10, 10)), tmp_path / "short.png")
    # Only the legend's sample is shaded when every month is full.
    assert share_of(full, SHORT_BG) < 0.001
    assert share_of(short, SHORT_BG) > 0.01
    assert abs(short.width - A4_TEXT_WIDTH_PX) <= 2


def test_many_months_render_without_warnings(tmp_path):
    image = render_strictly(
        staffing(tuple(10 - (i % 5 == 0) for i in range(36))), tmp_path / "m.png"
    )
    assert abs(image.width - A4_TEXT_WIDTH_PX) <= 2


def test_the_chart_font_has_every_symbol_the_charts_print():
    family = cjk_font_family()
    assert family == "Noto Sans CJK SC"
    font = ft2font.FT2Font(
        font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    )
    for char in "\u2212%›0123456789.实到持证应不足的月份协议指标量时间进度达低于截断显示人数":
        assert font.get_char_index(ord(char)) != 0, char


def test_mismatched_or_empty_data_is_refused(tmp_path):
    with pytest.raises(ReportError, match="数据项数不一致"):
        render_chart(CompletionChart("图", ("甲", "乙"), (Decimal(1),)), tmp_path / "x.png")
    with pytest.raises(ReportError, match="没有数据"):
        render_chart(CompletionChart("图", (), ()), tmp_path / "x.png")


def test_missing_cjk_font_is_a_clear_error(tmp_path, monkeypatch):
    charts._register_cjk_font.cache_clear()
    monkeypatch.setattr(charts, "_FONT_DIRS", (tmp_path,))
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-match either
    try:
        with pytest.raises(ReportError, match="fonts-noto-cjk"):
            render_chart(completion(3), tmp_path / "x.png")
    finally:
        charts._register_cjk_font.cache_clear()


def test_rendering_never_loads_pyplot():
    script = (
        "import sys\n"
        "from decimal import Decimal\n"
        "from pathlib import Path\n"
        "import tempfile\n"
        "from pinggu._report.charts import CompletionChart, render_chart\n"
        "with tempfile.TemporaryDirectory() as d:\n"
        "    render_chart(CompletionChart('图', ('电访（人次）',), (Decimal(1),)), Path(d) / 'a.png')\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def test_a_chart_takes_well_under_a_second(tmp_path):
    render_chart(completion(30), tmp_path / "warm.png")
    started = time.perf_counter()
    for i in range(3):
        render_chart(completion(30), tmp_path / f"{i}.png")
    assert (time.perf_counter() - started) / 3 < 1.0
