"""A round's result as stored at one revision (pinggu/web/engine.py computes and stores it), so
every process and every restart serves it without running the engine."""

from __future__ import annotations

from typing import Any

from django.db import models

from .rounds import Round


class StoredResult(models.Model):
    """The engine's result for a round at one revision (its latest audit entry)."""

    round = models.OneToOneField(
        Round, primary_key=True, on_delete=models.CASCADE, related_name="stored_result"
    )
    # The round's latest audit entry's id when computed (0: none yet): revisions are ordered
    # by it, so a slower computation of an older one never replaces a newer one.
    revision = models.BigIntegerField()
    build = models.CharField(max_length=16)  # engine.build(): the engine's code and rules
    # `pinggu evaluate --json`'s document (result_to_dict) as JSON text; "" before any data.
    document = models.TextField(blank=True)
    # The part of the document the round page and the dashboard read (engine.Digest); null
    # before any data.
    digest: models.JSONField[Any, Any] = models.JSONField(null=True)
    fingerprint = models.CharField(max_length=16, blank=True)  # the report files' folder
    # Why the engine refused the stored data under its current rules (a rule tightened since
    # it was uploaded, e.g. a 全站 row beside 片区 rows); "" when it computed. No document then.
    problem = models.TextField(blank=True)
    computed_at = models.DateTimeField(auto_now=True)


class StoredPage(models.Model):
    """A page's content rendered once for one state of everything it shows (the dashboard: its
    scope and every visible round's revision, state and station; dashboard/tables.py), shared
    by every process. A change to any of it is a new key; old keys are dropped after a day."""

    key = models.CharField(max_length=64, primary_key=True)  # a hash of what it shows
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
