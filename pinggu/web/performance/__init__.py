"""The street office's performance evaluation (绩效评价, docs/performance.md) in the workspace:
its budget, targets and narrative entered per part, the computed 自评表 and the report."""
