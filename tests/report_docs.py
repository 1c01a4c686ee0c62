"""Reading a generated report back as a user's tools would: paragraphs and table cells as text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document

from pinggu import Result, evaluate, load_scheme, load_workbook
from pinggu._report.build import write_docx

EXAMPLE = Path(__file__).parent.parent / "examples" / "示例街社工服务站-末期评估.xlsx"


@dataclass
class ReadReport:
    path: Path
    paragraphs: list[str]
    tables: list[list[list[str]]]  # each table: rows of cell texts (merged cells repeat)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def table_with(self, *headers: str) -> list[list[str]]:
        return next(t for t in self.tables if all(h in t[0] for h in headers))

    def tables_with(self, header: str) -> list[list[list[str]]]:
        return [t for t in self.tables if any(header in row for row in t[:2])]


def read(path: Path) -> ReadReport:
    doc = Document(str(path))
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in doc.tables]
    return ReadReport(path, [p.text for p in doc.paragraphs], tables)


def example_result() -> Result:
    scheme = load_scheme()
    return evaluate(load_workbook(EXAMPLE, scheme), scheme)


def write_example(outdir: Path) -> tuple[Result, Path]:
    result = example_result()
    _, files = write_docx(result, outdir)
    return result, files.docx
