"""A station entered as 「广州市××街社工服务站」 reads as the seeds write it: no prefix twice, the
short form 「社工站」 declared once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from report_docs import ReadReport, example_result, read

from pinggu import evaluate
from pinggu._report.build import write_docx
from pinggu._report.names import station_names


@pytest.fixture(scope="module")
def city_named(tmp_path_factory: pytest.TempPathFactory) -> ReadReport:
    result = example_result()
    info = replace(result.evaluation.info, station="广州市示例街社工服务站")
    evaluation = replace(result.evaluation, info=info)
    _, files = write_docx(evaluate(evaluation, result.scheme), tmp_path_factory.mktemp("names"))
    assert files.audit.ok
    return read(files.docx)


def test_the_name_is_built_from_its_parts_whatever_prefixes_were_entered() -> None:
    info = example_result().evaluation.info
    for station, district in (
        ("广州市示例街社工服务站", "海珠区"),
        ("海珠区示例街社工服务站", "海珠区"),
        ("广州市海珠区示例街社工服务站", "海珠区"),
        ("示例街社工服务站", "广州市海珠区"),
        ("广州市海珠区示例街社工服务站", "广州市海珠区"),
    ):
        names = station_names(replace(info, station=station, district=district))
        assert names.titled == "海珠区示例街社工服务站", (station, district)
        assert (names.city, names.short) == ("广州市", "示例街社工站")


def test_a_street_with_city_in_its_name_keeps_it() -> None:
    info = example_result().evaluation.info
    names = station_names(replace(info, station="市桥街社工服务站", district="番禺区"))
    assert names.titled == "番禺区市桥街社工服务站" and names.short == "市桥街社工站"


def test_cover_title_and_closing_put_the_district_before_the_station_once(
    city_named: ReadReport,
) -> None:
    text = city_named.text
    assert city_named.paragraphs[0] == "海珠区示例街社工服务站末期评估报告"  # the cover
    assert city_named.paragraphs.count("海珠区示例街社工服务站末期评估报告") == 2  # and the title
    closing = next(p for p in city_named.paragraphs if "的大力支持下" in p)
    assert closing.startswith("海珠区示例街社工服务站在")
    assert "海珠区广州市" not in text and "广州市广州市" not in text


def test_the_short_form_is_declared_once_and_then_used_as_the_seeds_do(
    city_named: ReadReport,
) -> None:
    text = city_named.text
    assert text.count("简称") == 1
    assert "示例街社工服务站（以下简称“社工站”）末期报告" in text
    # The named form stands only beside other named parties and in the 附件 titles.
    assert "简称广州市示例街社工站" not in text
    assert text.count("示例街社工站") <= 10
    # 附件 list and the tables' captions: 附件1, 附件2 and 附件3 (档案抽查, docs/onsite.md)
    assert text.count("广州市示例街社工站") == 6
