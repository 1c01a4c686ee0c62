"""Benchmark (not a test): one Guangzhou evaluation season, 176 stations, from data to PDF.

    uv run python bench/season.py [--stations 176] [--seed 2023] [--workers 2] [--out DIR --keep]

Plans the season from `--seed` (the same seed always gives the same stations, scores and grades:
the printed season digest shows it), builds every station's synthetic evaluation, evaluates it
with the guangzhou-2023 scheme and writes its audited .docx with both charts in a pool of
`--workers` processes, then converts all the reports to PDF with `convert_many` in `--workers`
LibreOffice runs. Prints per-stage totals, per-report medians, the PDFs' page counts and whether
the season met its 60 s target. A report that fails its own audit (or any other error) is listed
and makes the exit status non-zero.

The pool uses the "fork" start method on purpose: the parent imports pinggu, matplotlib and
docxtpl, loads the scheme and registers the CJK font once, and the workers inherit all of it
(with "spawn" each worker would import and load everything again before its first report). Fork
is safe here because the parent has no other threads when the pool forks: LibreOffice runs only
after the pool is closed. `--start-method spawn` is there to measure the difference.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import itertools
import multiprocessing
import os
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pinggu import Scheme

# The season's clock starts here, before pinggu, matplotlib and docxtpl are imported (all
# imports of pinggu are inside functions): those imports are part of the season.
WALL_START = time.perf_counter()

TARGET_SECONDS = 60.0
SCHEME = "guangzhou-2023"
SEASON = 176  # one station per street/town of Guangzhou
# Station names are distinct for this many consecutive synthetic seeds (pinggu._synthetic).
DISTINCT_SEEDS = 2256
MIDTERM_SHARE = 0.2  # mostly final evaluations, some mid-term


@dataclass(frozen=True)
class Station:
    """One station of the season: its synthetic seed and the sizes drawn for it."""

    index: int
    seed: int
    midterm: bool
    zones: int
    communities: int
    workers: int
    months: int
    contract_workers: int
    contract_certified_workers: int
    experts: int
    start: date


@dataclass(frozen=True)
class Built:
    """What a worker reports back for one station."""

    index: int
    station: str = ""
    docx: str = ""
    digest: str = ""  # kind, total score and grade: what must not change for the same seed
    generate: float = 0.0
    evaluate: float = 0.0
    report: float = 0.0  # content + charts + .docx + self-audit (write_docx)
    cpu: float = 0.0
    pid: int = 0
    error: str = ""


def plan_season(seed: int, count: int) -> list[Station]:
    """`count` stations of realistic, varied sizes, all drawn from `seed`.

    Within the seeds' ranges: 3–5 片区, 8–18 社区 (at least two per 片区), 20–35 people over
    the period for about 20 contracted workers; final evaluations cover 10–11 months, mid-term
    ones 5–6; contracts start on any day 1–28 of 2023. Station i uses synthetic seed
    `seed * 10000 + i`: consecutive seeds, so every station has its own name (and file names).
    """
    rng = random.Random(f"pinggu-season-{seed}")
    stations = []
    for i in range(count):
        midterm = rng.random() < MIDTERM_SHARE
        zones = rng.randint(3, 5)
        workers = rng.randint(20, 35)
        contract = min(workers, rng.choice((18, 20, 20, 20, 22)))
        stations.append(
            Station(
                index=i,
                seed=seed * 10_000 + i,
                midterm=midterm,
                zones=zones,
                communities=rng.randint(max(8, 2 * zones), 18),
                workers=workers,
                months=rng.choice((5, 6)) if midterm else rng.choice((10, 10, 11)),
                contract_workers=contract,
                contract_certified_workers=min(contract, rng.randint(12, 16)),
                experts=rng.choice((5, 5, 5, 4, 3)),
                start=date(2023, rng.randint(1, 12), rng.choice((1, 1, rng.randint(2, 28)))),
            )
        )
    return stations


# ---------------------------------------------------------------- the pool's side


@dataclass
class _WorkerState:
    outdir: Path | None = None
    scheme: Scheme | None = None
    profile_dir: Path | None = None  # set in the one worker that profiles
    profiles: dict[str, cProfile.Profile] = field(default_factory=dict)


_STATE = _WorkerState()
STAGES = ("generate", "evaluate", "report")


def _warm_up() -> None:
    """Import and load everything a report needs: in the parent before fork (the workers
    inherit it), in each worker under spawn."""
    from pinggu import load_scheme
    from pinggu._report import build  # noqa: F401  (python-docx, docxtpl, matplotlib)
    from pinggu._report.charts import cjk_font_family

    _STATE.scheme = load_scheme(SCHEME)
    cjk_font_family()


def _init_worker(outdir: str, profile_dir: str | None, claim: Synchronized[int]) -> None:
    _STATE.outdir = Path(outdir)
    if _STATE.scheme is None:  # spawn: nothing inherited
        _warm_up()
    if profile_dir is not None:
        with claim.get_lock():  # the first worker to start profiles, the others don't
            if claim.value == 0:
                claim.value = os.getpid()
                _STATE.profile_dir = Path(profile_dir)
                _STATE.profiles = {stage: cProfile.Profile() for stage in STAGES}


@contextmanager
def _stage(name: str) -> Iterator[None]:
    profile = _STATE.profiles.get(name)
    if profile is None:
        yield
        return
    profile.enable()
    try:
        yield
    finally:
        profile.disable()


def build_station(station: Station) -> Built:
    """Generate, evaluate and write one station's audited report; never raises."""
    from pinggu import Kind, evaluate
    from pinggu._report.build import write_docx
    from pinggu._synthetic import synthetic_evaluation

    outdir, scheme = _STATE.outdir, _STATE.scheme
    assert outdir is not None and scheme is not None
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    name = f"#{station.index} (seed {station.seed})"
    try:
        with _stage("generate"):
            evaluation = synthetic_evaluation(
                station.seed,
                kind=Kind.MIDTERM if station.midterm else Kind.FINAL,
                zones=station.zones,
                communities=station.communities,
                workers=station.workers,
                months=station.months,
                contract_workers=station.contract_workers,
                contract_certified_workers=station.contract_certified_workers,
                experts=station.experts,
                start=station.start,
                scheme=scheme,
            )
        name = evaluation.info.station
        t1 = time.perf_counter()
        with _stage("evaluate"):
            result = evaluate(evaluation, scheme)
        t2 = time.perf_counter()
        with _stage("report"):
            _, files = write_docx(result, outdir)
        t3 = time.perf_counter()
    except Exception as exc:  # a failed audit is a ReportError: list it, go on with the rest
        return Built(station.index, name, error=_short(exc))
    finally:
        if _STATE.profile_dir is not None:  # after every report: a pool worker has no exit hook
            for stage, profile in _STATE.profiles.items():
                profile.dump_stats(_STATE.profile_dir / f"{stage}.prof")
    if not files.audit.ok:  # write_docx refuses these already; never count one as done
        return Built(station.index, name, error=f"自检未通过：{len(files.audit.failures)} 项")
    total = result.total_score
    digest = f"{evaluation.info.kind.value}|{total.value if total else '-'}|{result.grade}"
    return Built(
        index=station.index,
        station=name,
        docx=str(files.docx),
        digest=digest,
        generate=t1 - t0,
        evaluate=t2 - t1,
        report=t3 - t2,
        cpu=time.process_time() - cpu0,
        pid=os.getpid(),
    )


