"""Where the 指标 sheet types what the records or the roster also give, a difference is a warning
naming both figures (docs/contacts.md, docs/warnings.md): 电访 and 入户探访 人次 per 片区 against
the records, 困难群众和特殊群体建档 户/人 against the roster; and the result carries the follow-up."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

from contact_rows import EXAMPLE, client, data, record
from factories import evaluation

from pinggu import evaluate, load_scheme, result_to_dict
from pinggu._contacts.compliance import follow_up
from pinggu._contacts.model import ContactData, Method
from pinggu._model import IndicatorRow
from pinggu._warnings import contact_warnings

D = Decimal
START, END = date(2023, 7, 1), date(2024, 6, 30)

CONTACTS = data(
    [
        client("C1", 3, zone="第一片区", household="H1"),
        client("C2", 3, zone="第一片区", household="H1"),
        client("C3", 4, zone="第二片区", household="H3"),
    ],
    [
        record(date(2023, 7, 3), "C1"),
        record(date(2023, 7, 4), "C2"),
        record(date(2023, 7, 5), "C3", Method.VISIT),
        record(date(2023, 7, 6), "C3", Method.MESSAGE),  # not a 电访
    ],
)


def rows() -> list[IndicatorRow]:
    return [
        IndicatorRow("第一片区", "电访", "人次", D(10), D(2)),  # the records: 2
        IndicatorRow("第二片区", "电访", "人次", D(10), D(1)),  # the records: 0
        IndicatorRow("第二片区", "入户探访", "人次", None, D(1)),  # the records: 1
        IndicatorRow("第一片区", "建档", "人", D(3), D(2)),  # the roster: 2 persons
        IndicatorRow("第一片区", "建档", "户", D(3), D(2)),  # … in 1 household
    ]


def messages(contacts: ContactData = CONTACTS) -> list[tuple[str, str]]:
    result = evaluate(evaluation(indicators=rows()), load_scheme("guangzhou-2023"))
    found = contact_warnings(result.indicators, follow_up(contacts, EXAMPLE, START, END))
    return [(w.code, w.message) for w in found]


def test_a_typed_completion_that_differs_from_the_records_is_a_warning() -> None:
    assert messages() == [
        (
            "contact_schedule_example",
            "跟进情况按方案中的示例频次评判（docs/contacts.md），并非本区的正式要求",
        ),
        (
            "contact_count_differs",
            "第二片区「电访」（人次）：指标表填写的完成量为 1，协议量 10，服务记录计得 0 人次",
        ),
        (
            "filing_count_differs",
            "第一片区「困难群众和特殊群体建档」（户）：指标表填写的完成量为 2，协议量 3，"
            "服务对象名册在册 1 户",
        ),
    ]


def test_the_result_carries_the_follow_up_as_json() -> None:
    result = evaluate(evaluation(indicators=rows()), load_scheme("guangzhou-2023"))
    assert result.contacts is None  # no records: no follow-up
    assert result_to_dict(result)["contacts"] is None
    with_contacts = replace(result, contacts=follow_up(CONTACTS, EXAMPLE, START, END))
    doc = json.loads(json.dumps(result_to_dict(with_contacts)))["contacts"]
    assert doc["compliance"][0] == {
        "zone": "第一片区", "grade": 3, "period": "2023-07", "clients": 2, "met": 2
    }  # fmt: skip
    total = doc["zones"][-1]
    assert (total["zone"], total["clients"], total["households"], total["phone_calls"]) == (
        "合计", 3, 2, 2
    )  # fmt: skip
    assert total["contacts_per_client_year"] == 1.0  # 3 contacts ÷ 3 clients ÷ (366 ÷ 365)
    figures = {f["name"]: f for f in result_to_dict(with_contacts)["figures"]}
    # C1, C2 (三级): 12 months each, July met; C3 (四级): 4 quarters, the first met.
    met_share = figures["contacts.合计.met_share"]
    assert met_share["inputs"] == {"达标的对象期数": 3, "评判的对象期数": 28}
    assert met_share["value"] == 10.71  # 3 ÷ 28 × 100% = 10.714…%
    assert {p["kind"] for p in doc["patterns"]} == {"missing_greeting"}  # nobody was greeted


def test_evaluate_judges_the_follow_up_when_the_workbook_has_records() -> None:
    e = replace(evaluation(indicators=rows()), contacts=CONTACTS)
    result = evaluate(e, load_scheme("guangzhou-2023"))
    period = (e.info.period_start, e.info.period_end)
    assert result.contacts == follow_up(
        CONTACTS, EXAMPLE, *period, zones=["第一片区", "第二片区", "第三片区"]
    )
    assert "contact_count_differs" in {w.code for w in result.warnings}
    assert evaluate(e, load_scheme("district-pilot")).contacts is None  # no schedule
