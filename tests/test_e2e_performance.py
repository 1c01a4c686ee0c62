"""The performance evaluation in a real browser, at 1366 and 390 px wide.

The demo's street office (示例街道办事处) opens its station's final round, then 绩效评价: the
computed 自评表; it opens 绩效目标, types a qualitative score above the row's 分值 (refused, the
problem shown at that field, nothing saved), corrects it and saves, and the 自评表 shows the new
total. The district bureau finds the street's performance score on its dashboard. On each page,
at each width, nothing is squeezed and the browser reports no error (test_e2e_every_role.py's
checks). Screenshots go to build/screenshots/performance-<page>-<width>.png.
"""

from __future__ import annotations

import re

import pytest
from e2e import Person, chromium, needs_chromium
from playwright.sync_api import Page, expect
from test_e2e_every_role import Watcher, look

pytestmark = needs_chromium

STATION = "示例街社工服务站"


def _look(page: Page, name: str, problems: list[str]) -> None:
    look(page, "performance", name, problems)
    page.set_viewport_size({"width": 1366, "height": 900})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar
def test_the_street_office_fills_its_targets_and_sees_the_self_evaluation(demo_site: str) -> None:
    from pinggu.web.demo import PASSWORD

    problems: list[str] = []
    with chromium() as browser:
        office = Person(browser, demo_site, "purchaser_shili", PASSWORD)
        watcher = Watcher(office.page)
        office.login()
        page = office.open_round(STATION, "末期评估")
        page.get_by_role("link", name="打开绩效评价").click()
        expect(page.get_by_role("heading", name=f"{STATION}：绩效评价")).to_be_visible()
        expect(page.get_by_role("heading", name="项目支出绩效自评表")).to_be_visible()
        before = page.locator(".grade").inner_text()
        watcher.where = "self-evaluation"
        _look(page, "self-evaluation", problems)

        page.get_by_role("link", name="填写绩效目标").click()
        expect(page.get_by_role("heading", name=re.compile("绩效目标$"))).to_be_visible()
        row = page.locator("tbody.target").filter(
            has=page.locator('select option[selected]:text("定性")')
        )
        score = row.first.get_by_label("评分", exact=True)
        allotted = row.first.get_by_label("分值", exact=True).input_value()
        score.fill(str(int(allotted) + 5))
        watcher.where = "targets-refused"
        page.get_by_role("button", name="保存绩效目标").click()
        expect(page.get_by_text("以下内容有误，未保存")).to_be_visible()
        expect(page.locator("td.row-errors")).to_contain_text(f"评分不能超过分值 {allotted} 分")
        _look(page, "targets-refused", problems)
        page.locator("input.invalid").first.fill(str(int(allotted) - 2))
        page.get_by_role("button", name="保存绩效目标").click()
        expect(page.get_by_text("已保存「绩效目标」")).to_be_visible()
        after = page.locator(".grade").inner_text()
        assert after != before, (before, after)  # the 自评表 is the new one

        page.get_by_role("link", name="填写预算").click()
        watcher.where = "budget"
        _look(page, "budget", problems)
        page.get_by_role("link", name="返回绩效评价").click()
        page.get_by_role("link", name="填写绩效叙述").click()
        expect(page.get_by_label("第 1 段 · 部分")).to_have_value("项目基本情况")
        watcher.where = "narrative"
        _look(page, "narrative", problems)
        office.close()

        bureau = Person(browser, demo_site, "bureau_haizhu", PASSWORD)
        watcher_b = Watcher(bureau.page)
        page = bureau.login()
        page.goto("/dashboard/#performance")
        section = page.locator("section#performance")
        expect(section.get_by_role("heading", name="绩效评价")).to_be_visible()
        expect(section.get_by_role("row").filter(has_text=STATION)).to_contain_text(
            after.split(" ")[0]
        )
        section.scroll_into_view_if_needed()
        watcher_b.where = "dashboard"
        _look(page, "dashboard", problems)
        bureau.close()
    refused = "targets-refused: Failed to load resource: the server responded with a status of 400"
    errors = [e for e in watcher.errors + watcher_b.errors if not e.startswith(refused)]
    assert not errors + problems, "\n".join(errors + problems)
