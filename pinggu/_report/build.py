"""Write one evaluation's report: content, charts, .docx, self-audit, then .pdf.

Nothing half-written is left behind: the .docx is written under a temporary name, audited,
and only then given its name; a report that fails its own audit is deleted and the build fails
with the check list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from docxtpl import DocxTemplate

from .._engine import Result
from .._errors import ReportError
from .._model import Evaluation
from .._serial import evaluation_to_dict
from .audit import AuditResult, audit_report, check_list
from .charts import render_chart
from .content import ReportContent, build_content
from .embed_write import embed
from .pdf import convert_to_pdf
from .styles import style_for
from .word import default_template, render


@dataclass(frozen=True)
class ReportFiles:
    docx: Path
    pdf: Path | None
    charts: tuple[Path, ...]
    audit: AuditResult


def write_docx(
    result: Result,
    outdir: Path,
    template: Path | None = None,
    drafts: bool = True,
    final: bool = False,
    midterm: Result | None = None,
    style: str | None = None,
) -> tuple[ReportContent, ReportFiles]:
    """The audited .docx and its chart images in `outdir` (no PDF); `drafts`, `final` and
    `midterm` as in build_content; `style` a house style's name (styles.py), else the one
    the 评估方 is named in, else 联合会."""
    chosen = style_for(style, result.evaluation.info.evaluator)
    content = build_content(result, drafts, final, midterm)
    outdir.mkdir(parents=True, exist_ok=True)
    stem = content.file_stem
    completion = (
        render_chart(content.completion_chart, outdir / f"{stem}-图1-指标完成率.png")
        if content.completion_chart is not None
        else None
    )
    staffing = render_chart(content.staffing_chart, outdir / f"{stem}-图2-每月到岗.png")
    tpl, manifest = render(content, template or default_template(), completion, staffing, chosen)
    scheme = result.scheme
    words = scheme.contacts.message_words if scheme.contacts is not None else ()
    embed(
        tpl.docx,
        {
            "evaluation": evaluation_to_dict(embeddable(result.evaluation, words)),
            "scheme": {"id": scheme.id, "toml": scheme.source_text},
            "manifest": manifest,
            "drafts": drafts,
            "final": final,
            "style": chosen.name,
            "midterm": evaluation_to_dict(embeddable(midterm.evaluation, words))
            if midterm is not None
            else None,
        },
    )
    path, audit = save_audited(tpl, outdir, stem, "报告")
    charts = tuple(p for p in (completion, staffing) if p is not None)
    return content, ReportFiles(path, None, charts, audit)


def save_audited(tpl: DocxTemplate, outdir: Path, stem: str, what: str) -> tuple[Path, AuditResult]:
    """Save the rendered .docx as `stem`.docx in `outdir`, but only once it passes its own
    audit: it is written under a temporary name first and deleted if the audit fails or
    cannot run; `what` names the report in the refusal (报告, 绩效评价报告)."""
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / f"{stem}.docx"
    draft = outdir / f".{stem}.正在生成.docx"
    tpl.save(str(draft))
    try:
        audit = audit_report(draft, path.name)
    except BaseException:
        draft.unlink(missing_ok=True)
        raise
    if not audit.ok:
        draft.unlink()
        raise ReportError(f"{what}自检未通过，未生成报告：\n" + check_list(audit))
    draft.replace(path)
    return path, audit


def embeddable(evaluation: Evaluation, words: tuple[str, ...]) -> Evaluation:
    """The evaluation as the report may carry it: the survey's clients' own words are left out
    (they may name people, and no printed figure depends on them); the survey holds no names
    or phone numbers in the first place. A service record's 备注 keeps only the schedule's
    message `words` it contains (the 「微信」 that shows a 电访 was a message: a printed count
    depends on that, never on the rest of a note, which may name people). The experts' notes
    on checked files (docs/onsite.md) and the on-site interviews' summaries
    (docs/onsite-rectification.md) are left out likewise: no printed figure depends on them."""
    survey, contacts, onsite = evaluation.survey, evaluation.contacts, evaluation.onsite
    if survey is not None:
        responses = tuple(replace(r, comment="") for r in survey.responses)
        evaluation = replace(evaluation, survey=replace(survey, responses=responses))
    if contacts is not None:
        records = tuple(
            replace(r, note="、".join(w for w in words if w in r.note)) for r in contacts.records
        )
        evaluation = replace(evaluation, contacts=replace(contacts, records=records))
    if onsite is not None and (onsite.checks or onsite.interviews):
        checks = tuple(replace(m, note="") for m in onsite.checks)
        interviews = tuple(replace(i, summary="") for i in onsite.interviews)
        evaluation = replace(
            evaluation, onsite=replace(onsite, checks=checks, interviews=interviews)
        )
    return evaluation


def write_report(
    result: Result,
    outdir: Path,
    template: Path | None = None,
    drafts: bool = True,
    final: bool = False,
    midterm: Result | None = None,
    style: str | None = None,
) -> ReportFiles:
    """The .docx, its .pdf and the chart images of one evaluation in `outdir`."""
    _, files = write_docx(result, outdir, template, drafts, final, midterm, style)
    (pdf,) = convert_to_pdf([files.docx], outdir)
    return ReportFiles(files.docx, files.docx.parent / pdf.name, files.charts, files.audit)
