import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Test helpers (factories, workbook_rows) import as plain modules.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def demo_site(settings: Any, tmp_path: Path) -> Iterator[str]:
    """The app on 127.0.0.1 (a free port) over plain HTTP with the demo loaded, for the browser
    tests; yields the base URL."""
    from pytest_django.live_server_helper import LiveServer

    from pinggu.web.demo import load_demo

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.REPORTS_DIR = tmp_path / "reports"
    settings.STATIC_URL = "/static/"
    load_demo()
    server = LiveServer("127.0.0.1:0")
    try:
        yield server.url
    finally:
        server.stop()
