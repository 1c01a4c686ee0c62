"""Finds the Excel error values (#N/A, #VALUE! …) in a legacy .xls, which calamine reads as empty.

An error value read as an empty cell makes a target vanish without a word (issue 12 §2.4). In an
.xlsx the guard finds them while it scans the XML; an .xls is a binary compound file, so this
reads just enough of it: the compound file's sector chains to the `Workbook` stream, the sheet
index (BOUNDSHEET) and, per sheet, the BOOLERR cells holding an error and the FORMULA cells whose
stored result is one. (An .xls always stores a formula's result, so no formula lacks one.) The
file has already been opened by calamine within the child's bounds and is at most
`Limits.file_bytes`; anything this cannot follow gives no marks rather than an exception.
"""

from __future__ import annotations

import struct

__all__ = ["xls_errors"]

MAX_MARKS = 10_001  # per sheet: beyond the guard's UNREAD_MAX the file is refused anyway

Marks = dict[tuple[int, int], str | None]  # (row, column) 1-based -> the error value
ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#GETTING_DATA",
}
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_BOF, _EOF, _BOUNDSHEET, _FORMULA, _BOOLERR = 0x0809, 0x000A, 0x0085, 0x0006, 0x0205


class _Broken(Exception):
    """The file is not what this reader follows; no marks are given."""


def xls_errors(data: bytes) -> dict[str, Marks]:
    """The error cells of each sheet of the .xls `data`, by sheet name; {} when the compound
    file or the workbook stream cannot be followed."""
    try:
        stream = _workbook_stream(data)
        return {name: _sheet_errors(stream, at) for name, at in _sheets(stream)}
    except (_Broken, struct.error, IndexError, ValueError, UnicodeDecodeError):
        return {}


def _workbook_stream(data: bytes) -> bytes:
    (shift, mini_shift) = struct.unpack_from("<HH", data, 30)
    if not 7 <= shift <= 16 or not 4 <= mini_shift < shift:
        raise _Broken
    size = 1 << shift
    fats, directory, cutoff, minifat, _, difat, difats = struct.unpack_from(
        "<IIxxxxIIIII", data, 44
    )
    sectors = list(struct.unpack_from("<109I", data, 76))
    for _ in range(difats):  # further FAT sector numbers, in a chain of DIFAT sectors
        block = _sector(data, difat, size)
        sectors += struct.unpack(f"<{size // 4}I", block)[:-1]
        difat = struct.unpack_from("<I", block, size - 4)[0]
    fat: list[int] = []
    for number in sectors[:fats]:
        fat += struct.unpack(f"<{size // 4}I", _sector(data, number, size))
    entries = _chain(data, fat, directory, size)
    root = None
    for offset in range(0, len(entries) - 127, 128):
        entry = entries[offset : offset + 128]
        length, kind = struct.unpack_from("<HB", entry, 64)
        name = entry[: max(0, min(length, 64) - 2)].decode("utf-16-le", "replace")
        start, stream_size = struct.unpack_from("<IQ", entry, 116)
        if kind == 5:
            root = (start, stream_size)
        if kind == 2 and name in ("Workbook", "Book"):
            stream_size &= 0xFFFFFFFF if shift == 9 else (1 << 64) - 1
            if stream_size >= cutoff:
                return _chain(data, fat, start, size)[:stream_size]
            if root is None:
                raise _Broken
            mini = _chain(data, fat, root[0], size)
            table = _chain(data, fat, minifat, size)
            small = struct.unpack(f"<{len(table) // 4}I", table)
            return _chain(mini, list(small), start, 1 << mini_shift, header=0)[:stream_size]
    raise _Broken


def _sector(data: bytes, number: int, size: int, header: int | None = None) -> bytes:
    at = (number + 1) * size if header is None else number * size
    block = data[at : at + size]
    if len(block) != size:
        raise _Broken
    return block


def _chain(data: bytes, fat: list[int], start: int, size: int, header: int | None = None) -> bytes:
    """The sectors from `start` along the allocation table; a loop or a jump out is broken."""
    blocks, seen, number = [], set(), start
    while number not in (_END, _FREE):
        if number in seen or number >= len(fat):
            raise _Broken
        seen.add(number)
        blocks.append(_sector(data, number, size, header))
        number = fat[number]
    return b"".join(blocks)


def _records(stream: bytes, at: int) -> list[tuple[int, int, int]]:
    """(type, data offset, data length) of the records of one substream, its BOF to its EOF."""
    found, depth = [], 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        found.append((kind, at + 4, length))
        at += 4 + length
        depth += (kind == _BOF) - (kind == _EOF)
        if depth <= 0:
            break
    return found


def _sheets(stream: bytes) -> list[tuple[str, int]]:
    sheets = []
    for kind, at, length in _records(stream, 0):
        if kind != _BOUNDSHEET or length < 8:
            continue
        offset, count, flags = struct.unpack_from("<I2xBB", stream, at)
        raw = stream[at + 8 : at + length]
        name = raw[: count * 2].decode("utf-16-le") if flags & 1 else raw[:count].decode("latin-1")
        sheets.append((name, offset))
    return sheets


def _sheet_errors(stream: bytes, at: int) -> Marks:
    marks: Marks = {}
    if at >= len(stream):
        return marks
    for kind, offset, length in _records(stream, at):
        if kind == _BOOLERR and length >= 8:
            row, column, _, value, is_error = struct.unpack_from("<HHHBB", stream, offset)
            if is_error:
                marks[(row + 1, column + 1)] = ERRORS.get(value, "#N/A")
        elif kind == _FORMULA and length >= 14:
            row, column = struct.unpack_from("<HH", stream, offset)
            result = stream[offset + 6 : offset + 14]
            if result[6:8] == b"\xff\xff" and result[0] == 2:
                marks[(row + 1, column + 1)] = ERRORS.get(result[2], "#N/A")
        if len(marks) >= MAX_MARKS:
            break
    return marks
