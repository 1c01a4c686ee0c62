"""The clients' satisfaction survey (满意度调查) and the satisfaction it gives (docs/survey.md).

A `Survey` is what the engine needs from a finished (or partial) survey: the questionnaire's
items and scale, where the sample came from (seed, roster fingerprint and sizes), how many
clients were not reached or replaced, and each reached client's answers. It holds no name and
no phone number, because reports embed it for their audit.

`satisfaction` turns a survey into percentages by the scheme's formula (docs/survey.md):

- ``mean``: a respondent's score is the mean of the items they answered; the station's
  satisfaction is the mean of the respondents' scores ÷ scale × 100%, with a normal-approximation
  interval (mean ± z·s/√n, s the sample standard deviation);
- ``share``: a respondent is satisfied when their score is at least ``satisfied_min``; the
  satisfaction is the share satisfied, with a Wilson score interval.

Arithmetic is exact (fractions) up to the one square root of the interval, which is taken in
Decimal to 28 digits; every printed value is rounded half-up to one decimal, as the seeds print
89.4%. A reached client who answered no item counts as reached but is not scored.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ._errors import InvalidData
from ._numbers import HUNDRED, ZERO, shown

__all__ = [
    "CONFIDENCE_Z",
    "DEFAULT_ITEMS",
    "FORMULAS",
    "Estimate",
    "Satisfaction",
    "Survey",
    "SurveyResponse",
    "SurveySettings",
    "satisfaction",
]

DEFAULT_ITEMS = ("问题解决", "能力提升", "支持网络", "服务态度", "总体满意")
FORMULAS = ("mean", "share")
# Two-sided normal quantiles for the confidence levels a scheme may ask for.
CONFIDENCE_Z: dict[Decimal, Decimal] = {
    Decimal("0.90"): Decimal("1.645"),
    Decimal("0.95"): Decimal("1.96"),
    Decimal("0.99"): Decimal("2.576"),
}
PLACES = 1  # satisfaction is printed with one decimal: 89.4%


@dataclass(frozen=True)
class SurveySettings:
    """A scheme's [survey] table: the questionnaire, the draw and the formula."""

    items: tuple[str, ...] = DEFAULT_ITEMS
    scale: int = 5  # answers are 1..scale (Likert)
    formula: str = "mean"  # "mean" | "share"
    satisfied_min: Decimal = Decimal(4)  # share: a score at least this counts as satisfied
    sample_size: int = 100  # clients drawn (everyone when the roster is smaller)
    attempts: int = 3  # calls before a client counts as not reached and is replaced
    confidence: Decimal = Decimal("0.95")
    # Fewer scored answers than this and no interval is given: the approximation says nothing
    # there (two equal answers would give an interval of zero width).
    min_interval_answers: int = 10

    @property
    def z(self) -> Decimal:
        return CONFIDENCE_Z[self.confidence]


@dataclass(frozen=True)
class SurveyResponse:
    """One reached client's answers; no name, no phone."""

    client: str  # 编号 in the roster
    zone: str  # 片区
    answers: tuple[int | None, ...]  # one per item, 1..scale; None: no answer
    comment: str = ""

    def score(self) -> Fraction | None:
        """The mean of the answered items, exactly; None when no item was answered."""
        given = [a for a in self.answers if a is not None]
        return Fraction(sum(given), len(given)) if given else None


@dataclass(frozen=True)
class Survey:
    """What the engine needs from a survey: the sample's provenance, counts and answers."""

    items: tuple[str, ...]
    seed: str
    roster_fingerprint: str
    roster_size: int
    sample_size: int  # min(n, roster size) drawn
    replaced: int  # clients replaced from the reserve list
    not_reached: int  # calls that ended not reached (including those replaced)
    responses: tuple[SurveyResponse, ...]
    scale: int = 5  # the questionnaire's scale: answers are 1..scale

    def __post_init__(self) -> None:
        if not self.items or len(set(self.items)) != len(self.items):
            raise InvalidData("满意度调查的题目应至少一项且不重复")
        if self.scale < 2:
            raise InvalidData(f"满意度调查的评分等级应至少为 2，实为 {self.scale}")
        for name in ("roster_size", "sample_size", "replaced", "not_reached"):
            if getattr(self, name) < 0:
                raise InvalidData(f"满意度调查的 {name} 不能为负数")
        seen: set[str] = set()
        for r in self.responses:
            if r.client in seen:
                raise InvalidData(f"服务对象编号「{r.client}」出现了两次")
            seen.add(r.client)
            if len(r.answers) != len(self.items):
                raise InvalidData(
                    f"服务对象「{r.client}」有 {len(r.answers)} 个回答，题目有 {len(self.items)} 项"
                )
            bad = [a for a in r.answers if a is not None and not 1 <= a <= self.scale]
            if bad:
                raise InvalidData(f"服务对象「{r.client}」的评分 {bad[0]} 不在 1–{self.scale} 之间")


@dataclass(frozen=True)
class Estimate:
    """A satisfaction in percent, rounded to one decimal, with its confidence interval."""

    value: Decimal
    low: Decimal
    high: Decimal
    n: int  # respondents scored (for an item: answers to it)
    satisfied: int | None = None  # share formula: how many of the n were satisfied


