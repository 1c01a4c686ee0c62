"""PDF conversion: many .docx per LibreOffice run, Chinese fonts embedded, parallel runs apart."""

from __future__ import annotations

import subprocess
import threading
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from pinggu._errors import ReportError
from pinggu._report.pdf import FONTS_CONF, convert_many, convert_to_pdf

HEADING = "示例街社工服务站末期评估报告"
BODY = "服务指标完成率为 123.39%，到岗人次与稳岗率均达到协议要求。"


def east_asian_font(run, name: str) -> None:
    """What Word writes for a run in 宋体/黑体: <w:rFonts w:eastAsia="宋体"/>."""
    properties = run._element.get_or_add_rPr()
    fonts = properties.makeelement(qn("w:rFonts"), {qn("w:eastAsia"): name})
    properties.insert(0, fonts)


def make_docx(path: Path, heading: str = HEADING) -> Path:
    document = Document()
    title = document.add_paragraph().add_run(heading)
    title.bold = True
    title.font.size = Pt(18)
    east_asian_font(title, "黑体")
    for _ in range(3):
        east_asian_font(document.add_paragraph().add_run(BODY), "宋体")
    document.save(path)
    return path


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def embedded_fonts(pdf: Path) -> list[str]:
    """Names of the fonts `pdffonts` reports as embedded."""
    lines = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [line.split()[0] for line in lines if line.split()[-5] == "yes"]


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> list[Path]:
    """Two reports with Chinese file names, converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("docx")
    sources = [
        make_docx(folder / "甲街社工站-评估报告.docx"),
        make_docx(folder / "乙街社工站-评估报告.docx", heading="乙街社工服务站中期评估报告"),
    ]
    return convert_to_pdf(sources, folder / "pdf")


def test_one_run_converts_every_file_in_input_order(converted):
    pdfs = converted
    assert [pdf.name for pdf in pdfs] == ["甲街社工站-评估报告.pdf", "乙街社工站-评估报告.pdf"]
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")
    assert HEADING in pdf_text(pdfs[0])
    assert "乙街社工服务站中期评估报告" in pdf_text(pdfs[1])
    assert "123.39%" in pdf_text(pdfs[1])


def test_windows_chinese_fonts_become_embedded_noto_cjk(converted):
    fonts = embedded_fonts(converted[0])
    assert any("NotoSerifCJK" in name for name in fonts), fonts  # 宋体
    assert any("NotoSansCJK" in name for name in fonts), fonts  # bold 黑体 heading
    assert not any("DejaVu" in name for name in fonts), fonts


def test_fonts_conf_maps_windows_names_to_simplified_chinese_faces():
    text = FONTS_CONF.read_text(encoding="utf-8")
    assert "/etc/fonts/fonts.conf" in text
    for name, face in [
        ("宋体", "Serif"),
        ("仿宋_GB2312", "Serif"),
        ("楷体", "Serif"),
        ("黑体", "Sans"),
    ]:
        found = subprocess.run(
            ["fc-match", "-f", "%{family[0]}", name],
            capture_output=True,
            text=True,
            check=True,
            env={"FONTCONFIG_FILE": str(FONTS_CONF), "PATH": "/usr/bin:/bin"},
        ).stdout
        assert found == f"Noto {face} CJK SC", name


def test_concurrent_conversions_use_separate_profiles(tmp_path):
    jobs = {
        name: make_docx(tmp_path / f"{name}.docx", heading=f"{name}社工服务站评估报告")
        for name in ("东街", "西街")
    }
    results: dict[str, list[Path]] = {}
    errors: list[BaseException] = []

    def convert(name: str) -> None:
        try:
            results[name] = convert_to_pdf([jobs[name]], tmp_path / "pdf")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=convert, args=(name,)) for name in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for name in jobs:
        assert f"{name}社工服务站评估报告" in pdf_text(results[name][0])


def test_convert_many_splits_the_work_and_keeps_the_order(tmp_path):
    sources = [make_docx(tmp_path / f"站{i}.docx", heading=f"第{i}站评估报告") for i in range(3)]
    pdfs = convert_many(sources, tmp_path / "pdf", workers=2)
    assert [pdf.stem for pdf in pdfs] == ["站0", "站1", "站2"]
    assert all("评估报告" in pdf_text(pdf) for pdf in pdfs)


def test_a_file_libreoffice_cannot_read_is_named(tmp_path):
    broken = tmp_path / "坏报告.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("hello.txt", "不是 Word 文档")
    with pytest.raises(ReportError, match=r"坏报告\.docx") as caught:
        convert_to_pdf([broken], tmp_path / "pdf")
    assert "LibreOffice 的输出" in str(caught.value)


def test_files_that_are_not_docx_or_would_collide_are_refused(tmp_path):
    text = tmp_path / "随手记.docx"
    text.write_text("只是文字", encoding="utf-8")
    with pytest.raises(ReportError, match="不是有效的 Word 文档"):
        convert_to_pdf([text], tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    twins = [make_docx(tmp_path / "a" / "报告.docx"), make_docx(tmp_path / "b" / "报告.docx")]
    with pytest.raises(ReportError, match="同名"):
        convert_to_pdf(twins, tmp_path)
    with pytest.raises(ReportError, match="不存在"):
        convert_to_pdf([tmp_path / "没有这个文件.docx"], tmp_path)


def test_missing_libreoffice_names_the_debian_package(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReportError, match="libreoffice-writer-nogui"):
        convert_to_pdf([make_docx(tmp_path / "报告.docx")], tmp_path)


def test_nothing_to_convert_starts_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # would fail if soffice were looked for
    assert convert_to_pdf([], tmp_path) == []
    assert convert_many([], tmp_path) == []
