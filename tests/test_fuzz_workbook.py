"""Mutations of the example workbook end in a located error or in a result whose every changed
figure a warning or notice explains: never a traceback, never a silent change (issue 12, "Done
when"). A fixed-seed sample of bench/fuzz_workbook.py, two mutants of each kind; the script
runs a few hundred and prints the table. Every kind must pass."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest


def _load_fuzz() -> ModuleType:
    path = Path(__file__).parent.parent / "bench" / "fuzz_workbook.py"
    spec = importlib.util.spec_from_file_location("fuzz_workbook", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_workbook"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()
SEED, PER_KIND = 12, 2


@pytest.fixture(scope="module")
def base() -> object:
    return fuzz.baseline()


@pytest.mark.parametrize("kind", fuzz.KINDS)
def test_every_mutant_is_a_located_error_or_an_explained_result(
    kind: str, base: object, tmp_path: Path
) -> None:
    path = tmp_path / "变体.xlsx"
    failed = []
    for mutant, blob in fuzz.mutants(SEED, PER_KIND, [kind]):
        path.write_bytes(blob)
        outcome = fuzz.judge(mutant, path, base)
        if outcome.verdict in fuzz.FAILURES:
            failed.append(f"[{outcome.verdict}] {mutant.detail}: {outcome.note}")
    assert failed == []


# The oracle itself: it must be able to fail.


def _edited(tmp_path: Path, sheet: str, cell: str, value: object) -> Path:
    wb = openpyxl.load_workbook(io.BytesIO(fuzz.source()))
    wb[sheet][cell].value = value
    path = tmp_path / "改动.xlsx"
    wb.save(path)
    return path


def test_the_example_itself_is_unchanged(base: object, tmp_path: Path) -> None:
    path = tmp_path / "示例.xlsx"
    path.write_bytes(fuzz.source())
    assert fuzz.judge(fuzz.Mutant("none"), path, base).verdict == fuzz.UNCHANGED


def test_a_figure_changed_without_a_message_is_silent(base: object, tmp_path: Path) -> None:
    path = _edited(tmp_path, "指标", "E2", 70)  # 完成量 66 → 70: a plain, unexplained edit
    outcome = fuzz.judge(fuzz.Mutant("edit", fragments=("第 2 行",)), path, base)
    assert outcome.verdict == fuzz.SILENT
    assert "completion" in outcome.note or "完成量" in outcome.note


def test_a_change_is_explained_only_by_a_message_naming_its_cause(
    base: object, tmp_path: Path
) -> None:
    path = _edited(tmp_path, "指标", "D2", None)  # a blank 协议量: partial_target says so
    named = fuzz.Mutant("blank", codes=frozenset({"partial_target"}))
    assert fuzz.judge(named, path, base).verdict == fuzz.EXPLAINED
    unnamed = fuzz.Mutant("blank", codes=frozenset({"unknown_indicator"}))
    assert fuzz.judge(unnamed, path, base).verdict == fuzz.SILENT


def test_a_kind_that_must_be_noticed_is_silent_when_read_without_a_word(
    base: object, tmp_path: Path
) -> None:
    path = _edited(tmp_path, "到岗", "J2", "备注改了")  # 备注 moves no figure
    assert fuzz.judge(fuzz.Mutant("note"), path, base).verdict == fuzz.UNCHANGED
    strict = fuzz.Mutant("note", must_react=True)
    assert fuzz.judge(strict, path, base).verdict == fuzz.SILENT


def test_the_same_seed_gives_the_same_mutants() -> None:
    first = [m.detail for m, _ in fuzz.mutants(SEED, 1, ["删除单元格", "重复行"])]
    again = [m.detail for m, _ in fuzz.mutants(SEED, 1, ["删除单元格", "重复行"])]
    assert first == again and all(first)