@dataclass(frozen=True)
class Satisfaction:
    """The survey's result: station, 片区 and item, and the counts of the sample."""

    formula: str
    confidence: Decimal
    overall: Estimate | None  # None: nobody gave a scored answer yet
    by_zone: tuple[tuple[str, Estimate | None], ...]
    by_item: tuple[tuple[str, Estimate | None], ...]
    sample_size: int
    reached: int
    replaced: int
    not_reached: int
    scale: int = 5
    satisfied_min: Decimal = Decimal(4)
    min_interval_answers: int = 10

    def shows_interval(self, estimate: Estimate) -> bool:
        """Whether the estimate rests on enough answers for its interval to be given."""
        return estimate.n >= self.min_interval_answers

    def formula_text(self) -> str:
        """How the percentages were computed, in words (for the JSON figures and the audit)."""
        if self.formula == "share":
            return (
                f"各题平均分不低于 {self.satisfied_min} 分的服务对象人数 ÷ 有效回答人数 × 100%"
                f"（Wilson 区间，置信水平 {self.confidence}）"
            )
        return (
            f"各服务对象各题平均分的平均 ÷ {self.scale} × 100%"
            f"（正态近似区间，置信水平 {self.confidence}）"
        )


def satisfaction(
    survey: Survey, settings: SurveySettings, zones: Sequence[str] = ()
) -> Satisfaction:
    """The survey's satisfaction by the scheme's formula; `zones` only orders `by_zone`."""
    estimate = _mean if settings.formula == "mean" else _share

    def of_respondents(responses: Sequence[SurveyResponse]) -> Estimate | None:
        scores = [s for s in (r.score() for r in responses) if s is not None]
        return estimate(scores, survey.scale, settings)

    order = list(zones) + [r.zone for r in survey.responses]
    zone_names = list(dict.fromkeys(z for z in order if any(r.zone == z for r in survey.responses)))
    by_item = []
    for i, item in enumerate(survey.items):
        answers = [Fraction(a) for a in (r.answers[i] for r in survey.responses) if a is not None]
        by_item.append((item, estimate(answers, survey.scale, settings)))
    return Satisfaction(
        formula=settings.formula,
        confidence=settings.confidence,
        overall=of_respondents(survey.responses),
        by_zone=tuple(
            (z, of_respondents([r for r in survey.responses if r.zone == z])) for z in zone_names
        ),
        by_item=tuple(by_item),
        sample_size=survey.sample_size,
        reached=len(survey.responses),
        replaced=survey.replaced,
        not_reached=survey.not_reached,
        scale=survey.scale,
        satisfied_min=settings.satisfied_min,
        min_interval_answers=settings.min_interval_answers,
    )


def _mean(scores: Sequence[Fraction], scale: int, settings: SurveySettings) -> Estimate | None:
    """Mean score ÷ scale × 100%, interval mean ± z·s/√n (s with n − 1), clipped to 0–100%."""
    n = len(scores)
    if n == 0:
        return None
    mean = sum(scores, Fraction(0)) / n
    to_percent = Fraction(100, scale)
    if n < 2:  # one score says nothing about its spread: the interval is the whole range
        return Estimate(_rounded(mean * to_percent), shown(ZERO, PLACES), _hundred(), n)
    variance = sum(((s - mean) ** 2 for s in scores), Fraction(0)) / (n - 1)
    half = settings.z * _decimal(variance / n).sqrt() * _decimal(to_percent)
    centre = _decimal(mean * to_percent)
    return Estimate(
        _rounded(mean * to_percent), _clipped(centre - half), _clipped(centre + half), n
    )


def _share(scores: Sequence[Fraction], scale: int, settings: SurveySettings) -> Estimate | None:
    """Share of scores ≥ satisfied_min, with the Wilson score interval."""
    n = len(scores)
    if n == 0:
        return None
    minimum = Fraction(settings.satisfied_min)
    k = sum(1 for s in scores if s >= minimum)
    p = Fraction(k, n)
    z = Fraction(settings.z)
    z2 = z * z
    denominator = 1 + z2 / n
    centre = _decimal((p + z2 / (2 * n)) / denominator)
    root = _decimal(p * (1 - p) / n + z2 / (4 * n * n)).sqrt()
    half = _decimal(z / denominator) * root
    return Estimate(
        _rounded(p * 100),
        _clipped(HUNDRED * (centre - half)),
        _clipped(HUNDRED * (centre + half)),
        n,
        k,
    )


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _rounded(percent: Fraction) -> Decimal:
    """Exactly half-up to one decimal (percent ≥ 0): no binary or decimal rounding on the way."""
    return Decimal(math.floor(percent * 10 + Fraction(1, 2))).scaleb(-PLACES)


def _hundred() -> Decimal:
    return shown(HUNDRED, PLACES)


def _clipped(percent: Decimal) -> Decimal:
    return shown(min(max(percent, ZERO), HUNDRED), PLACES)
