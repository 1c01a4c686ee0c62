"""跟进提醒 and the dashboard's 困难群众跟进 in a real browser, at 1366 and 390 px wide.

The demo's station logs in, opens its reminders from the home page, filters them by 片区 (the
export link keeps the filter) and downloads the export; the district bureau opens the dashboard's
table and one station's drill-down. On each page, at each width, nothing is squeezed and the
browser reports no error (test_e2e_every_role.py's checks). Screenshots go to
build/screenshots/followup-<page>-<width>.png.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from e2e import Person, chromium, needs_chromium
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from test_e2e_every_role import Watcher, look

pytestmark = needs_chromium

STATION = "示例街社工服务站"


def _at_both_widths(page: Page, name: str, problems: list[str]) -> None:
    look(page, "followup", name, problems)
    page.set_viewport_size({"width": 1366, "height": 900})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar
def test_the_station_works_its_reminders_and_the_district_drills_down(demo_site: str) -> None:
    from pinggu.web.demo import PASSWORD

    problems: list[str] = []
    with chromium() as browser:
        station = Person(browser, demo_site, "station_shili", PASSWORD)
        watcher = Watcher(station.page)
        page = station.login()
        page.get_by_role("link", name=f"{STATION}：跟进提醒").click()
        expect(page.get_by_role("heading", name=f"{STATION}：跟进提醒")).to_be_visible()
        expect(page.get_by_text("分级跟进频次为评估方案中的示例")).to_be_visible()
        watcher.where = "reminders"
        _at_both_widths(page, "reminders", problems)
        zone = page.get_by_label("片区").locator("option").nth(1).inner_text()
        page.get_by_label("片区").select_option(zone)
        page.get_by_role("button", name="筛选").click()
        expect(page.get_by_text("筛选后")).to_be_visible()
        zones = page.locator("table").first.locator("tbody tr td:nth-child(9)").all_inner_texts()
        assert zones and set(zones) == {zone}
        _at_both_widths(page, "reminders-filtered", problems)
        _download, data = station.download("导出 Excel（.xlsx）")
        rows = list(load_workbook(BytesIO(data))["跟进提醒"].iter_rows(min_row=3, values_only=True))
        assert len(rows) == len(zones) and {r[8] for r in rows} == {zone}
        station.close()

        bureau = Person(browser, demo_site, "bureau_haizhu", PASSWORD)
        watcher_b = Watcher(bureau.page)
        page = bureau.login()
        page.goto("/dashboard/#followup")
        section = page.locator("section#followup")
        expect(section.get_by_role("heading", name="困难群众跟进")).to_be_visible()
        watcher_b.where = "dashboard"
        section.scroll_into_view_if_needed()
        _at_both_widths(page, "dashboard", problems)
        section.get_by_role("link", name=STATION).click()
        expect(page.get_by_role("heading", name=f"{STATION}：困难群众跟进情况")).to_be_visible()
        watcher_b.where = "drill-down"
        _at_both_widths(page, "drill-down", problems)
        bureau.close()
    errors = watcher.errors + watcher_b.errors
    assert not errors + problems, "\n".join(errors + problems)
