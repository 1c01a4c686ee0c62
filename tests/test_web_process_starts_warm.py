"""A new server process loads what its first request would otherwise wait for (warm.py): every
view module, the main templates and the code's hash, before it accepts a request (issue 10 §6:
the first dashboard after a restart as fast as the next)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
from pinggu.web import wsgi
from pinggu.web import engine
assert 'pinggu.web.dashboard.views' in sys.modules
assert 'pinggu.web.api.endpoints' in sys.modules
assert 'pinggu.web.rounds.views' in sys.modules
assert engine.build.cache_info().currsize == 2, engine.build.cache_info()
"""


def test_the_wsgi_application_starts_with_views_templates_and_hash_loaded(tmp_path: Path) -> None:
    env = {**os.environ, "PINGGU_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # wsgi.py names the real settings
    subprocess.run([sys.executable, "-c", CHECK], check=True, env=env)