def _short(exc: Exception) -> str:
    """The error in a few lines: for a failed audit, its heading, failures and conclusion."""
    text = str(exc) or traceback.format_exc(limit=3)
    lines = text.splitlines()
    failed = [line for line in lines[1:] if "✗" in line or line.startswith("结论")]
    kept = lines[:1] + failed if failed else lines[:12]
    return f"{type(exc).__name__}: " + "\n    ".join(kept)


def print_profiles(profile_dir: Path, lines: int) -> None:
    """The profiling worker's stages: pinggu's functions by cumulative time, then every
    function by its own time."""
    for stage in STAGES:
        path = profile_dir / f"{stage}.prof"
        if not path.is_file():
            continue
        for order, restriction, title in (
            ("cumulative", "pinggu/", "pinggu functions by cumulative time"),
            ("tottime", "", "all functions by own time"),
        ):
            out = io.StringIO()
            stats = pstats.Stats(str(path), stream=out)
            stats.sort_stats(order).print_stats(restriction, lines)
            body = out.getvalue()
            body = body[body.find("   ncalls") :] if "   ncalls" in body else body
            print(f"\ncProfile, one worker, stage {stage}, {title} ({path}):")
            print(body.rstrip())


# ---------------------------------------------------------------- PDF


def soffice_chunks(paths: Sequence[Path], workers: int) -> list[list[Path]]:
    """The contiguous chunks `convert_many` gives each LibreOffice run (same arithmetic)."""
    count = max(1, min(workers, len(paths)))
    size, extra = divmod(len(paths), count)
    bounds = [i * size + min(i, extra) for i in range(count + 1)]
    return [list(paths[bounds[i] : bounds[i + 1]]) for i in range(count)]


