"""How long the command line takes to start (issue 12 §4; a benchmark, not a test).

Times, in fresh processes and side by side in one run: an empty interpreter (the floor),
`import pinggu`, `pinggu --help`, `pinggu evaluate` on the example workbook (text and --json),
`pinggu audit` of the example's report (written once first, without PDF), and, for scale,
importing the modules that `pinggu report` loads on top. Then `python -X importtime` lists the
largest packages outside the standard library that `pinggu evaluate` still imports, and those
that `pinggu report` adds. The guard that keeps the report's libraries out of the fast paths is
tests/test_it_starts_without_the_report_libraries.py.

    uv run python bench/cli_startup.py            # 7 runs of each, median and fastest
    uv run python bench/cli_startup.py --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "示例街社工服务站-末期评估.xlsx"
TARGET_S = 1.0  # `pinggu evaluate` on the example, wall time (issue 12 §4)


def _pinggu() -> list[str]:
    """The installed `pinggu` script next to this interpreter, as a user runs it."""
    script = Path(sys.executable).parent / "pinggu"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pinggu.cli"]


def _cases(report: Path) -> list[tuple[str, list[str]]]:
    py, pg = sys.executable, _pinggu()
    return [
        ("python -c pass (floor)", [py, "-c", "pass"]),
        ('python -c "import pinggu"', [py, "-c", "import pinggu"]),
        ("pinggu --help", [*pg, "--help"]),
        ("pinggu evaluate EXAMPLE", [*pg, "evaluate", str(EXAMPLE)]),
        ("pinggu evaluate EXAMPLE --json", [*pg, "evaluate", str(EXAMPLE), "--json"]),
        ("pinggu audit REPORT", [*pg, "audit", str(report)]),
        ("import what report loads (scale)", [py, "-c", "import pinggu._report.build"]),
    ]


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def _importtime(module: str) -> dict[str, int]:
    """Cumulative import time in microseconds of each top-level package `import module` loads."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        if cumulative.isdigit() and "." not in name:
            found[name] = max(found.get(name, 0), int(cumulative))
    return found


def _top(found: dict[str, int], skip: set[str], n: int) -> str:
    skip = skip | set(sys.stdlib_module_names) | {"pinggu"}
    ranked = sorted(((us, name) for name, us in found.items() if name not in skip), reverse=True)
    return ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in ranked[:n]) or "—"


def _measure(cases: list[tuple[str, list[str]]], runs: int) -> dict[str, list[float]]:
    for _, command in cases:  # warm the file cache and the .pyc files once
        _wall(command)
    times: dict[str, list[float]] = {label: [] for label, _ in cases}
    for _ in range(runs):  # interleaved, so a burst of other load touches every row alike
        for label, command in cases:
            times[label].append(_wall(command))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pinggu-startup-") as tmp:
        report = Path(tmp) / "示例街社工服务站末期评估报告.docx"
        subprocess.run(
            [*_pinggu(), "report", str(EXAMPLE), "-o", tmp, "--no-pdf"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times = _measure(_cases(report), args.runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"pinggu start-up, {args.runs} runs each, load average {load:.2f}, {_pinggu()[0]}")
    print("| command | median s | fastest s |\n|---|---:|---:|")
    for label in times:
        print(f"| {label} | {statistics.median(times[label]):.2f} | {min(times[label]):.2f} |")
    evaluate = statistics.median(times["pinggu evaluate EXAMPLE"])
    verdict = "met" if evaluate < TARGET_S else "NOT MET"
    print(f"\n`pinggu evaluate` under {TARGET_S:.0f} s: {verdict} ({evaluate:.2f} s median)")
    evaluate_imports = _importtime("pinggu.cli")
    report_imports = _importtime("pinggu._report.build")
    whole = evaluate_imports.get("pinggu", 0) / 1000
    print(f"\nimport pinggu.cli: {whole:.0f} ms in all (python -X importtime, one run)")
    print("largest other packages `pinggu evaluate` imports (cumulative):")
    print("  " + _top(evaluate_imports, set(), 8))
    print("what `pinggu report` adds:")
    print("  " + _top(report_imports, set(evaluate_imports), 8))
    return 0


if __name__ == "__main__":
    sys.exit(main())
