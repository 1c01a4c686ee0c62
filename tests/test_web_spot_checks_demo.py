"""The demo's spot checks: the 示例 final round's files listed, drawn and checked (some 不符合),
shown on its pages and rolled up by the engine; 南岸's lists ready for a draw; loading twice
changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pinggu.web import engine
from pinggu.web.demo import PASSWORD, load_demo
from pinggu.web.models import CheckedFile, FileList, Round, SpotCheckDraw


@pytest.mark.django_db
def test_the_demo_final_round_has_lists_a_draw_and_marks_loaded_once() -> None:
    load_demo()
    counts = (FileList.objects.count(), SpotCheckDraw.objects.count(), CheckedFile.objects.count())
    assert counts[:2] == (2, 1)
    load_demo()
    assert counts == (
        FileList.objects.count(),
        SpotCheckDraw.objects.count(),
        CheckedFile.objects.count(),
    )
    draw = SpotCheckDraw.objects.get()
    round_ = draw.round
    assert (round_.station.name, round_.kind, round_.locked) == ("示例街社工服务站", "final", True)
    statuses = set(draw.files.values_list("status", flat=True))
    assert statuses == {"checked", "missing"}
    verdicts = {m["verdict"] for f in draw.files.all() for m in f.marks}
    assert verdicts == {"符合", "不符合"}
    result = engine.result_of(round_)
    assert result is not None and result.spot_checks is not None
    assert any("抽查个案档案" in s for s in result.spot_checks.sentences)
    assert not [w for w in result.warnings if w.code == "file_count_differs"]
    nanan = Round.objects.get(station__name="南岸街社工服务站", kind="final")
    assert nanan.file_lists.count() == 1 and not SpotCheckDraw.objects.filter(round=nanan).exists()


@pytest.mark.django_db
def test_the_demo_station_sees_its_checked_files_after_the_issued_report() -> None:
    load_demo()
    draw = SpotCheckDraw.objects.get()
    client = Client()
    client.login(username="station_shili", password=PASSWORD)
    page = client.get(reverse("spotcheck", args=[draw.round.pk])).content.decode()
    assert draw.seed in page
    notes = {m["note"] for f in draw.files.all() for m in f.marks if m["note"]}
    assert notes and all(note in page for note in notes)
