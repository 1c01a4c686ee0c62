"""The satisfaction survey in a real browser, keyboard only (issue 5).

Debian's chromium, driven by Playwright, against the app on 127.0.0.1 (pytest-django's live
server sharing the test database, seeded by load_demo: every demo station has a client roster).
After logging in through the form, the coordinator uses nothing but the keyboard (page.keyboard:
Tab, typed text, the desk's keys; no clicks): draws 6 clients of the 北园 station with a typed
seed, opens the desk and works down the list — reached clients answered with the digit keys and
a typed comment, an empty number replaced at once by the next reserve client of the same 片区,
a client who does not answer called three times and then replaced — until the list is done.
The round page then shows the satisfaction the engine computed from those answers; the station
bureau gets a 404 on the desk. Screenshots of the draw page and the desk go to build/screenshots/.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from e2e import Person, chromium, needs_chromium, shot
from playwright.sync_api import Page, expect

pytestmark = needs_chromium

STATION = "北园街社工服务站"  # the demo's mid-term round in 自评, with data and a roster
SEED = "北园-2024-现场"
N = 6


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def typed(page: Page, text: str) -> None:
    """Replace the focused field's text with `text`."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def current_client(page: Page) -> str:
    heading = page.locator("#client-h").inner_text()
    found = re.search(r"编号 (\S+)", heading)
    assert found, heading
    return found[1]


def reach(page: Page, answers: str, comment: str = "") -> str:
    """r, one digit per item, the comment, Enter; returns the client's number."""
    client = current_client(page)
    page.keyboard.press("r")
    for digit in answers:
        page.keyboard.press(digit)
    expect(page.locator("#comment")).to_be_focused()
    if comment:
        page.keyboard.type(comment)
    page.keyboard.press("Enter")
    expect(page.locator(".notice").first).to_contain_text(f"已保存：{client} 已联系上")
    return client


def miss(page: Page, reason_key: str) -> str:
    """n, the reason's digit, Enter (on the focused save button); returns the client's number."""
    client = current_client(page)
    page.keyboard.press("n")
    page.keyboard.press(reason_key)
    expect(page.locator("#save")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".notice").first).to_contain_text(f"已保存：{client} 未联系上")
    return client


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar
def test_a_survey_done_with_the_keyboard_only(
    demo_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pinggu.web.demo import PASSWORD
    from pinggu.web.models import AccessLog, Round, SurveyCall

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # reads only, between requests
    round_ = Round.objects.get(station__name=STATION)
    with chromium() as browser:
        coordinator = Person(browser, demo_site, "coordinator", PASSWORD)
        page = coordinator.login()

        # The draw: to the round, then its survey card's link, all by Tab and Enter.
        tab_to(page, f'a[href="/rounds/{round_.pk}/"]')
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=f"{STATION} 中期评估")).to_be_visible()
        tab_to(page, f'a[href="/rounds/{round_.pk}/survey/"]')
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=re.compile("满意度调查抽样"))).to_be_visible()
        expect(page.locator("#n")).to_have_value("100")
        tab_to(page, "#n")
        typed(page, str(N))
        page.keyboard.press("Tab")
        typed(page, SEED)
        page.keyboard.press("Enter")
        expect(page.locator(".notice")).to_contain_text("已抽样")
        expect(page.locator("code.seed")).to_have_text(SEED)
        shot(page, "survey-01-draw")

        # The desk.
        tab_to(page, f'a[href="/rounds/{round_.pk}/survey/desk/"]')
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=re.compile("满意度调查台"))).to_be_visible()
        expect(page.locator(".phone")).to_have_text(re.compile(r"^139 0000 \d{4}$"))
        expect(page.locator(".name")).to_have_text(re.compile(r"^\S\*+$"))
        shot(page, "survey-02-desk")
        reached = [reach(page, "54455", "社工很耐心，每月都来探访")]
        empty = miss(page, "2")  # 空号: the next reserve of the same 片区 at once
        expect(page.locator(".notice").first).to_contain_text("已由同片区的备用服务对象")
        page.keyboard.press("r")
        page.keyboard.press("4")
        shot(page, "survey-03-desk-answering")
        page.keyboard.press("Escape")
        expect(page.locator("input[name=outcome][value=reached]")).to_be_focused()
        page.keyboard.press("n")
        expect(page.locator("#reasons")).to_be_visible()
        expect(page.locator("#items")).to_be_hidden()
        shot(page, "survey-04-desk-not-reached")
        absent = miss(page, "1")  # 无人接听: called again after the others
        expect(page.locator(".notice").first).to_contain_text("第 1 次；稍后再拨")
        while current_client(page) != absent:
            reached.append(reach(page, "45445"))
        shot(page, "survey-05-desk-second-round")
        miss(page, "1")
        expect(page.locator(".notice").first).to_contain_text("第 2 次")
        miss(page, "1")  # the third unanswered call: replaced
        expect(page.locator(".notice").first).to_contain_text("已由同片区的备用服务对象")
        reached.append(reach(page, "33443", "希望活动多一些"))
        expect(page.locator(".card").first).to_contain_text("已没有待拨打的服务对象")
        expect(page.locator(".progress-line")).to_contain_text(f"已完成 {N} / {N}")
        shot(page, "survey-06-desk-done")

        calls = {c.client: c for c in SurveyCall.objects.filter(draw__round=round_)}
        assert len(calls) == N + 2
        for replaced in (empty, absent):
            call = calls[replaced]
            assert call.status == "replaced"
            assert call.replaced_by.zone == call.zone  # the replacement keeps the 片区
            assert call.replaced_by.status == "reached"
        assert sorted(reached) == sorted(c for c, call in calls.items() if call.status == "reached")
        assert calls[reached[0]].answers == [5, 4, 4, 5, 5]
        assert calls[reached[0]].comment == "社工很耐心，每月都来探访"
        assert [t["reason"] for t in calls[absent].tries] == ["无人接听"] * 3
        viewed = set(AccessLog.objects.filter(round=round_).values_list("client", flat=True))
        assert viewed == set(calls)  # every phone shown was logged

        # The round page shows the engine's satisfaction of these answers.
        tab_to(page, f'a[href="/rounds/{round_.pk}/"]')
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="服务对象满意度")).to_be_visible()
        shown = page.locator("#h-satisfaction + .card .grade").inner_text()
        from pinggu.web.engine import result_of

        result = result_of(Round.objects.get(pk=round_.pk))
        assert result is not None and result.satisfaction is not None
        assert result.satisfaction.overall is not None
        assert shown == f"{result.satisfaction.overall.value}%"
        assert result.satisfaction.overall.value > Decimal(50)
        shot(page, "survey-07-round")

        # The district bureau sees the round and its result, but not the desk.
        bureau = Person(browser, demo_site, "bureau_baiyun", PASSWORD)
        other = bureau.login()
        response = other.goto(f"/rounds/{round_.pk}/survey/desk/")
        assert response is not None and response.status == 404
