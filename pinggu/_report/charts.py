"""Charts for the evaluation report, drawn with matplotlib from plain, already computed figures.

The report builder decides every number; this module only lays numbers out so that a reader
sees at a glance which indicators and which months fall short. It draws on a bare
`matplotlib.figure.Figure` with the Agg canvas and never touches pyplot's global state, so it
is safe in worker processes. The Chinese font is chosen explicitly (Noto Sans CJK): relying on
matplotlib's fallback would silently print empty boxes for every Chinese character.

Charts are drawn by the hundred each season, so the layout is computed from the labels
instead of by a layout engine (which draws every figure twice), and the PNG is saved with a
palette (a third of the size, three times faster to encode, indistinguishable on paper).
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.typing import RcKeyType
from PIL import Image

from .._errors import ReportError
from .chart_data import CompletionChart, StaffingChart

__all__ = ["CJK_FAMILY", "CompletionChart", "StaffingChart", "cjk_font_family", "render_chart"]

#: The face of the Noto Sans CJK collection with simplified-Chinese glyph shapes.
CJK_FAMILY = "Noto Sans CJK SC"
_FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
)
_FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
_NO_FONT = (
    "找不到中文字体 Noto Sans CJK（Debian 软件包 fonts-noto-cjk），图表中的中文无法显示。"
    "请安装：apt-get install fonts-noto-cjk"
)

_WIDTH_IN = 16 / 2.54  # the text width of an A4 portrait page
_PAD_IN = 0.06
_FONT_PT = 8.5
_SMALL_PT = 7.5
_TITLE_PT = 10.5
_LINE_IN = _FONT_PT * 1.25 / 72
_ROW_IN = 0.24  # one indicator bar, when there are few
_MIN_ROW_IN = 0.16  # … rows shrink to this so that many indicators still fit _MAX_HEIGHT_IN
# A chart with its caption that does not fit the rest of a page moves to the next one and
# leaves the rest empty: at most 15 cm (about three fifths of an A4 text height), that gap is
# never more than two thirds of a page.
_MAX_HEIGHT_IN = 15 / 2.54
_LABEL_MAX_IN = 2.2  # longer indicator names wrap rather than squeeze the bars
_LEGEND_IN = _PAD_IN + _SMALL_PT * 1.5 / 72
_TICKS_IN = _LINE_IN + 7 / 72  # tick length and pad under the x axis
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DENSE_MONTHS = 16  # beyond this month labels turn upright and shortfalls lose their numbers

_BLUE = "#2F5D9A"
_TEAL = "#3C9D8F"
_WARN = "#D9622B"
_SHORT_BG = "#FBE3D6"
_INK = "#333333"
_GRID = "#DDDDDD"
_DASHES = (0, (4.0, 2.0))
_DOTS = (0, (2.0, 1.0))
_CLIP_ABOVE = Decimal(250)  # beyond this one bar would squash all others …
_CLIP_AT = Decimal(200)  # … so bars are cut here and print their true value


def render_chart(chart: CompletionChart | StaffingChart, path: Path, *, dpi: int = 200) -> Path:
    """Draw `chart` as a PNG about 16 cm wide (an A4 portrait text width) and return `path`."""
    with _cjk_rc():
        if isinstance(chart, CompletionChart):
            figure = _completion_figure(chart, dpi)
        else:
            figure = _staffing_figure(chart, dpi)
        FigureCanvasAgg(figure)
        raw = io.BytesIO()
        figure.savefig(raw, format="rgba", dpi=dpi)
    size = figure.canvas.get_width_height(physical=True)
    pixels = Image.frombuffer("RGBA", size, raw.getvalue(), "raw", "RGBA", 0, 1)
    palette = pixels.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE)
    try:
        palette.save(path, format="PNG", dpi=(dpi, dpi))
    except OSError as exc:
        raise ReportError(f"无法写入图表文件 {path}：{exc}") from exc
    return path


def cjk_font_family() -> str:
    """Register Noto Sans CJK with matplotlib (once per process) and return its family name."""
    return _register_cjk_font()


@functools.cache
def _register_cjk_font() -> str:
    files = _cjk_font_files()
    known = {(entry.fname, entry.name) for entry in font_manager.fontManager.ttflist}
    for file in files:
        if (str(file), CJK_FAMILY) not in known:
            font_manager.fontManager.addfont(file)
    if CJK_FAMILY not in {entry.name for entry in font_manager.fontManager.ttflist}:
        raise ReportError(f"{_NO_FONT}（字体文件 {files[0]} 中没有 {CJK_FAMILY}）")
    return CJK_FAMILY


def _cjk_font_files() -> list[Path]:
    for folder in _FONT_DIRS:
        found = [folder / name for name in _FONT_FILES if (folder / name).is_file()]
        if found:
            return found
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        done = subprocess.run(
            [fc_match, "-f", "%{file}", f"{CJK_FAMILY}:style=Regular"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        file = Path(done.stdout.strip())
        if done.returncode == 0 and file.name.startswith("NotoSansCJK") and file.is_file():
            return [file]
    raise ReportError(_NO_FONT)


@contextmanager
def _cjk_rc() -> Iterator[None]:
    settings: dict[RcKeyType, object] = {
        "font.family": [_register_cjk_font()],
        "font.size": _FONT_PT,
        "axes.unicode_minus": True,
        "text.hinting": "no_hinting",  # at 200 dpi hinting shows no difference and costs 40%
        "text.color": _INK,
        "axes.labelcolor": _INK,
        "axes.edgecolor": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
    }
    with matplotlib.rc_context(settings):
        yield


def _ems(text: str) -> float:
    """A generous width estimate in ems: CJK fonts set wide and ambiguous characters full width.

    Measuring with the font would cost half a millisecond per label; a margin a little too
    wide costs nothing.
    """
    return sum(1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.62 for char in text)


def _wrap(label: str, max_ems: float) -> str:
    """Break a long indicator name into lines, preferably before its unit in brackets."""
    if _ems(label) <= max_ems:
        return label
    unit = label.rfind("（")
    if unit > 0 and _ems(label[:unit]) <= max_ems and _ems(label[unit:]) <= max_ems:
        return f"{label[:unit]}\n{label[unit:]}"
    lines, line = [], ""
    for char in label:
        if _ems(line + char) > max_ems:
            lines.append(line)
            line = ""
        line += char
    return "\n".join([*lines, line])


@dataclass(frozen=True)
class _Frame:
    """Where the plotting area sits, in inches; the figure is exactly as tall as its content."""

    left: float
    plot: float
    bottom: float
    top: float = _PAD_IN * 2 + _TITLE_PT * 1.35 / 72
    right: float = 0.1

    @property
    def height(self) -> float:
        return self.top + self.plot + self.bottom

    @property
    def plot_width(self) -> float:
        return _WIDTH_IN - self.left - self.right


def _new_figure(frame: _Frame, title: str, dpi: int) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(_WIDTH_IN, frame.height), dpi=dpi, facecolor="white")
    axes = figure.add_axes(
        (
            frame.left / _WIDTH_IN,
            frame.bottom / frame.height,
            frame.plot_width / _WIDTH_IN,
            frame.plot / frame.height,
        )
    )
    figure.text(
        _PAD_IN / _WIDTH_IN,
        1 - _PAD_IN / frame.height,
        title,
        ha="left",
        va="top",
        fontsize=_TITLE_PT,
        fontweight="bold",
    )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_axisbelow(True)
    return figure, axes


def _legend(figure: Figure, frame: _Frame, handles: Sequence[Patch | Line2D]) -> None:
    figure.legend(
        handles=list(handles),
        loc="lower center",
        bbox_to_anchor=(0.5, _PAD_IN / frame.height),
        ncol=len(handles),
        frameon=False,
        fontsize=_SMALL_PT,
        handlelength=1.6,
        handletextpad=0.5,
        columnspacing=1.4,
        borderpad=0,
        borderaxespad=0,
    )


def _percent_text(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def _amount_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _check_lengths(what: str, names: Sequence[str], *series: Sequence[Decimal]) -> None:
    if not names:
        raise ReportError(f"图表「{what}」没有数据，无法绘制")
    if any(len(values) != len(names) for values in series):
        raise ReportError(f"图表「{what}」的数据项数不一致：{len(names)} 个标签，数值个数不同")


def _completion_figure(chart: CompletionChart, dpi: int) -> Figure:
    _check_lengths(chart.title, chart.labels, chart.percents)
    labels = [_wrap(label, _LABEL_MAX_IN * 72 / _FONT_PT) for label in chart.labels]
    lines = max(label.count("\n") + 1 for label in labels)
    widest = max(_ems(line) for label in labels for line in label.split("\n")) * _FONT_PT / 72
    bottom = _LEGEND_IN + 0.06 + _TICKS_IN
    fitting = (_MAX_HEIGHT_IN - _Frame.top - bottom - 0.12) / len(labels)
    row = max(min(_ROW_IN, fitting), _MIN_ROW_IN, lines * _LINE_IN + 0.06 if lines > 1 else 0)
    frame = _Frame(left=_PAD_IN + widest + 5 / 72, plot=row * len(labels) + 0.12, bottom=bottom)
    figure, axes = _new_figure(frame, chart.title, dpi)
    reference = chart.expected if chart.expected is not None else Decimal(100)
    clip = _CLIP_AT if max(chart.percents) > _CLIP_ABOVE else None
    drawn = [float(min(value, clip) if clip is not None else value) for value in chart.percents]
    top = max(100.0, float(reference), *drawn)
    # Bars fill 62% of a row, and keep their thickness when rows grow for wrapped labels.
    half = 0.62 * min(_ROW_IN, row) / row / 2
    axes.add_collection(
        PolyCollection(
            [
                [(0, y - half), (x, y - half), (x, y + half), (0, y + half)]
                for y, x in enumerate(drawn)
            ],
            facecolors=[_WARN if value < reference else _BLUE for value in chart.percents],
            linewidths=0,
            zorder=2,
        ),
        autolim=False,
    )
    for y, (value, length) in enumerate(zip(chart.percents, drawn, strict=True)):
        cut = clip is not None and value > clip
        _bar_value(axes, y, value, length, top, short=value < reference, cut=cut)
    _row_labels(axes, labels, gap=5 / 72 / frame.plot_width)
    axes.set_ylim(len(labels) - 0.5, -0.5)
    axes.set_xlim(0, top * 1.17)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}%"))
    axes.grid(axis="x", color=_GRID, linewidth=0.6)
    _legend(figure, frame, _completion_lines(axes, chart.expected, clipped=clip))
    return figure


def _bar_value(
    axes: Axes, y: int, value: Decimal, length: float, top: float, *, short: bool, cut: bool
) -> None:
    """The true completion % at the end of a bar; a cut bar gets two white slashes and a ›."""
    if cut:
        span = top * 0.012
        for offset in (-span * 4.0, -span * 2.2):
            axes.plot(
                [length + offset - span * 0.4, length + offset + span * 0.4],
                [y + 0.38, y - 0.38],
                color="white",
                linewidth=1.6,
                zorder=3,
                solid_capstyle="butt",
            )
    axes.text(
        length + top * 0.008,
        y,
        _percent_text(value) + (" ›" if cut else ""),
        va="center",
        ha="left",
        fontsize=_SMALL_PT,
        color=_WARN if short else _INK,
        fontweight="bold" if cut else "normal",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8},
        zorder=4,
    )


def _row_labels(axes: Axes, labels: Sequence[str], *, gap: float) -> None:
    """Indicator names left of the bars, drawn as plain text: 30 tick objects would cost more
    than the rest of the chart."""
    axes.set_yticks([])
    place = axes.get_yaxis_transform()
    for y, label in enumerate(labels):
        axes.text(
            -gap, y, label, transform=place, ha="right", va="center", ma="right", clip_on=False
        )


def _completion_lines(
    axes: Axes, expected: Decimal | None, *, clipped: Decimal | None
) -> list[Patch | Line2D]:
    """Draw the reference lines and return the legend that explains lines and colours."""
    axes.axvline(100, color=_INK, linewidth=1.2, zorder=3)
    handles: list[Patch | Line2D] = [
        Line2D([], [], color=_INK, linewidth=1.2, label="协议指标量 100%"),
    ]
    if expected is None:
        handles += [Patch(color=_BLUE, label="已达到"), Patch(color=_WARN, label="未达到")]
    else:
        axes.axvline(float(expected), color=_WARN, linewidth=1.2, linestyle=_DASHES, zorder=3)
        progress = f"时间进度 {_amount_text(expected)}%"
        handles += [
            Line2D([], [], color=_WARN, linewidth=1.2, linestyle=_DASHES, label=progress),
            Patch(color=_BLUE, label="达到时间进度"),
            Patch(color=_WARN, label="低于时间进度"),
        ]
    if clipped is not None:
        handles.append(Patch(color="none", label=f"› 超过 {clipped}% 截断显示"))
    return handles


def _month_labels(months: Sequence[str]) -> tuple[list[str], int]:
    """'2023-07' → '7月', with the year under the first month and under every January.

    Returns the labels and how many lines they take; 0 means upright labels as given (many
    months, or months in another form).
    """
    parsed = [_MONTH.fullmatch(month) for month in months]
    matches = [match for match in parsed if match is not None]
    if len(matches) < len(months) or len(months) > _DENSE_MONTHS:
        return list(months), 0
    labels = []
    for index, match in enumerate(matches):
        year, month = match.group(1), int(match.group(2))
        labels.append(f"{month}月\n{year}年" if index == 0 or month == 1 else f"{month}月")
    return labels, 2


def _staffing_figure(chart: StaffingChart, dpi: int) -> Figure:
    series = (chart.required, chart.actual, chart.certified_required, chart.certified_actual)
    _check_lengths(chart.title, chart.months, *series)
    count = len(chart.months)
    labels, lines = _month_labels(chart.months)
    upright = max(_ems(label) for label in labels) * _FONT_PT / 72
    label_in = lines * _LINE_IN if lines else upright
    frame = _Frame(
        left=_PAD_IN + _LINE_IN + 0.3,
        plot=2.3,
        bottom=_LEGEND_IN + 0.06 + label_in + 5 / 72,
    )
    figure, axes = _new_figure(frame, chart.title, dpi)
    for month, (need, have, cert_need, cert_have) in enumerate(zip(*series, strict=True)):
        if have < need or cert_have < cert_need:
            axes.axvspan(month - 0.5, month + 0.5, color=_SHORT_BG, linewidth=0, zorder=0)
    numbered = count <= _DENSE_MONTHS
    total_x = [i - 0.19 for i in range(count)]
    certified_x = [i + 0.19 for i in range(count)]
    _bars(axes, total_x, chart.actual, chart.required, _BLUE, numbered=numbered)
    _bars(
        axes,
        certified_x,
        chart.certified_actual,
        chart.certified_required,
        _TEAL,
        numbered=numbered,
    )
    _level_marks(axes, total_x, chart.required, "solid")
    _level_marks(axes, certified_x, chart.certified_required, _DOTS)
    axes.set_xticks(range(count), labels, rotation=0 if lines else 90)
    axes.set_xlim(-0.5, count - 0.5)
    axes.set_ylim(0, float(max(max(values) for values in series)) * 1.15 + 0.6)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    axes.set_ylabel("人数")
    axes.grid(axis="y", color=_GRID, linewidth=0.6)
    axes.tick_params(axis="x", length=0)
    _legend(figure, frame, _staffing_handles(numbered=numbered))
    return figure


def _bars(
    axes: Axes,
    xs: Sequence[float],
    have: Sequence[Decimal],
    need: Sequence[Decimal],
    colour: str,
    *,
    numbered: bool,
) -> None:
    """In-post bars; a bar short of its requirement is hatched and says how many are missing."""
    for x, value, wanted in zip(xs, have, need, strict=True):
        short = value < wanted
        axes.bar(
            x,
            float(value),
            width=0.35,
            color=colour,
            edgecolor=_WARN if short else colour,
            hatch="////" if short else None,
            linewidth=0.8 if short else 0,
            zorder=2,
        )
        if short and numbered:
            axes.text(
                x,
                float(wanted) + 0.15,
                f"\u2212{_amount_text(wanted - value)}",
                ha="center",
                va="bottom",
                fontsize=7,
                color=_WARN,
                fontweight="bold",
                zorder=4,
            )


def _level_marks(axes: Axes, xs: Sequence[float], levels: Sequence[Decimal], style: object) -> None:
    """The requirement as a level mark across each bar, so a short bar shows its gap."""
    edges: list[float] = []
    heights: list[float] = []
    for x, level in zip(xs, levels, strict=True):
        edges += [x - 0.19, x + 0.19, float("nan")]
        heights += [float(level), float(level), float("nan")]
    axes.plot(edges, heights, color=_INK, linewidth=1.4, linestyle=style, zorder=3)


def _staffing_handles(*, numbered: bool) -> list[Patch | Line2D]:
    short = "不足的月份（−缺少人数）" if numbered else "不足的月份"
    return [
        Patch(color=_BLUE, label="实到"),
        Patch(color=_TEAL, label="持证实到"),
        Line2D([], [], color=_INK, linewidth=1.4, label="应到"),
        Line2D([], [], color=_INK, linewidth=1.4, linestyle=_DOTS, label="持证应到"),
        Patch(facecolor=_SHORT_BG, edgecolor=_WARN, hatch="////", label=short),
    ]
