"""Browser helpers for the end-to-end test: Debian's chromium driven by Playwright (sync API).

Nothing is downloaded: Playwright's own browser builds are never installed (`playwright
install` is not run); the test uses /usr/bin/chromium, which `./run test` installs with apt-get.
Each person gets their own browser context (own cookies), logs in through the login form and
works only through the pages: links, buttons, form fields and file inputs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Download, Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Every browser test is marked with this: without the browser they are skipped, saying how to get it
# — except under `./run test`, which sets PINGGU_REQUIRE_BROWSER so that a missing browser fails the
# run instead of letting it pass with the browser tests quietly left out.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("PINGGU_REQUIRE_BROWSER"),
    reason=f"{CHROMIUM} 不存在：请安装 Debian 软件包 chromium（./run test 会自动安装）",
)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Person:
    """One user in their own browser context, logged in through the login page."""

    def __init__(self, browser: Browser, base_url: str, username: str, password: str) -> None:
        self.username = username
        self.base_url = base_url
        self.context = browser.new_context(
            base_url=base_url, viewport=VIEWPORT, locale="zh-CN", accept_downloads=True
        )
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.password = password

    def login(self, screenshot: str | None = None) -> Page:
        page = self.page
        page.goto("/")  # not logged in: sent to the login page
        expect(page).to_have_url(re.compile(r"/login/"))
        page.get_by_label("用户名").fill(self.username)
        page.get_by_label("密码").fill(self.password)
        if screenshot:
            shot(page, screenshot)
        page.get_by_label("密码").press("Enter")
        expect(page.get_by_role("heading", name="我的评估")).to_be_visible()
        return page

    def open_round(self, station: str, kind: str) -> Page:
        """From the home page, the round of `station` of this kind (e.g. 末期评估)."""
        page = self.page
        page.get_by_role("link", name="pinggu 社工站评估").click()
        row = page.get_by_role("row").filter(has_text=station).filter(has_text=kind)
        row.get_by_role("link", name=station).click()
        expect(page.get_by_role("heading", name=f"{station} {kind}")).to_be_visible()
        return page

    def download(self, link: str, timeout_ms: float = 120_000) -> tuple[Download, bytes]:
        with self.page.expect_download(timeout=timeout_ms) as info:
            self.page.get_by_role("link", name=link).click()
        download = info.value
        return download, Path(download.path()).read_bytes()

    def close(self) -> None:
        self.context.close()


def shot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def fill_score_form(page: Page, fraction: Decimal) -> list[Decimal]:
    """Type `fraction` of each row's full marks (满分) into its field; returns what was typed."""
    typed = []
    rows = page.locator("form table tbody tr")
    for i in range(rows.count()):
        row = rows.nth(i)
        scale = Decimal(row.locator("td.num").inner_text().strip())
        value = (scale * fraction).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        row.get_by_role("textbox").fill(str(value))
        typed.append(value)
    return typed


def complete_next_step(page: Page, on: str, note: str = "") -> None:
    """The round page's 「完成「步骤」」 form, with its date typed in (YYYY-MM-DD)."""
    page.get_by_label("完成日期").fill(on)
    if note:
        page.get_by_label("说明（可选）").fill(note)
    page.get_by_role("button", name=re.compile(r"^完成「")).click()


def step_row(page: Page, step: str) -> str:
    """The text of the timeline row of a step (e.g. 自评)."""
    cell = page.locator("table.timeline td:first-child").get_by_text(step, exact=True)
    return cell.locator("xpath=..").inner_text()
