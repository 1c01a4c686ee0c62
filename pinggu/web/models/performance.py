"""What the street office (购买方) enters for its station's performance evaluation (绩效评价,
docs/performance.md): the 预算 with its funding sources, the 绩效目标 rows and the 绩效叙述
blocks, as the engine's `Budget`, `PerformanceTarget` and `NarrativeBlock` hold them.

They belong to the station's final round of the contract year (the year the evaluation
covers): the performance report is written from that round's figures. Each of the three parts
replaces the workbook's own sheet once it has any rows (pinggu/web/performance/stored.py).
"""

from __future__ import annotations

from django.db import models

from .rounds import Round


class PerformanceBudget(models.Model):
    """The 预算 sheet of a round, in 元."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="budget")
    initial = models.DecimalField("年初预算数", max_digits=14, decimal_places=2)
    annual = models.DecimalField("全年预算数", max_digits=14, decimal_places=2)
    spent = models.DecimalField("全年执行数", max_digits=14, decimal_places=2)
    project_year = models.CharField("项目年度", max_length=40, blank=True)


class PerformanceFunding(models.Model):
    """One 资金来源 of a round's budget."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="funding")
    order = models.PositiveIntegerField()
    kind = models.CharField("类别", max_length=10)  # 财政资金 or 其他资金
    name = models.CharField("来源", max_length=100)
    amount = models.DecimalField("金额", max_digits=14, decimal_places=2)

    class Meta:
        ordering = ("order",)


class PerformanceTargetEntry(models.Model):
    """One 绩效目标 row (a 三级指标) as the engine's `PerformanceTarget`."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="performance_targets")
    order = models.PositiveIntegerField()
    level1 = models.CharField("一级指标", max_length=10)
    level2 = models.CharField("二级指标", max_length=40)
    level3 = models.CharField("三级指标", max_length=200)
    direction = models.CharField("指标方向", max_length=4)
    target = models.DecimalField("指标值", max_digits=14, decimal_places=4, null=True, blank=True)
    target_text = models.CharField("指标值（原文）", max_length=200, blank=True)
    unit = models.CharField("计量单位", max_length=20, blank=True)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    actual = models.DecimalField(
        "实际完成值", max_digits=14, decimal_places=4, null=True, blank=True
    )
    actual_text = models.CharField("实际完成值（文字）", max_length=500, blank=True)
    binding = models.CharField("取自", max_length=80, blank=True)
    score = models.DecimalField("定性得分", max_digits=6, decimal_places=2, null=True, blank=True)
    note = models.CharField("评分说明", max_length=500, blank=True)
    reason = models.CharField("偏差原因", max_length=500, blank=True)

    class Meta:
        ordering = ("order",)


class PerformanceNarrativeEntry(models.Model):
    """One 绩效叙述 block under one of the report's headings."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="performance_narrative")
    order = models.PositiveIntegerField()
    heading = models.CharField("部分", max_length=20)
    title = models.CharField("标题", max_length=100, blank=True)
    text = models.TextField("内容")

    class Meta:
        ordering = ("order",)
