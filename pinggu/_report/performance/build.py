"""Write one station's performance evaluation report: content, .docx, self-audit, then .pdf.

As with the evaluation report (pinggu/_report/build.py), the .docx is written under a temporary
name, audited from the data it embeds, and only then given its name; a report that fails its
own audit is deleted and the build fails with the check list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..._engine import Result
from ..._serial import evaluation_to_dict
from ..audit import AuditResult
from ..build import embeddable, save_audited
from ..embed_write import embed
from ..pdf import convert_to_pdf
from .content import PerformanceContent, build_performance_content
from .word import default_performance_template, render_performance

KIND = "performance"  # the payload's `report`: what `pinggu audit` rebuilds


@dataclass(frozen=True)
class PerformanceReportFiles:
    docx: Path
    pdf: Path | None
    audit: AuditResult


def write_performance_docx(
    result: Result, outdir: Path, template: Path | None = None
) -> tuple[PerformanceContent, PerformanceReportFiles]:
    """The audited .docx in `outdir` (no PDF). Refuses a result without performance data."""
    content = build_performance_content(result)
    assert result.performance is not None  # build_performance_content refuses it
    tpl, manifest = render_performance(content, template or default_performance_template())
    scheme, performance = result.scheme, result.performance.scheme
    words = scheme.contacts.message_words if scheme.contacts is not None else ()
    embed(
        tpl.docx,
        {
            "report": KIND,
            "evaluation": evaluation_to_dict(embeddable(result.evaluation, words)),
            "scheme": {"id": scheme.id, "toml": scheme.source_text},
            "performance_scheme": {"id": performance.id, "toml": performance.source_text},
            "manifest": manifest,
        },
    )
    path, audit = save_audited(tpl, outdir, content.file_stem, "绩效评价报告")
    return content, PerformanceReportFiles(path, None, audit)


def write_performance_report(
    result: Result, outdir: Path, template: Path | None = None
) -> PerformanceReportFiles:
    """The performance report's .docx and .pdf in `outdir`, audited (docs/performance.md)."""
    _, files = write_performance_docx(result, outdir, template)
    (pdf,) = convert_to_pdf([files.docx], outdir)
    return PerformanceReportFiles(files.docx, files.docx.parent / pdf.name, files.audit)
