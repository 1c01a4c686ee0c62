"""pinggu (评估): evaluates Guangzhou's social work stations by the rules, with every figure right.

The public API is listed in `__all__` and kept honest by tests/test_public_api.py. Everything
else lives in private modules and may change.
"""

from ._engine import Result, evaluate
from ._errors import PingguError, Problem, SchemeError, WorkbookError
from ._figures import Figure
from ._json import result_to_dict
from ._model import Evaluation, Kind
from ._scheme import Scheme, available_schemes, load_scheme
from ._workbook.importer import load_workbook, parse_workbook
from ._workbook.writer import write_workbook

__all__ = [
    "Evaluation",
    "Figure",
    "Kind",
    "PingguError",
    "Problem",
    "Result",
    "Scheme",
    "SchemeError",
    "WorkbookError",
    "available_schemes",
    "evaluate",
    "load_scheme",
    "load_workbook",
    "parse_workbook",
    "result_to_dict",
    "write_workbook",
]
