"""Attaching a report's embedded data (embed.py says what it is and reads it back) to the
python-docx document before it is saved."""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape

from docx.opc.packuri import PackURI
from docx.opc.part import Part

from .embed import CUSTOM_XML, NAMESPACE, PART_NAME, VERSION


def embed(document: Any, payload: dict[str, Any]) -> None:
    """Attach the payload to a python-docx document before it is saved."""
    body = escape(json.dumps({"version": VERSION, **payload}, ensure_ascii=False))
    blob = f'<?xml version="1.0" encoding="UTF-8"?><pinggu xmlns="{NAMESPACE}">{body}</pinggu>'
    part = Part(PackURI(PART_NAME), "application/xml", blob.encode("utf-8"), document.part.package)
    document.part.relate_to(part, CUSTOM_XML)
