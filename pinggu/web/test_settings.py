"""The test suite's settings: the real ones with a fast password hasher (the tests sign in
hundreds of times; the real hasher's deliberate slowness only costs time there)."""

import os
import tempfile
from pathlib import Path

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# SQLite: the test database is a file, not Django's shared-cache in-memory one, whose table
# locks fail at once instead of waiting for the busy timeout as a real database file does (the
# parallel sign-in test, tests/test_web_login.py). One file per test process.
if str(DATABASES["default"]["ENGINE"]).endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"pinggu-test-{os.getpid()}.sqlite3")
    }
