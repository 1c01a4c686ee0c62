"""The street office's performance evaluation report (绩效评价报告, docs/performance.md):
seed 001's five parts and the completed 项目支出绩效自评表 as its 附件, written from the same
data as the evaluation report and audited by the same machinery (pinggu/_report/audit.py)."""
