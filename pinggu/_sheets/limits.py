"""The limits every spreadsheet read is checked against, declared once.

A spreadsheet is small to send and can be enormous to open: one value typed at XFD1048576 makes
a reader expand a grid of 17 billion cells, and a few megabytes of zip can inflate to gigabytes.
Every file the engine reads (the CLI's workbooks and rosters, the web uploads) is checked against
these limits before a single cell is expanded; the README lists them (「上传与读取的限制」).

The values leave room far beyond real files: the largest sheet a station hands in is its client
roster, a few thousand rows of nine columns; an evaluation workbook is a few hundred rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

__all__ = ["LIMITS", "Limits"]

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a spreadsheet file may hold. Each field's metadata says, in Chinese, what it bounds."""

    file_bytes: int = field(
        default=20 * MB,
        metadata={"说明": "文件本身的大小（字节）；真实的评估工作簿和名册不超过 1 MB"},
    )
    archive_bytes: int = field(
        default=100 * MB,
        metadata={
            "说明": ".xlsx 解压后的总大小（字节），逐段解压计数，不采信文件自报的大小；"
            "10 万行的名册解压后约 60 MB"
        },
    )
    columns: int = field(
        default=200,
        metadata={"说明": "每个工作表有内容的最右一列（列号）；各表只有 5–12 列"},
    )
    rows: int = field(
        default=100_000,
        metadata={"说明": "每个工作表有内容的最下一行（行号）；最大的名册也只有几千人"},
    )
    cells: int = field(
        default=2_000_000,
        metadata={
            "说明": "工作簿各工作表已用区域（A1 到有内容的最下一行、最右一列）的单元格数合计："
            "读取时展开的正是这些单元格，此上限使读取不超过约 200 MB 内存"
        },
    )
    field_chars: int = field(
        default=32_767,
        metadata={"说明": "CSV 文件一个单元格的字符数（与 Excel 单元格的上限相同）"},
    )

    @staticmethod
    def described() -> list[tuple[str, str]]:
        """(field name, Chinese description) of every limit, in declaration order."""
        return [(f.name, str(f.metadata["说明"])) for f in fields(Limits)]


LIMITS = Limits()
