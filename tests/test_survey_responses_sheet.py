"""Survey responses imported from the 满意度调查 sheet: read leniently, refused with every
problem located by row and column, and nothing returned from a sheet with any problem."""

from __future__ import annotations

import pytest

from pinggu import SurveyResponse, SurveyRow, WorkbookError, parse_responses

ITEMS = ("问题解决", "能力提升", "支持网络", "服务态度", "总体满意")
HEADER = ["编号", "片区", "联系结果", "未联系上原因", *ITEMS, "意见"]
ZONES = ("第一片区", "第二片区")


def _sheet(*rows: list[object], header: list[object] | None = None) -> list[list[object]]:
    return [header or HEADER, *rows]


def test_a_good_sheet_gives_one_row_per_client() -> None:
    rows = parse_responses(
        _sheet(
            ["K0001", "第一片区", "已联系上", "", 5, 4.0, "", "5", 5, "社工很耐心"],
            ["K0002", "第二片区", "未联系上", "空号", "", "", "", "", "", ""],
            ["K0003", "第二片区", "已联系上", None, None, None, None, None, None, None],
        ),
        items=ITEMS,
        zones=ZONES,
    )
    assert rows == [
        SurveyRow(2, "K0001", "第一片区", True, "", (5, 4, None, 5, 5), "社工很耐心"),
        SurveyRow(3, "K0002", "第二片区", False, "空号", (None,) * 5, ""),
        SurveyRow(4, "K0003", "第二片区", True, "", (None,) * 5, ""),
    ]
    assert rows[0].response() == SurveyResponse(
        "K0001", "第一片区", (5, 4, None, 5, 5), "社工很耐心"
    )
    with pytest.raises(ValueError, match="未联系上"):
        rows[1].response()


def test_headers_ignore_spaces_width_and_order_and_comment_columns_may_be_left_out() -> None:
    header: list[object] = ["片 区", "编号", "联系结果", *reversed(ITEMS)]
    rows = parse_responses(
        _sheet(["第一片区", 1001.0, "已联系上", 1, 2, 3, 4, 5], header=header), items=ITEMS
    )
    assert rows[0].client == "1001" and rows[0].answers == (5, 4, 3, 2, 1)


def _problems(rows: list[list[object]], **kwargs: object) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        parse_responses(rows, items=ITEMS, zones=ZONES, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def test_every_problem_is_located() -> None:
    problems = _problems(
        _sheet(
            ["K1", "第一片区", "已联系上", "", 6, 5, 5, 5, 5, ""],
            ["K2", "第一片区", "联系中", "", "", "", "", "", "", ""],
            ["K3", "第三片区", "已联系上", "", 5, 5, 5, 5, 5, ""],
            ["K4", "第二片区", "未联系上", "", "", "", "", "", "", ""],
            ["K5", "第二片区", "未联系上", "拒访", 3, "", "", "", "", ""],
            ["K1", "第二片区", "已联系上", "", 4, 4, 4, 4, 4, ""],
            ["K6", "第二片区", "已联系上", "", "很好", 4, 4, 4, 4, ""],
        )
    )
    assert problems == [
        "工作表「满意度调查」 第 2 行 「问题解决」列：评分应为 1 至 5 的整数，实为「6」",
        "工作表「满意度调查」 第 3 行 「联系结果」列：应为「已联系上」或「未联系上」，实为「联系中」",
        "工作表「满意度调查」 第 4 行 「片区」列：未知的片区「第三片区」；应为 「第一片区」、「第二片区」 之一",
        "工作表「满意度调查」 第 5 行 「未联系上原因」列：未联系上时请填写原因（如：空号、无人接听、拒绝访问）",
        "工作表「满意度调查」 第 6 行 「联系结果」列：未联系上的服务对象不应有评分",
        "工作表「满意度调查」 第 7 行 「编号」列：编号「K1」与第 2 行重复；每位服务对象只填一行",
        "工作表「满意度调查」 第 8 行 「问题解决」列：评分应为 1 至 5 的整数，实为「很好」",
    ]


def test_a_missing_item_column_is_refused_naming_it() -> None:
    header: list[object] = ["编号", "片区", "联系结果", *ITEMS[:-1]]
    problems = _problems(_sheet(["K1", "第一片区", "已联系上", 5, 5, 5, 5], header=header))
    assert len(problems) == 1
    assert problems[0].startswith("工作表「满意度调查」 第 1 行 「总体满意」列：缺少「总体满意」列")


def test_another_scale_and_sheet_name() -> None:
    rows = parse_responses(
        [["编号", "片区", "联系结果", "满意"], ["K1", "一", "已联系上", 9]],
        items=("满意",),
        scale=10,
        sheet="回访",
    )
    assert rows[0].answers == (9,)
    with pytest.raises(WorkbookError, match="工作表「回访」 第 2 行 「满意」列：评分应为 1 至 3"):
        parse_responses(
            [["编号", "片区", "联系结果", "满意"], ["K1", "一", "已联系上", 9]],
            items=("满意",),
            scale=3,
            sheet="回访",
        )


def test_an_empty_sheet_is_refused() -> None:
    with pytest.raises(WorkbookError, match="没有数据"):
        parse_responses([HEADER], items=ITEMS)
    with pytest.raises(WorkbookError, match="工作表是空的"):
        parse_responses([], items=ITEMS)
