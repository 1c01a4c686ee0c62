"""The test suite's settings: the real ones with a fast password hasher (the tests sign in
hundreds of times; the real hasher's deliberate slowness only costs time there)."""

import os
import tempfile
from pathlib import Path

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# On SQLite the test database is a file, not Django's shared in-memory one: with memory the
# threads of the concurrent-save tests would fail on SQLite's table locks ("database table is
# locked", no busy wait) where the real file database waits (settings.py `_sqlite`).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"pinggu-test-{os.getpid()}.sqlite3")
    }
