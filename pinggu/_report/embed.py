"""The data a report carries inside its .docx, so that it can be audited on its own.

A custom XML part (which Word keeps when a user edits and saves the document) holds the
evaluation's source data, the scheme, and the manifest of which paragraph prints which figure.
`pinggu audit REPORT.docx` recomputes every figure from it.
"""

from __future__ import annotations

import json
import posixpath
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from .._errors import ReportError

NAMESPACE = "urn:pinggu:report:1"
PART_NAME = "/customXml/pinggu-report.xml"
VERSION = 1


def embed(document: Any, payload: dict[str, Any]) -> None:
    """Attach the payload to a python-docx document before it is saved."""
    body = escape(json.dumps({"version": VERSION, **payload}, ensure_ascii=False))
    blob = f'<?xml version="1.0" encoding="UTF-8"?><pinggu xmlns="{NAMESPACE}">{body}</pinggu>'
    part = Part(PackURI(PART_NAME), "application/xml", blob.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.CUSTOM_XML)


def read_payload(path: Path) -> dict[str, Any]:
    """The embedded payload of a report, or a ReportError saying why there is none.

    Reads the package directly (the document's relationships, then the part they name): a
    full python-docx load of the report took longer than the rest of the audit.
    """
    try:
        with zipfile.ZipFile(path) as package:
            rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
            targets = [
                rel.get("Target", "")
                for rel in rels
                if rel.get("Type") == RT.CUSTOM_XML and rel.get("TargetMode") != "External"
            ]
            blobs = [
                package.read(posixpath.normpath(posixpath.join("word", t)).lstrip("/"))
                for t in targets
            ]
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
        raise ReportError(f"无法打开 {path.name}：{exc}（需要 Word .docx 文件）") from None
    for blob in blobs:
        try:
            root = etree.fromstring(blob)
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{NAMESPACE}}}pinggu":
            data: dict[str, Any] = json.loads(root.text or "{}")
            if data.get("version") != VERSION:
                raise ReportError(
                    f"{path.name} 的核对数据版本为 {data.get('version')}，本程序只能读取版本 {VERSION}"
                )
            return data
    raise ReportError(
        f"{path.name} 中没有 pinggu 的核对数据：只有由 pinggu report 生成的报告才能逐项核对"
    )
