"""`pinggu audit` reads a report's embedded data however large it is, and a part it cannot parse
is reported as unreadable, never as a report without data (issue 12 §1: a station of about
2,000 workers over 24 months embeds more than libxml2's default 10 MB in one text node, and the
audit said 「没有 pinggu 的核对数据」).

The tests change the embedded part of one generated report in place of writing a report for a
station that large: the reading code is the same (`read_payload`, as `pinggu audit` uses it)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from report_docs import write_example

from pinggu._errors import ReportError
from pinggu._report.audit import audit_report
from pinggu._report.embed import NAMESPACE, PART_NAME, read_payload
from pinggu.cli import main

MEMBER = PART_NAME.lstrip("/")
LIBXML2_TEXT_LIMIT = 10_000_000


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_example(tmp_path_factory.mktemp("large"))[1]


def with_part(source: Path, target: Path, blob: bytes) -> Path:
    """A copy of the report whose embedded part holds `blob`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, blob if info.filename == MEMBER else old.read(info))
    return target


def part(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><pinggu xmlns="{NAMESPACE}">{body}</pinggu>'.encode()


def test_a_report_with_more_than_10_mb_of_embedded_data_passes_its_audit(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = read_payload(report)
    # stands for a large station's rows: one text node past the parser's default limit
    payload["padding"] = "人员到位" * (LIBXML2_TEXT_LIMIT // 4 + 1000)
    body = escape(json.dumps(payload, ensure_ascii=False))
    assert len(body.encode()) > LIBXML2_TEXT_LIMIT
    large = with_part(report, tmp_path / "大型社工站.docx", part(body))
    assert main(["audit", str(large)]) == 0
    out = capsys.readouterr().out
    assert "结论：通过" in out
    assert audit_report(large).ok


def test_embedded_data_that_is_not_well_formed_xml_is_reported_as_unreadable(
    report: Path, tmp_path: Path
) -> None:
    broken = with_part(report, tmp_path / "损坏.docx", part('{"version": 1')[:-5])
    with pytest.raises(ReportError, match="核对数据无法解析（XML 错误：") as caught:
        read_payload(broken)
    assert "没有 pinggu 的核对数据" not in str(caught.value)


def test_embedded_data_whose_json_is_broken_is_reported_as_damaged(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = with_part(report, tmp_path / "改动.docx", part('{"version": 1, "evaluation": '))
    assert main(["audit", str(damaged)]) == 2
    err = capsys.readouterr().err
    assert "核对数据已损坏（JSON 第 1 行" in err and "Traceback" not in err


def test_an_unreadable_custom_part_is_named_rather_than_taken_for_no_data(
    report: Path, tmp_path: Path
) -> None:
    other = with_part(report, tmp_path / "其他部件.docx", b"<bibliography><source>")
    with pytest.raises(ReportError, match="无法解析的自定义 XML 部件") as caught:
        read_payload(other)
    assert "没有 pinggu 的核对数据" not in str(caught.value)
