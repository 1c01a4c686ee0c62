"""What the performance tests post: a budget and two target rows, as a browser sends them."""

from __future__ import annotations

BUDGET = {
    "initial": "2400000",
    "annual": "2,400,000",
    "spent": "2280000",
    "project_year": "",
    "s-1-kind": "财政资金",
    "s-1-name": "街道财政",
    "s-1-amount": "2400000",
}
TARGETS = {
    "t-1-level1": "产出指标",
    "t-1-level2": "数量",
    "t-1-level3": "个案服务",
    "t-1-direction": "≥",
    "t-1-target": "40",
    "t-1-unit": "个",
    "t-1-points": "50",
    "t-1-actual": "42",
    "t-2-level1": "效益指标",
    "t-2-level2": "社会效益",
    "t-2-level3": "社区参与",
    "t-2-direction": "定性",
    "t-2-target": "有效提升",
    "t-2-points": "30",
    "t-2-actual": "居民议事会常态化运作",
    "t-2-score": "27",
    "t-2-note": "议事会每月开会",
}
