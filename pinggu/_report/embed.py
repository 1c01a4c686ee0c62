"""The data a report carries inside its .docx, so that it can be audited on its own.

A custom XML part (which Word keeps when a user edits and saves the document) holds the
evaluation's source data, the scheme, and the manifest of which paragraph prints which figure.
`pinggu audit REPORT.docx` recomputes every figure from it. This module reads the part with
lxml alone; embed_write.py attaches it while the report is written (with python-docx, which
the audit need not import).
"""

from __future__ import annotations

import json
import posixpath
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from lxml.etree import XMLSyntaxError

from .._errors import ReportError

NAMESPACE = "urn:pinggu:report:1"
PART_NAME = "/customXml/pinggu-report.xml"
VERSION = 1
CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"


def parse_xml(blob: bytes) -> etree._Element:
    """A part of a report, parsed without libxml2's 10 MB limit on one text node: the embedded
    data of a large station (2,000 workers over 24 months) is one text node well past it.
    Entities are never expanded, so lifting the limit does not let a crafted file grow."""
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    return etree.fromstring(blob, parser)


def read_payload(path: Path) -> dict[str, Any]:
    """The embedded payload of a report, or a ReportError saying why there is none.

    Reads the package directly (the document's relationships, then the part they name): a
    full python-docx load of the report took longer than the rest of the audit. A part that
    cannot be parsed is reported as such, never taken for a report without data.
    """
    try:
        with zipfile.ZipFile(path) as package:
            rels = parse_xml(package.read("word/_rels/document.xml.rels"))
            targets = [
                rel.get("Target", "")
                for rel in rels
                if rel.get("Type") == CUSTOM_XML and rel.get("TargetMode") != "External"
            ]
            blobs = [
                package.read(posixpath.normpath(posixpath.join("word", t)).lstrip("/"))
                for t in targets
            ]
    except (zipfile.BadZipFile, KeyError, OSError, XMLSyntaxError) as exc:
        raise ReportError(f"无法打开 {path.name}：{exc}（需要 Word .docx 文件）") from None
    unreadable = []
    for target, blob in zip(targets, blobs, strict=True):
        try:
            root = parse_xml(blob)
        except XMLSyntaxError as exc:
            if NAMESPACE.encode() in blob[:1000]:
                raise ReportError(
                    f"{path.name} 中的 pinggu 核对数据无法解析（XML 错误：{exc}），"
                    "报告文件可能已损坏"
                ) from None
            unreadable.append(f"{target}（{exc}）")
            continue
        if root.tag == f"{{{NAMESPACE}}}pinggu":
            return _payload(path, root.text or "")
    if unreadable:
        raise ReportError(
            f"{path.name} 中有无法解析的自定义 XML 部件：{'；'.join(unreadable)}。"
            "找不到可读的 pinggu 核对数据，报告文件可能已损坏"
        )
    raise ReportError(
        f"{path.name} 中没有 pinggu 的核对数据：只有由 pinggu report 生成的报告才能逐项核对"
    )


def _payload(path: Path, text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(
            f"{path.name} 中的 pinggu 核对数据已损坏（JSON 第 {exc.lineno} 行第 {exc.colno} 列："
            f"{exc.msg}），报告文件可能已被改动"
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        version = data.get("version") if isinstance(data, dict) else None
        raise ReportError(f"{path.name} 的核对数据版本为 {version}，本程序只能读取版本 {VERSION}")
    return data
