"""Each run proves which database it used: PINGGU_TEST_DB=postgres runs on PostgreSQL 15
(the throwaway cluster of tests/pg_cluster.py), every other run on SQLite."""

from __future__ import annotations

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_run_uses_the_database_it_asked_for() -> None:
    if os.environ.get("PINGGU_TEST_DB") == "postgres":
        assert connection.vendor == "postgresql", (
            "PINGGU_TEST_DB=postgres 需要用 -p tests.pg_cluster 加载插件："
            "python -m pytest -p tests.pg_cluster …"
        )
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            (version,) = cursor.fetchone()
        assert version.split(".")[0] == "15", version
        assert connection.settings_dict["HOST"] == "127.0.0.1"
    elif not os.environ.get("DATABASE_URL"):
        assert connection.vendor == "sqlite"
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_version()")
            assert cursor.fetchone()[0]
    else:  # a developer's own DATABASE_URL, without PINGGU_TEST_DB=sqlite
        pytest.skip(f"DATABASE_URL 已设置：{connection.vendor}")
