"""Small client rosters as in-memory rows (what calamine or the CSV reader gives), for the roster
and draw tests to build and break."""

from __future__ import annotations

HEADER = ["编号", "姓名", "户编号", "片区", "社区", "类别", "分级", "电话", "备注"]
Rows = list[list[object]]


def client_row(
    number: str,
    zone: str = "东片区",
    *,
    name: str | None = None,
    household: str | None = None,
    community: str = "甲社区",
    categories: str = "低保",
    level: object = 2.0,
    phone: object = None,
    note: str = "",
) -> list[object]:
    """One client; name, household and phone default to values unique to `number`."""
    digits = "".join(ch for ch in number if ch.isdigit()).zfill(4)
    return [
        number,
        name if name is not None else f"测试{number}",
        household if household is not None else f"H{number}",
        zone,
        community,
        categories,
        level,
        phone if phone is not None else f"1390000{digits[-4:]}",
        note,
    ]


def zone_rows(sizes: dict[str, int]) -> Rows:
    """A valid roster: `sizes[zone]` clients in each zone, numbered C0001… across zones."""
    rows: Rows = [list(HEADER)]
    for zone, size in sizes.items():
        for _ in range(size):
            rows.append(client_row(f"C{len(rows):04d}", zone))
    return rows
