"""Legacy .xls (BIFF8) and OpenDocument .ods files for tests, written byte by byte.

No library the project installs writes .xls or .ods, and the machine has no spreadsheet program
to save one, so this writes the few records a reader needs: for .xls one compound file holding
one `Workbook` stream with a sheet index, a shared string table and, per sheet, NUMBER, LABELSST
and BOOLERR cells; for .ods a zip of its mimetype and content.xml. Enough for calamine to read,
which is what the tests need: realistic legacy workbooks and hostile ones (a value at the last
cell BIFF8 allows; one .ods cell repeated a billion times).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

Cell = str | int | float | None
ERRORS = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#N/A": 0x2A}


class Error(str):
    """An error value such as #N/A, written as a BOOLERR record."""


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


_EOF = _record(0x000A, b"")


def _sheet_stream(rows: Sequence[Sequence[Cell]], strings: dict[str, int]) -> bytes:
    width = max((len(r) for r in rows), default=0)
    body = [_bof(0x0010), _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            body.append(_cell(r, c, cell, strings))
    body.append(_EOF)
    return b"".join(body)


def _cell(r: int, c: int, cell: Cell, strings: dict[str, int]) -> bytes:
    if cell is None or cell == "":
        return b""
    if isinstance(cell, Error):
        return _record(0x0205, struct.pack("<HHHBB", r, c, 0, ERRORS[cell], 1))
    if isinstance(cell, str):
        index = strings.setdefault(cell, len(strings))
        return _record(0x00FD, struct.pack("<HHHI", r, c, 0, index))
    return _record(0x0203, struct.pack("<HHHd", r, c, 0, float(cell)))


def _sst(strings: dict[str, int]) -> bytes:
    data = struct.pack("<II", len(strings), len(strings))
    for text in strings:
        data += struct.pack("<HB", len(text), 1) + text.encode("utf-16-le")
    assert len(data) <= 8224, "the test's strings would need CONTINUE records"
    return _record(0x00FC, data)


def workbook_stream(sheets: dict[str, Sequence[Sequence[Cell]]]) -> bytes:
    strings: dict[str, int] = {}
    streams = [_sheet_stream(rows, strings) for rows in sheets.values()]
    names = list(sheets)

    def boundsheet(offset: int, name: str) -> bytes:
        encoded = name.encode("utf-16-le")
        return _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + encoded)

    fixed = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
    tail = _sst(strings) + _EOF
    globals_size = len(fixed) + sum(len(boundsheet(0, n)) for n in names) + len(tail)
    offsets, at = [], globals_size
    for stream in streams:
        offsets.append(at)
        at += len(stream)
    index = b"".join(boundsheet(o, n) for o, n in zip(offsets, names, strict=True))
    return fixed + index + tail + b"".join(streams)


def compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """A compound file (OLE2, 512-byte sectors) holding `stream` as its one stream."""
    stream = stream + bytes(max(0, 4096 - len(stream)))  # below 4096 bytes: the mini stream
    stream += bytes(-len(stream) % 512)
    data_sectors = len(stream) // 512
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + 1 + data_sectors:
        fat_sectors += 1
    assert fat_sectors <= 109, "too large for a header-only DIFAT"
    directory = fat_sectors
    first = directory + 1
    fat = [0xFFFFFFFD] * fat_sectors + [0xFFFFFFFE]
    fat += [first + i + 1 for i in range(data_sectors - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (fat_sectors * 128 - len(fat))
    difat = list(range(fat_sectors)) + [0xFFFFFFFF] * (109 - fat_sectors)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIII", 0, fat_sectors, directory, 0, 4096, 0xFFFFFFFE, 0)
        + struct.pack("<II", 0xFFFFFFFE, 0)
        + struct.pack("<109I", *difat)
    )
    assert len(header) == 512
    entries = (
        _entry("Root Entry", 5, child=1, start=0xFFFFFFFE, size=0)
        + _entry(name, 2, child=0xFFFFFFFF, start=first, size=len(stream))
        + _entry("", 0, child=0xFFFFFFFF, start=0, size=0) * 2
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + entries + stream


def small_compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """A compound file holding `stream` (under 4096 bytes) in its mini stream, as Excel does
    with a small workbook: 64-byte mini sectors inside the root entry's own stream."""
    assert len(stream) < 4096
    mini = stream + bytes(-len(stream) % 64)
    minis = len(mini) // 64
    container = mini + bytes(-len(mini) % 512)
    sectors = len(container) // 512
    fat = [0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE]  # the FAT, the directory, the mini FAT
    fat += [3 + i + 1 for i in range(sectors - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    minifat = [i + 1 for i in range(minis - 1)] + [0xFFFFFFFE]
    minifat += [0xFFFFFFFF] * (128 - len(minifat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIII", 0, 1, 1, 0, 4096, 2, 1)
        + struct.pack("<II", 0xFFFFFFFE, 0)
        + struct.pack("<109I", 0, *([0xFFFFFFFF] * 108))
    )
    entries = (
        _entry("Root Entry", 5, child=1, start=3, size=len(mini))
        + _entry(name, 2, child=0xFFFFFFFF, start=0, size=len(stream))
        + _entry("", 0, child=0xFFFFFFFF, start=0, size=0) * 2
    )
    tables = struct.pack("<128I", *fat) + entries + struct.pack("<128I", *minifat)
    return header + tables + container


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


def write_xls(path: Path, sheets: dict[str, Sequence[Sequence[Cell]]]) -> Path:
    path.write_bytes(compound_file(workbook_stream(sheets)))
    return path


def far_value(path: Path) -> Path:
    """The worst .xls by format: one value at the last cell BIFF8 allows (IV65536)."""
    cell = _record(0x0203, struct.pack("<HHHd", 65535, 255, 0, 1.0))
    sheet = _bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, 65536, 0, 256, 0)) + cell
    return _raw(path, sheet + _EOF)


def full_column(path: Path) -> Path:
    """65,536 values down column IV: every row of the widest sheet BIFF8 allows used."""
    cells = b"".join(
        _record(0x0203, struct.pack("<HHHd", row, 255, 0, 1.0)) for row in range(65536)
    )
    sheet = _bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, 65536, 0, 256, 0)) + cells
    return _raw(path, sheet + _EOF)


def _raw(path: Path, sheet: bytes) -> Path:
    name = "S".encode("utf-16-le")
    fixed = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
    tail = _sst({}) + _EOF
    size = len(fixed) + len(_record(0x0085, bytes(8) + name)) + len(tail)
    index = _record(0x0085, struct.pack("<IBBBB", size, 0, 0, 1, 1) + name)
    path.write_bytes(compound_file(fixed + index + tail + sheet))
    return path


_ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
    ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:spreadsheet>"
)


def _ods_cell(cell: Cell) -> str:
    if cell is None or cell == "":
        return "<table:table-cell/>"
    if isinstance(cell, str):
        text = escape(cell)
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="float" office:value="{cell}"/>'


def _ods(path: Path, tables: str) -> Path:
    content = _ODS_HEAD + tables + "</office:spreadsheet></office:body></office:document-content>"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        book.writestr("META-INF/manifest.xml", _MANIFEST)
    return path


_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
    ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/"'
    ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def write_ods(path: Path, sheets: dict[str, Sequence[Sequence[Cell]]]) -> Path:
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>" + "".join(_ods_cell(c) for c in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    return _ods(path, tables)


def repeated_ods(path: Path) -> Path:
    """One value repeated over 1,000,000 rows × 1,000 columns by two attributes."""
    row = (
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell'
        ' table:number-columns-repeated="1000" office:value-type="float" office:value="1"/>'
        "</table:table-row>"
    )
    return _ods(path, f'<table:table table:name="S">{row}</table:table>')