def pdf_seconds(
    pdfs: Sequence[Path], workers: int, started: float
) -> tuple[list[float], list[float]]:
    """Per-report conversion times read off the PDFs' modification times.

    Each LibreOffice run writes its chunk's PDFs one after another, so the gap between two
    consecutive PDFs of a chunk is one report's load + layout + export. The first PDF of a chunk
    also carries LibreOffice's start: returned separately (seconds after `started`, a time.time()).
    """
    per_report: list[float] = []
    first: list[float] = []
    for chunk in soffice_chunks(pdfs, workers):
        times = [p.stat().st_mtime_ns / 1e9 for p in chunk]
        if times:
            first.append(times[0] - started)
        per_report += [b - a for a, b in itertools.pairwise(times)]
    return per_report, first


def page_counts(pdfs: Sequence[Path]) -> list[int]:
    def pages(pdf: Path) -> int:
        out = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        return next(int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:"))

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(pages, pdfs))


# ---------------------------------------------------------------- the season


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _seconds(value: float, width: int, digits: int) -> str:
    return f"{'n/a' if value != value else f'{value:.{digits}f}':>{width}}"


def run(args: argparse.Namespace, outdir: Path) -> int:
    from pinggu._errors import ReportError
    from pinggu._report.pdf import convert_many

    stations = plan_season(args.seed, args.stations)
    midterms = sum(s.midterm for s in stations)
    load = os.getloadavg()
    print(
        f"季度 season: {len(stations)} stations ({len(stations) - midterms} 末期, {midterms} 中期), "
        f"seed {args.seed}, {args.workers} workers ({args.start_method}), scheme {SCHEME}"
    )
    print(
        f"  片区 {min(s.zones for s in stations)}–{max(s.zones for s in stations)}, "
        f"社区 {min(s.communities for s in stations)}–{max(s.communities for s in stations)}, "
        f"people {min(s.workers for s in stations)}–{max(s.workers for s in stations)}, "
        f"months {min(s.months for s in stations)}–{max(s.months for s in stations)}; "
        f"out {outdir}; load average at start {load[0]:.2f}"
    )

    if args.start_method == "fork":
        _warm_up()
    startup = time.perf_counter() - WALL_START
    context = multiprocessing.get_context(args.start_method)
    claim = context.Value("i", 0)
    profile_dir = None if args.profile is None else str(args.profile.resolve())
    built: list[Built] = []
    pool_start = time.perf_counter()
    with context.Pool(
        args.workers, initializer=_init_worker, initargs=(str(outdir), profile_dir, claim)
    ) as pool:
        for item in pool.imap_unordered(build_station, stations, chunksize=1):
            built.append(item)
            if args.progress:
                print(f"\r  docx {len(built)}/{len(stations)}", end="", file=sys.stderr)
        pool.close()
        pool.join()
    if args.progress:
        print(file=sys.stderr)
    docx_wall = time.perf_counter() - pool_start
    built.sort(key=lambda b: b.index)
    done = [b for b in built if not b.error]
    errors = [f"{b.station}: {b.error}" for b in built if b.error]

    docx_paths = [Path(b.docx) for b in done]
    cpu_before_pdf = _children_cpu()
    pdf_start = time.perf_counter()
    pdf_started_at = time.time()
    pdfs: list[Path] = []
    try:
        pdfs = convert_many(docx_paths, outdir, workers=args.workers)
    except ReportError as exc:
        errors.append(f"PDF: {exc}")
    pdf_wall = time.perf_counter() - pdf_start
    wall = time.perf_counter() - WALL_START
    pdf_cpu = _children_cpu() - cpu_before_pdf
    total_cpu = _self_cpu() + _children_cpu()

    per_pdf, soffice_first = pdf_seconds(pdfs, args.workers, pdf_started_at) if pdfs else ([], [])
    pages = page_counts(pdfs) if pdfs else []
    digest = hashlib.sha256(
        "\n".join(
            f"{b.station}|{b.digest}|{p}"
            for b, p in zip(done, pages or [0] * len(done), strict=True)
        ).encode()
    ).hexdigest()[:16]

    n = len(done)
    print()
    print(f"{'stage':<34}{'total s':>10}{'median per report s':>22}")
    print(f"{'startup (imports, scheme, font)':<34}{startup:>10.2f}")
    for label, values in (
        ("generate (synthetic_evaluation)", [b.generate for b in done]),
        ("evaluate", [b.evaluate for b in done]),
        ("content+charts+docx+audit", [b.report for b in done]),
    ):
        print(f"{label:<34}{sum(values):>10.2f}{_seconds(_median(values), 22, 3)}")
    print(
        f"{'  pool wall (start→last docx)':<34}{docx_wall:>10.2f}"
        f"{'':>22}  CPU {sum(b.cpu for b in done):.1f} s in {args.workers} workers"
    )
    print(
        f"{'pdf (convert_many)':<34}{pdf_wall:>10.2f}{_seconds(_median(per_pdf), 22, 3)}"
        f"  CPU {pdf_cpu:.1f} s; LibreOffice start + first report "
        + ", ".join(f"{s:.1f}" for s in soffice_first)
        + " s"
    )
    print(
        f"{'wall total (incl. imports)':<34}{wall:>10.2f}{wall / max(n, 1):>22.3f}  (wall ÷ reports)"
    )
    print(
        f"CPU total {total_cpu:.1f} s = {total_cpu / wall / (os.cpu_count() or 1):.0%} of "
        f"{os.cpu_count()} cores over the wall time; load average at end {os.getloadavg()[0]:.2f}"
    )
    if pages:
        print(
            f"PDF pages: {min(pages)}–{max(pages)} (median {_median(pages):.0f}), {len(pages)} PDFs"
        )
    print(
        f"reports: {n}/{len(stations)} written and passed their self-audit; season digest {digest}"
    )
    met = wall < TARGET_SECONDS and not errors
    verdict = "MET" if met else "NOT MET" + (" (errors)" if errors else "")
    print(f"target: whole season under {TARGET_SECONDS:.0f} s wall: {verdict} ({wall:.1f} s)")
    if args.profile is not None:
        profiled = sum(b.pid == claim.value for b in done)
        print(f"\n(profiled: {profiled} reports in worker {claim.value}; cProfile slows it down)")
        print_profiles(args.profile, args.profile_lines)
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for error in errors:
            print(f"  ✗ {error}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stations", type=int, default=SEASON, help="stations (default 176)")
    parser.add_argument("--seed", type=int, default=2023, help="season seed (default 2023)")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--out", type=Path, help="output folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary output folder")
    parser.add_argument(
        "--start-method", choices=("fork", "spawn"), default="fork", help="(default fork)"
    )
    parser.add_argument("--progress", action="store_true", help="show progress on stderr")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="cProfile each stage in one worker, save DIR/<stage>.prof and print the top",
    )
    parser.add_argument("--profile-lines", type=int, default=30, help="(default 30)")
    args = parser.parse_args(argv)
    if not 1 <= args.stations <= DISTINCT_SEEDS:
        parser.error(f"--stations must be 1..{DISTINCT_SEEDS} (distinct station names)")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.seed < 0:
        parser.error("--seed must be 0 or more")
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        return run(args, args.out.resolve())
    outdir = Path(tempfile.mkdtemp(prefix="pinggu-season-"))
    try:
        return run(args, outdir)
    finally:
        if args.keep:
            print(f"kept {outdir}")
        else:
            shutil.rmtree(outdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
