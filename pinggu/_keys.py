"""Canonical keys: one comparison form for each kind of name people type into a workbook.

A name typed two ways (「社区活动(大型)」 and 「社区活动（大型）」, 「人 次」 and 「人次」, `sg05` and `ＳＧ05`)
is one name. The importer makes these keys once, when it reads a row, and gives every spelling of
a key one display name (the catalogue's, or the first seen), so duplicate checks, grouping, totals
and the report all see the same name and no later step can split what the importer merged. The
rules are in docs/keys.md.
"""

from __future__ import annotations

import re

from ._sheets.cells import key

_PREFIXED_NUMBER = re.compile(r"([A-Z]*)0*([0-9]+)")


def name_key(text: str) -> str:
    """指标, 计量, 片区, 姓名 and 户编号: the sheets' `key` (NFKC, so full width → half width, and no
    whitespace), case folded."""
    return key(text).casefold()


def worker_key(text: str) -> str:
    """人员编号: NFKC, no whitespace, upper case; an ID of digits only is a number (5 = 005).

    `5` and `SG05` stay two IDs: a prefix is part of an ID, and merging them would guess.
    `similar_worker_ids` finds such pairs so that they are warned about instead."""
    compact = key(text).upper()
    if compact.isascii() and compact.isdigit():
        return str(int(compact))
    return compact


def file_key(text: str) -> str:
    """档案编号 (a file on the station's lists): compared like 人员编号 (`worker_key`), so
    `GA-01`, `ｇａ－01` and `ga - 01` are one file, and `7` and `007` too."""
    return worker_key(text)


def worker_number(worker: str) -> tuple[str, int] | None:
    """(prefix, number) of an ID such as SG05 → ("SG", 5), 005 → ("", 5); None for others."""
    match = _PREFIXED_NUMBER.fullmatch(worker_key(worker))
    return (match[1], int(match[2])) if match else None


def similar_worker_ids(workers: list[str]) -> list[tuple[str, str]]:
    """Pairs of distinct IDs that differ only by a prefix one of them lacks (5 and SG05), or by
    leading zeros after the same prefix (SG5 and SG05): probably one person typed two ways."""
    by_number: dict[int, list[tuple[str, str]]] = {}
    for worker in dict.fromkeys(workers):
        parsed = worker_number(worker)
        if parsed is not None:
            by_number.setdefault(parsed[1], []).append((parsed[0], worker))
    pairs = []
    for ids in by_number.values():
        for i, (prefix, worker) in enumerate(ids):
            for other_prefix, other in ids[i + 1 :]:
                same_key = worker_key(worker) == worker_key(other)
                if not same_key and (prefix == other_prefix or not prefix or not other_prefix):
                    pairs.append((worker, other))
    return pairs
