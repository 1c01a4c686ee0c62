"""Hostile spreadsheets, built in the test that uses them (never committed).

The big ones are written as raw deflate data repeated with a full flush between copies, so a
zip that inflates to a gigabyte costs a few megabytes and a few milliseconds to build.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

SHEET_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def value_at(path: Path, sheet: str, ref: str, base: Path | None = None) -> Path:
    """A workbook (a copy of `base`, or a two-sheet one) with a value typed at `ref` on `sheet`."""
    book = load_workbook(base) if base is not None else _small_book()
    book[sheet][ref] = "多余"
    book.save(path)
    return path


def styled_empty_at(path: Path, sheet: str, ref: str, base: Path) -> Path:
    """A copy of `base` with one cell at `ref` formatted (bold) but empty."""
    book = load_workbook(base)
    book[sheet][ref].font = Font(bold=True)
    book.save(path)
    return path


def _small_book() -> Workbook:
    book = Workbook()
    assert book.active is not None
    book.active.title = "说明"
    book.active["A1"] = "说明"
    book.create_sheet("基本信息")["A1"] = "项目"
    return book


def _flushed(data: bytes) -> bytes:
    """`data` as raw deflate blocks that stand alone (no back reference before them)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


def _end() -> bytes:
    return zlib.compressobj(6, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)


def _raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> None:
    """A zip of (name, raw deflate data, declared size, CRC) entries, headers written by hand."""
    local, central = bytearray(), bytearray()
    for name, data, size, crc in entries:
        encoded = name.encode()
        offset = len(local)
        local += struct.pack(
            "<4s2B4HL2L2H",
            b"PK\x03\x04",
            20,
            0,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
        )
        local += encoded + data
        central += struct.pack(
            "<4s4B4HL2L5H2L",
            b"PK\x01\x02",
            20,
            0,
            20,
            0,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0
    )
    path.write_bytes(bytes(local) + bytes(central) + end)


def _entries_of(
    book: Path, replaced: dict[str, tuple[bytes, int, int]]
) -> list[tuple[str, bytes, int, int]]:
    entries = []
    with zipfile.ZipFile(book) as source:
        for info in source.infolist():
            if info.filename in replaced:
                entries.append((info.filename, *replaced.pop(info.filename)))
                continue
            data = source.read(info.filename)
            entries.append((info.filename, _flushed(data) + _end(), len(data), zlib.crc32(data)))
    entries += [(name, *rest) for name, rest in replaced.items()]
    return entries


def many_cells(path: Path, rows: int, columns: int, with_refs: bool) -> Path:
    """A one-sheet workbook of rows × columns numbers (50 million: a few MB on disk)."""
    small = path.with_name("small.xlsx")
    book = Workbook()
    assert book.active is not None
    book.active.title = "数据"
    book.active["A1"] = 1
    book.save(small)
    block_rows = 1000
    body = b""
    for r in range(1, block_rows + 1):
        if with_refs:  # as Excel writes them; every block repeats rows 1..1000 (still counted)
            cells = b"".join(b'<c r="A%d"><v>1</v></c>' % r for _ in range(columns))
            body += b'<row r="%d">' % r + cells + b"</row>"
        else:
            body += b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
    head, tail = SHEET_NS + b"<sheetData>", b"</sheetData></worksheet>"
    copies = rows // block_rows
    data = _flushed(head) + _flushed(body) * copies + _flushed(tail) + _end()
    size = len(head) + len(body) * copies + len(tail)
    entry = (data, size & 0xFFFFFFFF, 0)  # the CRC is never reached: the guard stops first
    _raw_zip(path, _entries_of(small, {"xl/worksheets/sheet1.xml": entry}))
    small.unlink()
    return path


def inflating(path: Path, megabytes: int, declared: int | None = None) -> Path:
    """A small valid workbook plus a part of `megabytes` MB of zeros (a few KB compressed),
    declared as `declared` bytes (default: its true size)."""
    small = path.with_name("small.xlsx")
    _small_book().save(small)
    zeros = _flushed(bytes(1024 * 1024))
    size = megabytes * 1024 * 1024
    entry = (zeros * megabytes + _end(), declared if declared is not None else size, 0)
    _raw_zip(path, _entries_of(small, {"xl/media/image1.png": entry}))
    small.unlink()
    return path
