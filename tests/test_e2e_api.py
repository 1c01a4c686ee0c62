"""The read API in a real browser: a user creates a token on 「API 令牌」 (reached from the
header), the token works against /api/rounds, and the OpenAPI page (/api/docs) renders Swagger
UI from the site's own files under its Content-Security-Policy, with no request leaving the
site (no CDN) and no console error. Screenshots: build/screenshots/api-*.png."""

from __future__ import annotations

import pytest
from e2e import Person, chromium, needs_chromium, shot
from playwright.sync_api import Request, expect
from test_e2e_every_role import WIDTHS, Watcher, look

pytestmark = needs_chromium


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded calendar
def test_a_token_made_on_its_page_reads_the_api_and_the_docs_work_offline_under_the_csp(
    demo_site: str,
) -> None:
    from pinggu.web.demo import PASSWORD

    problems: list[str] = []
    elsewhere: list[str] = []
    with chromium() as browser:
        person = Person(browser, demo_site, "coordinator", PASSWORD)
        watcher = Watcher(person.page)
        page = person.login()

        def outside(request: Request) -> None:
            if not request.url.startswith(demo_site) and not request.url.startswith("data:"):
                elsewhere.append(request.url)

        page.on("request", outside)
        watcher.where = "tokens"
        page.get_by_role("link", name="API 令牌").click()
        page.get_by_label("名称（用途，例如「市平台」）").fill("市平台")
        page.get_by_role("button", name="创建令牌").click()
        token = page.get_by_label("令牌", exact=True).input_value()
        assert token.startswith("pg_")
        look(page, "coordinator", "api-tokens", problems)

        answer = page.request.get(
            f"{demo_site}/api/rounds", headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status == 200 and {r["station"] for r in answer.json()}, answer.text()

        watcher.where = "docs"
        page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
        page.goto("/api/docs")
        expect(page.get_by_text("/api/rounds/{round_id}/result")).to_be_visible()
        expect(page.get_by_role("button", name="Authorize")).to_be_visible()
        shot(page, "api-docs-1366")
        person.close()
    assert not watcher.errors + elsewhere + problems, "\n".join(
        watcher.errors + elsewhere + problems
    )
