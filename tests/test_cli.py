"""The command line as a user runs it: the example evaluates, a bad workbook is refused with its list."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pinggu.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "示例街社工服务站-末期评估.xlsx"


def test_evaluate_example_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(EXAMPLE), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    for key in (
        "station",
        "evaluation_kind",
        "period_months",
        "total_score",
        "grade",
        "vetoes",
        "parties",
        "staffing",
        "indicators",
        "warnings",
    ):
        assert key in doc
    assert doc["station"] == "示例街社工服务站" and doc["evaluation_kind"] == "末期评估"
    assert doc["grade"] in {"优秀", "良好", "合格", "不合格"}
    parties = doc["parties"]
    assert [p["party"] for p in parties] == ["第三方评估机构", "购买方", "督导中心", "监督方"]
    assert doc["total_score"] == pytest.approx(sum(p["score"] for p in parties), abs=1e-9)
    quality = parties[0]["dimensions"][3]
    assert [z["zone"] for z in quality["zones"]] == ["第一片区", "第二片区", "第三片区"]
    staffing = doc["staffing"]
    assert staffing["required"] == 200 and len(staffing["months"]) == 10
    assert staffing["actual"] == sum(m["actual"] for m in staffing["months"])
    for row in doc["indicators"]:
        if row["zone"] == "合计":
            zones = [
                r
                for r in doc["indicators"]
                if (r["indicator"], r["measure"]) == (row["indicator"], row["measure"])
                and r["zone"] != "合计"
            ]
            assert row["actual"] == sum(r["actual"] for r in zones)
    names = {f["name"] for f in doc["figures"]}
    assert {"total_score", "staffing.retention_rate", "staffing.shortfall"} <= names


def test_evaluate_prints_readable_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "示例街社工服务站 末期评估" in out
    assert "【评分】" in out and "服务质量（第一片区）" in out and "【人员到岗】" in out


def test_a_bad_workbook_exits_non_zero_with_located_errors(tmp_path: Path) -> None:
    blank = tmp_path / "空白.xlsx"
    assert main(["template", str(blank)]) == 0
    proc = subprocess.run(
        [sys.executable, "-m", "pinggu.cli", "evaluate", str(blank), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "未计算任何结果" in proc.stderr and "工作表「基本信息」" in proc.stderr


def test_a_file_that_is_not_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "报告.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 2
    assert "工作簿" in capsys.readouterr().err


def test_an_unknown_scheme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(EXAMPLE), "--scheme", "nowhere"]) == 2
    assert "没有名为「nowhere」的评估方案" in capsys.readouterr().err
