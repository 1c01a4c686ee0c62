"""The demo's performance evaluation: the 示例 street office's budget, performance targets and
narrative for its station's final round — `synthetic_performance` of the round's own data,
most targets bound to figures pinggu computes — entered as the street office would in the
browser (through saving.py, so the audit log shows them by the street office's user). Loading
it twice changes nothing; a part entered since is left as it is. Everything is invented.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from pinggu import synthetic_performance

from .. import engine
from ..models import Round, Station
from ..performance import saving, stored

SEED = 2038  # the 示例 final round's data seed (demo/__init__.py)


def load_performance_demo(
    stations: dict[str, Station], users: dict[str, User], created: list[str]
) -> None:
    """The 示例 street office's entries in its station's final round, once."""
    round_ = Round.objects.filter(station=stations["示例"], kind=Round.Kind.FINAL).first()
    data = engine.data_of(round_) if round_ is not None else None
    if round_ is None or data is None or any(stored.part_of(round_, p) for p in stored.PARTS):
        return
    performance = synthetic_performance(data, SEED)
    parts = {
        "budget": performance.budget,
        "targets": performance.targets,
        "narrative": performance.narrative,
    }
    for part, value in parts.items():
        problem = saving.save(round_, users["purchaser_shili"], part, value, None)
        assert not problem, problem  # nothing entered before: nothing to conflict with
    created.append(
        f"绩效评价：{round_}（预算、{len(performance.targets)} 项绩效目标、"
        f"{len(performance.narrative)} 段叙述）"
    )
