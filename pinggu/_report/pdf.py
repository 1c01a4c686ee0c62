"""Word (.docx) reports to PDF with LibreOffice, many files per LibreOffice start.

Starting LibreOffice costs far more than converting one report, so a season's reports are
converted in a few `soffice --convert-to pdf` calls with many files each, in parallel. Each
call gets its own throw-away user profile: LibreOffice locks its profile, and two conversions
sharing one would wait for each other or fail. Fonts come from `fonts.conf` next to this
module, which maps the Windows font names in the template (宋体, 黑体 …) to Noto CJK; without
it the Chinese text would be set in whatever font fontconfig guesses.

LibreOffice (7.4) hangs a line-final 。，： past the right margin, and on a JUSTIFIED line it
then drops that character from the page: 「……为不合格。评估中若……」 printed without its 。.
Word's own `overflowPunct` switch is not honoured. So the copy that LibreOffice converts has
its justified paragraphs set flush left (CJK lines are full-width, so the right edge barely
moves); the .docx people edit keeps the template's justification.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .._errors import ReportError

__all__ = ["FONTS_CONF", "convert_many", "convert_to_pdf"]

#: fontconfig file mapping 宋体/仿宋/楷体 to Noto Serif CJK SC and 黑体/微软雅黑 to Noto Sans CJK SC.
FONTS_CONF = Path(__file__).with_name("fonts.conf")
_SOFFICE = ("soffice", "libreoffice")
_STARTUP_SECONDS = 60  # a first start with a fresh profile on a slow, busy machine
_SECONDS_PER_FILE = 10  # ten times what a 16-page report with charts takes
_TAIL = 1500
# Charts are PNGs: keeping them lossless (Flate, as in the .docx) is sharper than LibreOffice's
# default JPEG re-encoding and halves the CPU time of exporting a report with charts.
_EXPORT = 'pdf:writer_pdf_Export:{"UseLosslessCompression":{"type":"boolean","value":"true"}}'


def convert_to_pdf(docx_paths: Sequence[Path], outdir: Path) -> list[Path]:
    """Convert every .docx to `outdir`/<name>.pdf in ONE LibreOffice run; PDFs in input order."""
    if not docx_paths:
        return []
    sources = _checked_sources(docx_paths)
    soffice = _soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    targets = [outdir.resolve() / f"{source.stem}.pdf" for source in sources]
    for target in targets:
        target.unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
    with tempfile.TemporaryDirectory(
        prefix="pinggu-soffice-", ignore_cleanup_errors=True
    ) as profile:
        copies = _flush_left_copies(sources, Path(profile) / "sources")
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            _EXPORT,
            "--outdir",
            str(outdir.resolve()),
            *(str(copy) for copy in copies),
        ]
        output = _run(command, timeout=_STARTUP_SECONDS + _SECONDS_PER_FILE * len(sources))
    for source, target in zip(sources, targets, strict=True):
        if not target.is_file() or target.stat().st_size == 0:
            raise ReportError(
                f"LibreOffice 未能把 {source} 转换为 PDF（{target} 没有生成或为空）。"
                f"LibreOffice 的输出：\n{output[-_TAIL:]}"
            )
    return targets


def convert_many(docx_paths: Sequence[Path], outdir: Path, workers: int = 2) -> list[Path]:
    """Convert in `workers` LibreOffice runs at once, each with a share of the files."""
    if workers < 1:
        raise ReportError(f"并行转换的进程数必须至少为 1（收到 {workers}）")
    paths = list(docx_paths)
    count = min(workers, len(paths))
    if count <= 1:
        return convert_to_pdf(paths, outdir)
    # Contiguous chunks, so concatenating the results keeps the input order.
    size, extra = divmod(len(paths), count)
    bounds = [i * size + min(i, extra) for i in range(count + 1)]
    chunks = [paths[bounds[i] : bounds[i + 1]] for i in range(count)]
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="soffice") as pool:
        results = list(pool.map(lambda chunk: convert_to_pdf(chunk, outdir), chunks))
    return [pdf for result in results for pdf in result]


def _checked_sources(docx_paths: Sequence[Path]) -> list[Path]:
    sources = [Path(path).resolve() for path in docx_paths]
    for source in sources:
        if not source.is_file():
            raise ReportError(f"要转换为 PDF 的文件不存在：{source}")
        if not zipfile.is_zipfile(source):
            # LibreOffice would import such a file as plain text and print the bytes as a PDF.
            raise ReportError(f"{source} 不是有效的 Word 文档（.docx），无法转换为 PDF")
    stems: dict[str, Path] = {}
    for source in sources:
        if source.stem in stems:
            raise ReportError(
                f"{stems[source.stem]} 和 {source} 会转换成同名的 {source.stem}.pdf，"
                "请分开转换或改名"
            )
        stems[source.stem] = source
    return sources


# The parts of a .docx whose paragraphs (and paragraph styles) may be justified.
_JUSTIFIED_PARTS = ("word/document.xml", "word/styles.xml")
_JUSTIFIED = (b'<w:jc w:val="both"/>', b'<w:jc w:val="left"/>')


def _flush_left_copies(sources: Sequence[Path], folder: Path) -> list[Path]:
    """Copies of `sources` (same names) with justified paragraphs set flush left: see the
    module docstring for the LibreOffice bug this avoids."""
    folder.mkdir()
    copies = []
    for source in sources:
        copy = folder / source.name
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(copy, "w") as new:
            for item in old.infolist():
                data = old.read(item)
                if item.filename in _JUSTIFIED_PARTS:
                    data = data.replace(*_JUSTIFIED)
                new.writestr(item, data)
        copies.append(copy)
    return copies


def _soffice() -> str:
    for name in _SOFFICE:
        found = shutil.which(name)
        if found is not None:
            return found
    raise ReportError(
        "找不到 LibreOffice（soffice），无法生成 PDF。"
        "请安装 Debian 软件包 libreoffice-writer-nogui 和 fonts-noto-cjk："
        "apt-get install --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk"
    )


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    # Chinese file names reach LibreOffice intact only under a UTF-8 locale.
    locale = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
    if "UTF-8" not in locale.upper().replace("UTF8", "UTF-8"):
        env["LC_ALL"] = "C.UTF-8"
    return env


def _run(command: list[str], *, timeout: float) -> str:
    """Run soffice in its own process group, so a timeout kills it and its children."""
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=_environment(),
        start_new_session=True,
    ) as process:
        try:
            raw, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raw, _ = process.communicate()
            output = raw.decode("utf-8", errors="replace")
            raise ReportError(
                f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒）。输出：\n{output[-_TAIL:]}"
            ) from None
    output = raw.decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise ReportError(
            f"LibreOffice 转换 PDF 失败（退出码 {process.returncode}）。输出：\n{output[-_TAIL:]}"
        )
    return output
