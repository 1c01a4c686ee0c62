"""整改跟进 in a real browser: the experts' view of the 示例 final's rectification list on its
round page and the 整改跟进 page (the mid-term's concerns as marked), the station answering one
of the final's own concerns with a document, and the district's dashboard table. Nothing squeezed
at 1366 and 390 px, no browser error. Screenshots: build/screenshots/role-rectification-<page>-<width>.png.
"""

from __future__ import annotations

import pytest
from e2e import Person, chromium, needs_chromium
from playwright.sync_api import expect
from test_e2e_every_role import Watcher, look

pytestmark = needs_chromium

STATION = "示例街社工服务站"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar
def test_the_final_lists_the_midterms_concerns_and_the_station_answers_its_own(
    demo_site: str,
) -> None:
    from pinggu.web.demo import PASSWORD

    problems: list[str] = []
    with chromium() as browser:
        expert = Person(browser, demo_site, "expert1", PASSWORD)
        watcher = Watcher(expert.page)
        expert.login()
        page = expert.open_round(STATION, "末期评估")
        card = page.locator("#h-rectification + .card")
        expect(page.get_by_role("heading", name="整改跟进")).to_be_visible()
        expect(card.get_by_text("未整改").first).to_be_visible()
        expect(card.get_by_text("部分整改").first).to_be_visible()
        page.locator("#h-rectification").scroll_into_view_if_needed()
        watcher.where = "round"
        look(page, "rectification", "round", problems)
        page.set_viewport_size({"width": 1366, "height": 900})
        card.get_by_role("link", name="整改跟进").click()
        expect(page.get_by_role("heading", name=f"{STATION} 末期评估：整改跟进")).to_be_visible()
        expect(page.get_by_text("已列为本轮需要关注的意见").first).to_be_visible()
        watcher.where = "page"
        look(page, "rectification", "page", problems)
        expert.close()

        station = Person(browser, demo_site, "station_shili", PASSWORD)
        watcher_s = Watcher(station.page)
        station.login()
        page = station.open_round(STATION, "末期评估")
        page.locator("#h-rectification + .card").get_by_role("link", name="整改跟进").click()
        own = page.locator("article[aria-label='本轮意见 1']")
        own.get_by_label("整改措施").fill("已组织全站自查，补充完善人员流动预案，建立后备人才库。")
        own.get_by_role("button", name="保存整改措施").click()
        expect(page.get_by_text("已保存意见 1 的整改措施")).to_be_visible()
        own = page.locator("article[aria-label='本轮意见 1']")
        own.get_by_label("上传佐证材料").set_input_files(
            {"name": "人员流动预案.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        own.get_by_role("button", name="上传", exact=True).click()
        expect(page.get_by_text("已上传佐证材料「人员流动预案.pdf」")).to_be_visible()
        own = page.locator("article[aria-label='本轮意见 1']")
        expect(own.get_by_role("link", name="人员流动预案.pdf")).to_be_visible()
        own.scroll_into_view_if_needed()
        watcher_s.where = "answer"
        look(page, "rectification", "station", problems)
        station.close()

        bureau = Person(browser, demo_site, "bureau_haizhu", PASSWORD)
        watcher_b = Watcher(bureau.page)
        page = bureau.login()
        page.goto("/dashboard/#rectification")
        section = page.locator("section#rectification")
        expect(section.get_by_role("heading", name="整改跟进")).to_be_visible()
        expect(section.get_by_role("link", name=STATION)).to_be_visible()
        section.scroll_into_view_if_needed()
        watcher_b.where = "dashboard"
        look(page, "rectification", "dashboard", problems)
        bureau.close()
    errors = watcher.errors + watcher_s.errors + watcher_b.errors
    assert not errors + problems, "\n".join(errors + problems)
