"""Every error the engine raises on purpose is a `PingguError`, defined in pinggu/_errors.py and
drawn in its docstring, so a caller knows what to catch from one place."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import pinggu
from pinggu import InvalidData, PingguError, draw_sample, read_roster
from pinggu import _errors as errors

# signals caught where they are raised: a cell conversion's; an .xls the error finder cannot
# follow; an argument `pinggu contacts` cannot use
INTERNAL = {
    "pinggu._sheets.cells.Bad",
    "pinggu._sheets.biff._Broken",
    "pinggu._contacts.command.Refused",
}


def engine_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(pinggu.__path__, "pinggu.")
        if not m.name.startswith(("pinggu.web", "pinggu.cli"))
    ]


def test_every_error_class_of_the_engine_is_in_the_tree() -> None:
    drawing = errors.__doc__ or ""
    for name in engine_modules():
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, BaseException) or cls.__module__ != name:
                continue
            if f"{name}.{cls_name}" in INTERNAL:
                continue
            assert name == "pinggu._errors", f"{name}.{cls_name} belongs in pinggu/_errors.py"
    for cls_name, cls in inspect.getmembers(errors, inspect.isclass):
        if issubclass(cls, Exception) and cls.__module__ == "pinggu._errors":
            assert issubclass(cls, PingguError), cls_name
            assert cls_name in drawing, f"{cls_name} is not drawn in the tree"


def test_bad_survey_input_is_a_pinggu_error_and_still_a_value_error() -> None:
    roster = read_roster(pinggu.__path__[0] + "/../examples/示例街社工服务站-服务对象名册.xlsx")
    for n, seed in ((0, "1"), (5, " ")):
        with pytest.raises(InvalidData) as caught:
            draw_sample(roster, n=n, seed=seed)
        assert isinstance(caught.value, PingguError) and isinstance(caught.value, ValueError)
