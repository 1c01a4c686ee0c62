"""File spot checks in a real browser, the checklist filled with the keyboard only (issue 15).

Debian's chromium, driven by Playwright, against the app with the demo loaded: the 南岸 final
round (实地评估) has its file lists. The coordinator draws with a typed seed, then checks two
files at the desk using nothing but keys — `a` marks every item 符合; on the second file `2`
marks the first item 不符合 and the typed note follows, the rest by `1`, Enter saves — and the
spot-check page rolls the marks up. The station gets a 404 at the desk. Screenshots of the
draw, the desk and the roll-up go to build/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from e2e import SCREENSHOTS, Person, chromium, needs_chromium, shot
from playwright.sync_api import expect

pytestmark = needs_chromium

STATION = "南岸街社工服务站"
SEED = "南岸-档案-现场"
NOTE = "同意书缺少服务对象签名"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar
def test_a_files_checklist_filled_with_the_keyboard(
    demo_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pinggu.web.demo import PASSWORD
    from pinggu.web.models import CheckedFile, Round

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # reads only, between requests
    round_ = Round.objects.get(station__name=STATION, kind="final")
    with chromium() as browser:
        coordinator = Person(browser, demo_site, "coordinator", PASSWORD)
        page = coordinator.login()
        page.goto(f"/rounds/{round_.pk}/files/")
        expect(page.get_by_role("heading", name=re.compile("档案抽查"))).to_be_visible()
        page.get_by_label("种子").fill(SEED)
        page.get_by_label("种子").press("Enter")
        expect(page.locator(".notice")).to_contain_text("已抽样")
        expect(page.locator("code.seed")).to_have_text(SEED)
        shot(page, "spotcheck-01-draw")

        page.get_by_role("link", name="填写检查表").first.click()
        expect(page.get_by_role("heading", name=re.compile("档案检查"))).to_be_visible()
        first = page.locator(".file .id").inner_text()
        page.keyboard.press("a")  # every item 符合
        expect(page.locator("#save")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator(".notice").first).to_contain_text("（全部符合或不适用）")

        # The next file: the first item 不符合 with a note, the others 符合, Enter.
        items = page.locator("#check fieldset").count()
        page.keyboard.press("2")
        expect(page.locator("#check fieldset").first.locator(".note")).to_be_focused()
        page.keyboard.type(NOTE)
        page.keyboard.press("Enter")  # from the note: on to the next open item
        for _ in range(items - 1):
            page.keyboard.press("1")
        expect(page.locator("#save")).to_be_focused()
        shot(page, "spotcheck-02-desk")
        second = page.locator(".file .id").inner_text()
        page.keyboard.press("Enter")
        expect(page.locator(".notice").first).to_contain_text("（1 项不符合）")
        shot(page, "spotcheck-03-desk-next")

        checked = {f.file_id: f for f in CheckedFile.objects.filter(draw__round=round_)}
        assert checked[first.split()[0]].status == "checked"
        saved = checked[second.split()[0]].marks
        assert saved[0]["verdict"] == "不符合" and saved[0]["note"] == NOTE
        assert {m["verdict"] for m in saved[1:]} == {"符合"}

        page.goto(f"/rounds/{round_.pk}/files/")
        expect(page.locator("#h-result")).to_be_visible()
        expect(page.locator("body")).to_contain_text(NOTE)
        shot(page, "spotcheck-04-page")
        page.set_viewport_size({"width": 390, "height": 844})  # a phone: no sideways scrolling
        page.goto(f"/rounds/{round_.pk}/files/desk/")
        expect(page.get_by_role("heading", name=re.compile("档案检查"))).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shot(page, "spotcheck-06-desk-390")
        coordinator.close()

        station = Person(browser, demo_site, "station_nanan", PASSWORD)
        station.login()
        response = station.page.goto(f"/rounds/{round_.pk}/files/desk/")
        assert response is not None and response.status == 404
        station.page.goto(f"/rounds/{round_.pk}/files/")
        expect(station.page.locator("body")).not_to_contain_text(SEED)
        expect(station.page.locator("body")).to_contain_text("在报告出具后向社工站公开")
        shot(station.page, "spotcheck-05-station")
        station.page.set_viewport_size({"width": 390, "height": 844})
        station.page.goto(f"/rounds/{round_.pk}/")
        expect(station.page.get_by_role("heading", name="档案抽查")).to_be_visible()
        expect(station.page.locator("body")).not_to_contain_text(SEED)
        assert station.page.evaluate("document.documentElement.scrollWidth") <= 390
        station.page.get_by_role("heading", name="档案抽查").scroll_into_view_if_needed()
        station.page.screenshot(path=str(SCREENSHOTS / "spotcheck-07-round-card-390.png"))
        station.close()
