"""A synthetic satisfaction survey of an evaluation's station: its 片区, about 100 clients called,
a few not reached and replaced from the reserve list, answers around a station-wide level.

Nobody real: client numbers are invented (K + 片区 number + serial), the roster fingerprint is a
hash of the seed, and comments come from a short list of stock phrases. The same evaluation and
seed always give the same `Survey`.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from .._model import Evaluation
from .._survey import DEFAULT_ITEMS, Survey, SurveyResponse

REACH_RATE = 0.9  # chance that a call reaches the client
MAX_REPLACEMENTS = 2  # replacements tried for one drawn client before the place stays empty
COMMENTS = (
    "社工很耐心，有问题都能及时回应。",
    "希望多组织一些社区活动。",
    "社工经常上门探访，很关心我们。",
    "协助申请了临时救助，解决了实际困难。",
    "希望电话回访时间能安排在晚上。",
)


def synthetic_survey(
    evaluation: Evaluation,
    seed: int | str,
    *,
    n: int = 100,
    scale: int = 5,
    items: Sequence[str] = DEFAULT_ITEMS,
) -> Survey:
    """An invented survey of `evaluation`'s station, the same for the same arguments."""
    if n < 1 or scale < 2 or not items:
        raise ValueError("n must be at least 1, scale at least 2, and items not empty")
    rng = random.Random(f"survey-{seed}")
    zones = [z.name for z in evaluation.zones]
    sizes = [rng.randint(80, 400) for _ in zones]
    drawn = _allocated(sizes, min(n, sum(sizes)))
    level = rng.uniform(0.78, 0.92) * scale  # the station's typical mean score
    responses: list[SurveyResponse] = []
    replaced = not_reached = 0
    for z, (zone, quota) in enumerate(zip(zones, drawn, strict=True)):
        serial = 0
        for _ in range(quota):
            for attempt in range(MAX_REPLACEMENTS + 1):
                serial += 1
                if rng.random() < REACH_RATE:
                    client = f"K{z + 1:02d}{serial:04d}"
                    responses.append(_response(rng, client, zone, level, scale, len(items)))
                    break
                not_reached += 1
                if attempt < MAX_REPLACEMENTS:
                    replaced += 1
    fingerprint = hashlib.sha256(f"synthetic-roster-{seed}".encode()).hexdigest()
    return Survey(
        items=tuple(items),
        seed=f"synthetic-{seed}",
        roster_fingerprint=fingerprint,
        roster_size=sum(sizes),
        sample_size=sum(drawn),
        replaced=replaced,
        not_reached=not_reached,
        responses=tuple(responses),
        scale=scale,
    )


def _allocated(sizes: list[int], n: int) -> list[int]:
    """n shared in proportion to sizes by largest remainder (ties to the earlier 片区)."""
    total = sum(sizes)
    quotas = [size * n // total for size in sizes]
    by_remainder = sorted(range(len(sizes)), key=lambda i: (-(sizes[i] * n % total), i))
    for i in by_remainder[: n - sum(quotas)]:
        quotas[i] += 1
    return quotas


def _response(
    rng: random.Random, client: str, zone: str, level: float, scale: int, items: int
) -> SurveyResponse:
    if rng.random() < 0.02:  # answered the phone but declined every question
        return SurveyResponse(client, zone, (None,) * items)
    own = rng.gauss(level, 0.09 * scale)
    answers = tuple(
        None if rng.random() < 0.03 else min(scale, max(1, round(rng.gauss(own, 0.1 * scale))))
        for _ in range(items)
    )
    comment = rng.choice(COMMENTS) if rng.random() < 0.25 else ""
    return SurveyResponse(client, zone, answers, comment)
