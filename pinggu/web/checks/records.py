"""A check kept (models.ReportCheck) and read back for the page and the export: the upload's
fingerprint, the engine's result as JSON, and each problem's context split around its printed
figure so that the page can mark it without writing HTML in Python."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile

from pinggu import CheckResult

from ..models import ReportCheck


def store(user: User, upload: UploadedFile, result: CheckResult) -> ReportCheck:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    return ReportCheck.objects.create(
        user=user,
        filename=result.file[:255],  # the name the user gave it
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        checked=result.checked,
        problems=len(result.problems),
        result=result.to_dict(),
    )


@dataclass(frozen=True)
class Shown:
    """A problem as the page shows it: its context before, at and after the printed figure
    (all of it in `before` when the figure is not found in it)."""

    rule: str  # its Chinese title (the id for a check stored before titles were)
    location: str
    printed: str
    expected: str
    message: str
    before: str
    marked: str
    after: str


def shown(problem: dict[str, Any]) -> Shown:
    context, printed = str(problem["context"]), str(problem["printed"])
    at = context.find(printed) if printed else -1
    before, marked, after = (
        (context, "", "") if at < 0 else (context[:at], printed, context[at + len(printed) :])
    )
    return Shown(
        str(problem.get("title") or problem["rule"]),
        str(problem["location"]),
        printed,
        str(problem["expected"]),
        str(problem["message"]),
        before,
        marked,
        after,
    )
