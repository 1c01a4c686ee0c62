"""The test suite's settings: the real ones with a fast password hasher (the tests sign in
hundreds of times; the real hasher's deliberate slowness only costs time there), and on SQLite
a test database in a file like the real one."""

import atexit
import os
import tempfile
from pathlib import Path

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# On SQLite the test database is a file, not Django's shared in-memory one: with memory the
# threads of the concurrent-save tests would fail on SQLite's table locks ("database table is
# locked", no busy wait) where the real file database waits (settings.py `_sqlite`).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _TEST_DB = Path(tempfile.gettempdir()) / f"pinggu-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DB)}  # noqa: F405

    def _remove_wal_files() -> None:
        """Django deletes the database file at the end; WAL's two side files are left to us."""
        for suffix in ("-wal", "-shm"):
            _TEST_DB.with_name(_TEST_DB.name + suffix).unlink(missing_ok=True)

    atexit.register(_remove_wal_files)
