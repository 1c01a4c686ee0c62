"""The self-assessment and the on-site day in a real browser, at 1366 and 390 px wide.

The coordinator fills in 南岸's self-scores through the form and uploads its 自评报告 through the
file input; the expert opens the score form and finds the self-scores beside their fields and the
document to download, records 南岸's agenda and an interview, and opens 示例's on-site day; the
demo's 示例 station reads its own self-assessment. On each page nothing is squeezed and the
browser reports no error.
Screenshots go to build/screenshots/role-selfassess-<page>-<width>.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e import Person, chromium, needs_chromium
from playwright.sync_api import expect
from test_e2e_every_role import Watcher, look

pytestmark = needs_chromium

NANAN = "南岸街社工服务站"
SHILI = "示例街社工服务站"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar
def test_self_scores_and_documents_reach_the_experts_score_form(
    demo_site: str, tmp_path: Path
) -> None:
    from pinggu.web.demo import PASSWORD
    from pinggu.web.demo.onsite import _pdf

    report = tmp_path / "南岸街自评报告.pdf"
    report.write_bytes(_pdf())
    problems: list[str] = []
    with chromium() as browser:
        coordinator = Person(browser, demo_site, "coordinator", PASSWORD)
        watcher = Watcher(coordinator.page)
        page = coordinator.login()
        coordinator.open_round(NANAN, "末期评估")
        page.get_by_role("link", name="填写自评").click()
        expect(page.get_by_role("heading", name=f"{NANAN} 末期评估：自评")).to_be_visible()
        page.get_by_label("服务监测").fill("9")
        page.get_by_label("服务成效").fill("13.5")
        page.get_by_role("button", name="保存自评得分").click()
        expect(page.get_by_text("已保存自评得分")).to_be_visible()
        page.get_by_label("类别").select_option(label="自评报告")
        page.get_by_label("文件（PDF、Word 或图片").set_input_files(str(report))
        page.get_by_role("button", name="上传材料").click()
        expect(page.get_by_text("已上传「南岸街自评报告.pdf」")).to_be_visible()
        watcher.where = "self"
        look(page, "selfassess", "coordinator-form", problems)
        coordinator.close()

        expert = Person(browser, demo_site, "expert1", PASSWORD)
        watcher_e = Watcher(expert.page)
        page = expert.login()
        expert.open_round(NANAN, "末期评估")
        page.get_by_role("link", name="录入我的评分").click()
        beside = page.get_by_role("complementary")
        expect(beside.get_by_role("heading", name="社工站的自评材料")).to_be_visible()
        expect(beside.get_by_role("link", name="南岸街自评报告.pdf")).to_be_visible()
        row = page.get_by_role("row").filter(has_text="服务成效")
        expect(row.locator("td.selfscore")).to_have_text("13.5")
        watcher_e.where = "scores"
        look(page, "selfassess", "expert-score-form", problems)
        with page.expect_download() as info:
            beside.get_by_role("link", name="南岸街自评报告.pdf").click()
        assert Path(info.value.path()).read_bytes() == _pdf()

        expert.open_round(NANAN, "末期评估")
        page.get_by_role("link", name="记录实地评估").click()
        page.get_by_label("第 1 行环节").select_option("听取汇报")
        page.get_by_label("第 1 行开始时间").fill("9:00")
        page.get_by_label("第 1 行结束时间").fill("9:40")
        page.get_by_label("第 1 行说明").fill("站长汇报")
        page.get_by_label("王芳（评估专家）").check()
        page.get_by_role("button", name="保存安排").click()
        expect(page.get_by_text("已保存实地评估安排和出席专家")).to_be_visible()
        page.get_by_label("对象类型").select_option("服务对象")
        page.get_by_label("对象（写身份").fill("独居长者")
        page.get_by_label("人数").fill("2")
        page.get_by_label("时间（如 10:30").fill("11:40")
        page.get_by_label("内容（所见所闻）").fill("长者表示社工每月上门探访。")
        page.get_by_role("button", name="记录访谈").click()
        expect(page.get_by_text("已记录一条访谈")).to_be_visible()
        watcher_e.where = "onsite-form"
        look(page, "selfassess", "expert-onsite-form", problems)

        expert.open_round(SHILI, "末期评估")
        page.get_by_role("link", name="查看实地评估安排").click()
        expect(page.get_by_role("heading", name=f"{SHILI} 末期评估：实地评估")).to_be_visible()
        expect(page.get_by_text("较少写出可衡量的目标")).to_be_visible()
        watcher_e.where = "onsite"
        look(page, "selfassess", "expert-onsite-day", problems)
        expert.close()

        station = Person(browser, demo_site, "station_shili", PASSWORD)
        watcher_s = Watcher(station.page)
        page = station.login()
        station.open_round(SHILI, "末期评估")
        page.get_by_role("link", name="查看自评").click()
        expect(page.get_by_role("link", name="示例街社工站自评报告.pdf")).to_be_visible()
        watcher_s.where = "self"
        look(page, "selfassess", "station-issued", problems)
        station.close()
    errors = watcher.errors + watcher_e.errors + watcher_s.errors
    assert not errors + problems, "\n".join(errors + problems)
