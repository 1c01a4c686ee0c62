"""Every role's pages in a real browser at 1366 and 390 px wide (a desktop and a phone),
the on-site, rectification and performance pages among them.

Debian's chromium, driven by Playwright, against the demo (load_demo) on a live server. Each
demo user logs in through the form and opens the pages their role uses; on each page, at each
width, nothing is squeezed (the page itself never scrolls sideways — wide tables scroll in their
own box — and no table cell, heading, label or button is narrower than 2.5 characters while
holding a longer text, which in Chinese means one character per line) and the browser reports
no error in its console (a script or style refused by the Content-Security-Policy is one).
Screenshots go to build/screenshots/role-<user>-<page>-<width>.png.
"""

from __future__ import annotations

import re

import pytest
from e2e import Person, chromium, needs_chromium, shot
from playwright.sync_api import ConsoleMessage, Page

pytestmark = needs_chromium

NANAN = ("南岸街社工服务站", "末期评估")  # in 实地评估: scores open, survey half done
SHILI = ("示例街社工服务站", "末期评估")  # report issued: the station sees its result
# user → (the round they open, the pages they use besides home and the round page)
ROLES: dict[str, tuple[tuple[str, str], tuple[str, ...]]] = {
    "coordinator": (
        NANAN,
        ("findings", "draw", "desk", "roster", "audit", "dashboard", "files", "onsite"),
    ),
    "expert1": (NANAN, ("scores", "findings", "draw", "desk", "roster", "files", "self")),
    "station_shili": (SHILI, ("roster", "files", "self", "onsite", "rectification", "performance")),
    "purchaser_shili": (SHILI, ("roster", "performance", "targets", "rectification")),
    "centre": (NANAN, ("scores", "findings", "roster", "dashboard")),
    "bureau_haizhu": (NANAN, ("scores", "findings", "roster", "access", "dashboard")),
    "city": (NANAN, ("roster", "dashboard", "missing")),
}
UNDER_ROUND = {
    "scores": "scores/",
    "findings": "findings/",
    "draw": "survey/",
    "desk": "survey/desk/",
    "roster": "roster/",
    "audit": "audit/",
    "access": "survey/access/",
    "files": "files/",
    "self": "self/",
    "onsite": "onsite/",
    "rectification": "rectification/",
    "performance": "performance/",
    "targets": "performance/targets/",
}
WIDTHS = ((1366, 900), (390, 844))

# Problems a user would see on the page: it scrolls sideways as a whole, or a box with more
# than two characters of text is under 2.5 characters wide (CJK text then stacks one per line).
SQUEEZE = """() => {
  const problems = [];
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + 1)
    problems.push(`页面宽 ${page.scrollWidth}px，窗口 ${window.innerWidth}px`);
  // The header's links and buttons each stay on one line (「修改密码」 broken as 「修改密/码」).
  for (const el of document.querySelectorAll("header a, header button")) {
    const style = getComputedStyle(el);
    const line = parseFloat(style.lineHeight) || 1.6 * parseFloat(style.fontSize);
    if (el.getBoundingClientRect().height > 1.5 * line)
      problems.push(`页头「${el.innerText.trim()}」折成两行`);
  }
  const boxes = "th, td, h1, h2, p, li, label, button, a.button, legend, dt, dd, caption";
  for (const el of document.querySelectorAll(boxes)) {
    const text = el.innerText.replace(/\\s+/g, " ").trim();
    const width = el.getBoundingClientRect().width;
    if ([...text].length <= 2 || width <= 1) continue;  // short, hidden or visually hidden
    const em = parseFloat(getComputedStyle(el).fontSize);
    if (width < 2.5 * em) problems.push(`${el.tagName} 「${text.slice(0, 20)}」 宽 ${width}px`);
  }
  return problems;
}"""


class Watcher:
    """The page's console errors and uncaught exceptions, attributed to the page being looked at."""

    def __init__(self, page: Page) -> None:
        self.where = "login"
        self.errors: list[str] = []
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.errors.append(f"{self.where}: {error}"))

    def console(self, message: ConsoleMessage) -> None:
        expected_404 = self.where == "missing" and message.text.startswith("Failed to load")
        if message.type == "error" and not expected_404:
            self.errors.append(f"{self.where}: {message.text} ({message.location['url']})")


def look(page: Page, user: str, name: str, problems: list[str]) -> None:
    """At each width: note what is squeezed, and take the screenshot."""
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(50)  # one layout after the resize
        problems.extend(f"{user} {name} {width}: {p}" for p in page.evaluate(SQUEEZE))
        shot(page, f"role-{user}-{name}-{width}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar
def test_every_role_sees_its_pages_unsqueezed_at_1366_and_390_without_csp_errors(
    demo_site: str,
) -> None:
    from pinggu.web.demo import PASSWORD

    problems: list[str] = []
    console: list[str] = []
    with chromium() as browser:
        for user, ((station, kind), pages) in ROLES.items():
            person = Person(browser, demo_site, user, PASSWORD)
            watcher = Watcher(person.page)
            page = person.login()
            watcher.where = "home"
            look(page, user, "home", problems)
            person.open_round(station, kind)
            found = re.search(r"/rounds/(\d+)/", page.url)
            assert found, page.url
            watcher.where = "round"
            look(page, user, "round", problems)
            for name in pages:
                watcher.where = name
                page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
                url = {
                    "dashboard": "/dashboard/",
                    "missing": f"/rounds/{found[1]}/no-such-page/",
                }.get(name) or f"/rounds/{found[1]}/{UNDER_ROUND[name]}"
                response = page.goto(url)
                assert response is not None
                expected = 404 if name == "missing" else 200
                assert response.status == expected, (user, name, response.status)
                look(page, user, name, problems)
            console.extend(f"{user} {e}" for e in watcher.errors)
            person.close()
        anonymous = browser.new_page()
        watcher = Watcher(anonymous)
        anonymous.goto(f"{demo_site}/login/")
        look(anonymous, "anonymous", "login", problems)
        console.extend(f"anonymous {e}" for e in watcher.errors)
    assert not console + problems, "\n".join(console + problems)
