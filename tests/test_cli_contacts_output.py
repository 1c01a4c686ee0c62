"""What `pinggu contacts` prints, from a follow-up built by hand: the JSON the issue specifies
(grades as numbers, periods as YYYY-MM or YYYY-Qn, the overdue list only for a day asked about)
and the tables a station reads in the terminal."""

from __future__ import annotations

import json
from datetime import date

from follow_up_rows import OVERDUE, follow_up

from pinggu._contacts.show import PATTERNS_SHOWN, follow_up_json, follow_up_text


def test_the_json_has_the_fields_the_issue_names() -> None:
    doc = json.loads(json.dumps(follow_up_json(follow_up(), on=date(2023, 3, 15), overdue=OVERDUE)))
    assert doc["compliance"][0] == {
        "zone": "片区A",
        "grade": 1,
        "period": "2023-01",
        "clients": 1,
        "met": 1,
    }
    assert {"zone": "片区A", "grade": 4, "period": "2023-Q1", "clients": 1, "met": 0} in doc[
        "compliance"
    ]
    client = doc["clients"][1]
    assert {
        k: client[k] for k in ("client", "zone", "grade", "period", "contacts", "visits", "met")
    } == {
        "client": "C001",
        "zone": "片区A",
        "grade": 1,
        "period": "2023-02",
        "contacts": 2,
        "visits": 0,
        "met": False,
    }
    assert client["unmet"] == [
        "第2周（2月6日–2月12日）联系0次，应至少1次",
        "2月入户探访0次，应至少1次",
    ]
    first, second = doc["overdue"]
    assert {
        k: first[k] for k in ("client", "zone", "grade", "last_contact", "due", "days_overdue")
    } == {
        "client": "C002",
        "zone": "片区A",
        "grade": 4,
        "last_contact": None,
        "due": "2023-03-01",
        "days_overdue": 14,
    }
    assert second["last_contact"] == "2023-02-20" and second["days_overdue"] == 0
    kinds = {p["kind"]: p for p in doc["patterns"]}
    assert kinds["busy_worker_day"]["worker"] == "SG03" and "client" not in kinds["busy_worker_day"]
    assert kinds["no_contact"]["client"].startswith("C2") and "worker" not in kinds["no_contact"]
    assert all(p["detail"] for p in doc["patterns"])
    assert doc["period"] == {"start": "2023-01-01", "end": "2023-03-31", "source": ""}
    total = doc["zones"][-1]
    assert total["zone"] == "合计" and total["judged"] == 12 and total["met_share"] == 75


def test_the_overdue_list_is_in_the_json_only_when_a_day_is_asked_about() -> None:
    doc = follow_up_json(follow_up())
    assert "overdue" not in doc and "on" not in doc
    asked = follow_up_json(follow_up(), on=date(2023, 4, 1))
    assert asked["overdue"] == [] and asked["on"] == "2023-04-01"


def test_the_text_shows_each_zone_each_period_by_grade_and_the_patterns() -> None:
    text = follow_up_text(follow_up(), "示例方案", source="考核期由 --from、--to 指定")
    assert "【困难群众跟进情况】2023年1月1日 至 2023年3月31日（考核期由 --from、--to 指定）" in text
    # the schedule is said to be the scheme's, and an example
    assert "评估方案「示例方案」的分级跟进要求（示例频次，各区应替换为本区的规定）" in text
    assert "一级：每周至少联系1次，每月至少入户探访1次" in text
    assert "计入联系的方式：电访、入户探访、来访、外展；微信或短信、其他只记录，不计入" in text
    lines = text.splitlines()
    zone_a = next(line for line in lines if line.startswith("片区A ") and "%" in line)
    assert zone_a.split() == ["片区A", "2", "3", "10", "3", "8", "5", "62.50%", "4.3"]
    # one line per 片区 and period, 达标/应考核 under each grade, 「—」 where not judged
    january = next(line for line in lines if line.startswith("片区A") and "2023-01" in line)
    assert january.split() == ["片区A", "2023-01", "1/1", "1/2", "—"]
    quarter = next(line for line in lines if "2023-Q1" in line)
    assert quarter.split() == ["片区A", "2023-Q1", "—", "—", "0/1"]
    periods = [line.split()[1] for line in lines if line.startswith("片区A  20")]
    assert periods == ["2023-01", "2023-02", "2023-03", "2023-Q1"]
    assert "跟进提醒" not in text
    assert "考核期内没有任何联系（25 条）" in text
    assert f"另有 {25 - PATTERNS_SHOWN} 条（--json 列出全部）" in text


def test_the_overdue_list_is_printed_for_the_day_asked_about() -> None:
    text = follow_up_text(follow_up(), "示例方案", on=date(2023, 3, 15), overdue=OVERDUE)
    assert "跟进提醒：2023年3月15日已到期或逾期的服务对象（2 人）" in text
    row = next(line for line in text.splitlines() if line.startswith("片区A") and "C002" in line)
    assert row.split() == [
        "片区A",
        "乙社区",
        "C002",
        "四级",
        "联系",
        "—",
        "—",
        "2023年3月1日",
        "14",
    ]


def test_the_summary_for_evaluate_leaves_out_the_periods_and_the_records() -> None:
    text = follow_up_text(follow_up(), "示例方案", summary=True)
    assert "2023-Q1" not in text and "C200" not in text
    assert "片区B" in text and "考核期内没有任何联系（25 条）" in text
