"""`follow_up_tables` judges many stations in one query (the city-scale core, docs/contacts.md):
each station's rows are exactly what that station alone gives, even where two stations use the
same client number."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from contact_rows import EXAMPLE, client, data, record

from pinggu import follow_up_tables
from pinggu._contacts.compliance import arrow_tables
from pinggu._contacts.model import ContactData, GradeChange, Method

START, END = date(2023, 1, 1), date(2023, 6, 30)

NORTH = data(
    [client("C1", 3), client("C2", 1, zone="二片区", filed=date(2023, 2, 8))],
    [record(date(2023, 1, 9)), record(date(2023, 2, 14), "C2", Method.VISIT)],
    [GradeChange("C1", date(2023, 4, 1), 4)],
)
SOUTH = data(
    [client("C1", 2)],  # the same number as a client of NORTH
    [record(date(2023, 1, 3)), record(date(2023, 1, 20), method=Method.VISIT)],
)


def judged(*stations: tuple[str, ContactData]) -> list[dict[str, object]]:
    tables = [arrow_tables(d, name) for name, d in stations]
    clients, changes, records = (pa.concat_tables(t[i] for t in tables) for i in range(3))
    rows: list[dict[str, object]] = follow_up_tables(
        clients, changes, records, EXAMPLE, START, END
    ).to_pylist()
    return sorted(rows, key=lambda r: (str(r["station"]), str(r["client"]), str(r["period"])))


def test_stations_judged_together_are_judged_as_each_alone() -> None:
    together = judged(("北", NORTH), ("南", SOUTH))
    alone = judged(("北", NORTH)) + judged(("南", SOUTH))
    assert together == sorted(
        alone, key=lambda r: (str(r["station"]), str(r["client"]), str(r["period"]))
    )
    south_january = next(r for r in together if r["station"] == "南" and r["period"] == "2023-01")
    assert (south_january["grade"], south_january["contacts"], south_january["met"]) == (2, 2, True)
    north_january = next(
        r
        for r in together
        if r["station"] == "北" and r["client"] == "C1" and r["period"] == "2023-01"
    )
    assert (north_january["grade"], north_january["contacts"], north_january["met"]) == (3, 1, True)
    # NORTH's C1 becomes 四级 on 1 April: judged by quarter from Q2, by month before.
    periods = [r["period"] for r in together if r["station"] == "北" and r["client"] == "C1"]
    assert periods == ["2023-01", "2023-02", "2023-03", "2023-Q2"]


def test_the_output_columns_are_the_contract() -> None:
    table = follow_up_tables(*arrow_tables(NORTH, "北"), EXAMPLE, START, END)
    assert table.column_names == [
        "station", "client", "zone", "community", "grade", "period", "start", "end",
        "contacts", "visits", "met", "unmet",
    ]  # fmt: skip
