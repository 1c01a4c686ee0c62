"""Benchmark (not a test): 兜底 follow-up at city scale (issue 14), pinggu beside a naive baseline.

    uv run python bench/contacts_city.py            # 176 stations, ~250,000 clients, ~10M records
    uv run python bench/contacts_city.py --quick    # a small city (6 stations), seconds
    uv run python bench/contacts_city.py --baseline-stations 18   # the baseline on 18 stations only

Generates a seeded synthetic city straight into Arrow tables (numpy + pyarrow, no Python object
per row; bench/contacts_city_data.py) in the contract's schemas (docs/contacts.md), then
measures, each part in a fresh process so that each has its own peak memory (ru_maxrss; the
generator runs in one too, since a child's ru_maxrss starts from its parent's):

- city: `follow_up_tables` for every client × period of the whole city, and the roll-up by
  station, 片区, grade and period in DuckDB over the result;
- station: for one typical station (the one whose year is nearest 60,000 records) and for the
  largest, `follow_up` from its `ContactData` and `overdue_clients` on a day (the two pages),
  median of several runs; tracemalloc's peak of the Python objects of the first;
- baseline: bench/contacts_baseline.py (plain Python loops and dicts) on the city, station by
  station, and on the two stations; its rows (and the stations' overdue lists) are compared
  with pinggu's, which makes it an independent cross-check of the rules;
- xlsx: the typical station's roster and year of records written with openpyxl into one
  workbook (服务对象名册 + 服务记录), then read with `read_contacts`.

Prints one table side by side and the targets of issue 14 (2 cores: city < 5 s, a station's
pages < 200 ms, memory < 4 GB). The same `--seed` gives the same city (its digest is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # its neighbours, when run as a script

from contacts_city_data import (  # noqa: E402
    FULL,
    QUICK,
    Size,
    contact_data,
    digest,
    generate,
    load,
    save,
    station_bounds,
    station_slice,
    write_station_xlsx,
)

STATION_RECORDS = 60_000  # a station's year: the typical station is the one nearest this
TARGET_CITY_S, TARGET_PAGE_MS, TARGET_MEMORY_GB = 5.0, 200.0, 4.0

# ---------------------------------------------------------------------------------- phases
# Each runs in its own process (`--phase NAME --data DIR`) and prints one JSON line.

ROW_COLUMNS = ("station", "client", "period", "grade", "contacts", "visits", "met")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _schedule() -> Any:
    from pinggu import load_scheme

    schedule = load_scheme("guangzhou-2023").contacts
    assert schedule is not None, "guangzhou-2023 has no [contacts] schedule"
    return schedule


def _timed(runs: int, work: Callable[[], Any]) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - t0)
    return times, result


def phase_city(folder: Path, start: date, end: date, runs: int) -> dict[str, Any]:
    import duckdb

    from pinggu import follow_up_tables

    schedule = _schedule()
    city = load(folder)
    times, rows = _timed(
        runs,
        lambda: follow_up_tables(city.clients, city.changes, city.records, schedule, start, end),
    )

    def rollup() -> pa.Table:
        con = duckdb.connect()
        con.register("client_periods", rows)
        return con.sql(
            "SELECT station, zone, grade, period, count(*) AS judged,"
            " count(*) FILTER (WHERE met) AS met"
            " FROM client_periods GROUP BY ALL ORDER BY ALL"
        ).to_arrow_table()

    rollup_times, table = _timed(runs, rollup)
    rss = _rss_mb()
    chosen = rows.select(list(ROW_COLUMNS))
    with (
        pa.OSFile(str(folder / "pinggu_rows.arrow"), "wb") as sink,
        pa.ipc.new_file(sink, chosen.schema) as writer,
    ):
        writer.write_table(chosen)
    met = sum(table["met"].to_pylist())
    return {
        "follow_up_tables_s": times,
        "rollup_s": rollup_times,
        "rows": rows.num_rows,
        "rollup_rows": table.num_rows,
        "met": met,
        "rss_mb": rss,
    }


def _pinggu_rows(result: Any) -> list[tuple[Any, ...]]:
    return sorted(
        (r.client, r.period, r.grade, r.contacts, r.visits, r.met) for r in result.clients
    )


def _overdue(found: Sequence[Any]) -> list[tuple[Any, ...]]:
    return [
        (o.client, o.grade, str(o.measure), o.last_contact, o.due, o.days_overdue) for o in found
    ]


def phase_station(
    folder: Path, station: str, start: date, end: date, on: date, runs: int
) -> dict[str, Any]:
    import tracemalloc

    import contacts_baseline as naive

    from pinggu import follow_up, overdue_clients

    schedule = _schedule()
    one = load(folder / station)  # the station's own files: its memory is its own
    build_times, data = _timed(1, lambda: contact_data(one))
    page_times, result = _timed(runs, lambda: follow_up(data, schedule, start, end))
    overdue_times, found = _timed(runs, lambda: overdue_clients(data, schedule, on))
    tracemalloc.start()
    follow_up(data, schedule, start, end)
    overdue_clients(data, schedule, on)
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    convert_times, tables = _timed(
        1, lambda: [t.to_pydict() for t in (one.clients, one.changes, one.records)]
    )
    naive_times, naive_rows = _timed(
        max(1, runs // 2), lambda: naive.follow_up_rows(*tables, schedule, start, end)
    )
    naive_overdue_times, naive_overdue = _timed(
        max(1, runs // 2), lambda: naive.overdue_rows(*tables, schedule, on)
    )
    same_rows = _pinggu_rows(result) == sorted(r[1:] for r in naive_rows)
    same_overdue = _overdue(found) == naive_overdue
    return {
        "station": station,
        "clients": one.clients.num_rows,
        "records": one.records.num_rows,
        "contact_data_s": build_times,
        "follow_up_s": page_times,
        "overdue_s": overdue_times,
        "baseline_convert_s": convert_times,
        "baseline_s": naive_times,
        "baseline_overdue_s": naive_overdue_times,
        "rows": len(result.clients),
        "overdue": len(found),
        "same_rows": same_rows,
        "same_overdue": same_overdue,
        "tracemalloc_mb": python_peak / 2**20,
        "rss_mb": _rss_mb(),
    }


def phase_baseline(folder: Path, start: date, end: date, stations: int) -> dict[str, Any]:
    """The baseline station by station (its dicts stay one station's size), on the first
    `stations` stations; its rows are compared with those pinggu wrote in the city phase."""
    import contacts_baseline as naive

    schedule = _schedule()
    city = load(folder)
    bounds = [station_bounds(t) for t in (city.clients, city.changes, city.records)]
    chosen = sorted(bounds[0])[:stations]
    convert = rules = 0.0
    rows: list[tuple[Any, ...]] = []
    for station in chosen:
        t0 = time.perf_counter()
        tables = [
            t.slice(*b.get(station, (0, 0))).to_pydict()
            for t, b in zip((city.clients, city.changes, city.records), bounds, strict=True)
        ]
        t1 = time.perf_counter()
        rows.extend(naive.follow_up_rows(*tables, schedule, start, end))
        convert, rules = convert + t1 - t0, rules + time.perf_counter() - t1
    rss = _rss_mb()
    mismatches = _compare(folder, chosen, rows)
    return {
        "stations": len(chosen),
        "of": len(bounds[0]),
        "clients": sum(bounds[0][s][1] for s in chosen),
        "records": sum(bounds[2].get(s, (0, 0))[1] for s in chosen),
        "convert_s": convert,
        "rules_s": rules,
        "rows": len(rows),
        "mismatches": mismatches,
        "rss_mb": rss,
    }


def _compare(folder: Path, stations: list[str], rows: list[tuple[Any, ...]]) -> int:
    """How many client-period rows differ between pinggu and the baseline (both ways)."""
    import pyarrow.compute as pc

    path = folder / "pinggu_rows.arrow"
    if not path.exists():
        return -1
    theirs = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
    theirs = theirs.filter(pc.is_in(theirs["station"], pa.array(stations)))
    columns = [theirs[name].to_pylist() for name in ROW_COLUMNS]
    pinggu_rows = set(zip(*columns, strict=True))
    ours = set(rows)
    for row in sorted(pinggu_rows ^ ours)[:10]:
        print("  differs:", "pinggu" if row in pinggu_rows else "baseline", row, file=sys.stderr)
    twice = (len(rows) - len(ours)) + (theirs.num_rows - len(pinggu_rows))  # a row listed twice
    return len(pinggu_rows ^ ours) + twice


def phase_xlsx(folder: Path, station: str, start: date, end: date) -> dict[str, Any]:
    from pinggu import read_contacts

    one = load(folder / station)  # the station's own files: its memory is its own
    path = folder / f"{station}-服务记录.xlsx"
    write_times, _ = _timed(1, lambda: write_station_xlsx(one, path))
    read_times, data = _timed(1, lambda: read_contacts(path, period=(start, end)))
    return {
        "records": one.records.num_rows,
        "read_records": len(data.records),
        "read_clients": len(data.clients),
        "mb": path.stat().st_size / 2**20,
        "write_s": write_times,
        "read_s": read_times,
        "rss_mb": _rss_mb(),
    }


# ---------------------------------------------------------------------------------- the run


def _phase(name: str, folder: Path, args: argparse.Namespace, *extra: str) -> dict[str, Any]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        name,
        "--data",
        str(folder),
    ]
    command += ["--start", args.start.isoformat(), "--end", args.end.isoformat(), *extra]
    if args.progress:
        print(f"· {name} {' '.join(extra)}", file=sys.stderr, flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise SystemExit(f"phase {name} failed (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _ms(times: Sequence[float]) -> str:
    return f"{statistics.median(times) * 1000:.0f} ms"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _gb(mb: float) -> str:
    return f"{mb / 1024:.2f} GB"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small city (6 stations)")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--runs", type=int, default=3, help="runs of each pinggu measurement")
    parser.add_argument(
        "--baseline-stations", type=int, default=0, help="run the baseline on N stations (0: all)"
    )
    parser.add_argument("--out", type=Path, help="keep the city's files in this folder")
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--start", type=date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--end", type=date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--on", type=date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--station", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(_run_phase(args), default=str))
        return 0
    size = QUICK if args.quick else FULL
    args.start, args.end = size.start, size.end
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        return _run(args, size, args.out)
    with tempfile.TemporaryDirectory(prefix="pinggu-city-") as folder:
        return _run(args, size, Path(folder))


def _run_phase(args: argparse.Namespace) -> dict[str, Any]:
    if args.phase == "generate":
        return phase_generate(args.data, QUICK if args.quick else FULL, args.seed)
    if args.phase == "city":
        return phase_city(args.data, args.start, args.end, args.runs)
    if args.phase == "station":
        return phase_station(args.data, args.station, args.start, args.end, args.on, args.runs)
    if args.phase == "baseline":
        return phase_baseline(args.data, args.start, args.end, args.baseline_stations or 10**9)
    if args.phase == "xlsx":
        return phase_xlsx(args.data, args.station, args.start, args.end)
    raise SystemExit(f"unknown phase {args.phase}")


def phase_generate(folder: Path, size: Size, seed: int) -> dict[str, Any]:
    """The city into Arrow files, and the typical and largest stations into their own."""
    t0 = time.perf_counter()
    city = generate(size, seed)
    generated = time.perf_counter() - t0
    t0 = time.perf_counter()
    save(city, folder)
    saved = time.perf_counter() - t0
    records = {s: n for s, (_, n) in station_bounds(city.records).items()}
    typical = min(records, key=lambda s: (abs(records[s] - STATION_RECORDS), s))
    largest = max(records, key=lambda s: (records[s], s))
    for station in (typical, largest):
        (folder / station).mkdir(exist_ok=True)
        save(station_slice(city, station), folder / station)
    return {
        "stations": len(records),
        "clients": city.clients.num_rows,
        "changes": city.changes.num_rows,
        "records": city.records.num_rows,
        "digest": digest(city),
        "generate_s": generated,
        "save_s": saved,
        "typical": typical,
        "largest": largest,
        "rss_mb": _rss_mb(),
    }


def _run(args: argparse.Namespace, size: Size, folder: Path) -> int:
    # Every part in its own process, the generator too: a child's ru_maxrss starts from its
    # parent's at the fork (Linux keeps it across exec), so this process stays small.
    made = _phase("generate", folder, args, "--seed", str(args.seed), *(["--quick"] * args.quick))
    typical, largest = made["typical"], made["largest"]
    on = args.end - timedelta(days=16)
    print(
        f"city: {made['stations']} stations, {made['clients']:,} clients, "
        f"{made['changes']:,} grade changes, {made['records']:,} records, "
        f"period {args.start}–{args.end}, seed {args.seed}, digest {made['digest']}; "
        f"generated in {_s(made['generate_s'])}, written as Arrow files in "
        f"{_s(made['save_s'])}; generator peak RSS {_gb(made['rss_mb'])}; "
        f"load average {_load()}"
    )
    runs = str(args.runs)
    city_run = _phase("city", folder, args, "--runs", runs)
    stations = {
        s: _phase("station", folder, args, "--station", s, "--on", on.isoformat(), "--runs", runs)
        for s in dict.fromkeys((typical, largest))
    }
    base = _phase("baseline", folder, args, "--baseline-stations", str(args.baseline_stations))
    xlsx = _phase("xlsx", folder, args, "--station", typical)
    print(_table(args, city_run, stations, base, xlsx, on))
    print(f"load average at the end {_load()} (other processes share the 2 cores)")
    agree = base["mismatches"] == 0 and all(
        r["same_rows"] and r["same_overdue"] for r in stations.values()
    )
    print("pinggu and the baseline agree" if agree else "pinggu and the baseline DISAGREE")
    return 0 if agree else 1


def _table(
    args: argparse.Namespace,
    city: dict[str, Any],
    stations: dict[str, dict[str, Any]],
    base: dict[str, Any],
    xlsx: dict[str, Any],
    on: date,
) -> str:
    best = min(city["follow_up_tables_s"])
    rollup = min(city["rollup_s"])
    naive = base["convert_s"] + base["rules_s"]
    scale = base["of"] / base["stations"]
    naive_city = (
        _s(naive)
        if scale == 1
        else f"{_s(naive * scale)} (×{scale:.1f} from {base['stations']} stations: {_s(naive)})"
    )
    met = "met" if best + rollup < TARGET_CITY_S else "NOT MET"
    lines = [
        "| measure | pinggu | naive baseline (plain Python) | target (2 cores) |",
        "|---|---:|---:|---|",
        f"| whole city, every client × period ({city['rows']:,} rows): `follow_up_tables` | "
        f"{_s(best)} (runs: {', '.join(f'{t:.2f}' for t in city['follow_up_tables_s'])}) | "
        f"{naive_city}; of which Arrow → Python {_s(base['convert_s'] * scale)} | |",
        f"| roll-up by station/片区/grade/period in DuckDB ({city['rollup_rows']:,} rows) | "
        f"{_s(rollup)} | | |",
        f"| **whole city** | **{_s(best + rollup)}** | | < {TARGET_CITY_S:.0f} s: {met} |",
    ]
    for name, r in stations.items():
        pages = statistics.median(r["follow_up_s"]) + statistics.median(r["overdue_s"])
        ok = "met" if pages * 1000 < TARGET_PAGE_MS else "NOT MET"
        lines += [
            f"| station {name} ({r['clients']:,} clients, {r['records']:,} records): `follow_up` "
            f"({r['rows']:,} rows) | {_ms(r['follow_up_s'])} | {_ms(r['baseline_s'])} | |",
            f"| station {name}: `overdue_clients` on {on} ({r['overdue']:,} clients) | "
            f"{_ms(r['overdue_s'])} | {_ms(r['baseline_overdue_s'])} | |",
            f"| **station {name}: both pages** | **{pages * 1000:.0f} ms** | | "
            f"< {TARGET_PAGE_MS:.0f} ms: {ok} |",
            f"| station {name}: its `ContactData` from Arrow (once, not a page) / as Python dicts "
            f"| {_ms(r['contact_data_s'])} | {_ms(r['baseline_convert_s'])} | |",
        ]
    memory = max(city["rss_mb"], *(r["rss_mb"] for r in stations.values()))
    lines += [
        f"| read a station's year from .xlsx with `read_contacts` ({xlsx['read_records']:,} records, "
        f"{xlsx['mb']:.1f} MB; written by openpyxl in {_s(xlsx['write_s'][0])}) | "
        f"{_s(xlsx['read_s'][0])} | | web upload < 10 s |",
        f"| peak memory (ru_maxrss), city process | {_gb(city['rss_mb'])} | "
        f"{_gb(base['rss_mb'])} (station by station) | < {TARGET_MEMORY_GB:.0f} GB: "
        f"{'met' if memory / 1024 < TARGET_MEMORY_GB else 'NOT MET'} |",
        "| peak memory, station process (tracemalloc: Python objects of one `follow_up` + "
        "`overdue_clients`) | "
        + " / ".join(
            f"{_gb(r['rss_mb'])} ({r['tracemalloc_mb']:.0f} MB)" for r in stations.values()
        )
        + " | | |",
        f"| peak memory, .xlsx reading process | {_gb(xlsx['rss_mb'])} | | |",
        f"| same client-period rows as pinggu | | {base['rows']:,} rows, "
        f"{base['mismatches']} differ; stations: "
        + ", ".join(
            f"{n} rows {'same' if r['same_rows'] else 'DIFFER'}, overdue "
            f"{'same' if r['same_overdue'] else 'DIFFER'}"
            for n, r in stations.items()
        )
        + " | |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
