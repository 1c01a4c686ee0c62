"""`pinggu sample`: the draw in the terminal and in files, masked by default, nothing on error."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from roster_rows import HEADER, client_row

import pinggu
from pinggu import Draw, Roster, ZoneDraw, draw_sample, mask_name, mask_phone, read_roster
from pinggu._synthetic import synthetic_roster
from pinggu._workbook.writer import write_roster
from pinggu.cli import main


@pytest.fixture(scope="module")
def roster_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("roster") / "名册.xlsx"
    write_roster(path, synthetic_roster(11, 3, 240))
    return path


def zones_as_listed(draw: Draw, roster: Roster) -> list[ZoneDraw]:
    """The zones as the roster first lists them: the order the command prints them in."""
    first = [c.zone for c in roster.clients]
    return sorted(draw.zones, key=lambda z: first.index(z.zone))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["sample", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_record_the_allocation_and_the_masked_list(
    roster_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = read_roster(roster_file)
    draw = draw_sample(roster, n=100, seed="2024")
    code, out, _ = _run(capsys, str(roster_file), "--seed", "2024")
    assert code == 0
    assert f"名册指纹：{roster.fingerprint()}" in out and "抽样种子：2024" in out
    assert "实际抽取：100 人" in out
    for zone in draw.zones:
        assert f"{zone.zone}  " in out and f"100 × {zone.size} ÷ 240" in out
    clients = roster.by_number()
    listed = [line.split()[3] for line in out.splitlines() if line.strip().split(" ")[0].isdigit()]
    in_order = tuple(n for z in zones_as_listed(draw, roster) for n in z.chosen)
    assert tuple(listed) == in_order  # 序号 片区 顺序 编号 …, each zone in calling order
    first = clients[draw.chosen[0]]
    assert mask_phone(first.phone) in out and mask_name(first.name) in out
    assert all(c.phone not in out and c.name not in out for c in roster.clients)


def test_unmasked_shows_names_and_phones(
    roster_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = read_roster(roster_file)
    first = roster.by_number()[draw_sample(roster, n=5, seed="x").chosen[0]]
    _, out, _ = _run(capsys, str(roster_file), "-n", "5", "--seed", "x", "--unmasked")
    assert first.name in out and first.phone in out and "请妥善保管" in out


def test_writes_the_lists_and_the_record(
    roster_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, str(roster_file), "-n", "20", "--seed", "种子", "-o", str(tmp_path / "out")
    )
    assert code == 0 and "抽样记录.json" in out
    roster = read_roster(roster_file)
    draw = draw_sample(roster, n=20, seed="种子")
    record = json.loads((tmp_path / "out" / "抽样记录.json").read_text(encoding="utf-8"))
    assert Draw.from_dict(record) == draw
    book = openpyxl.load_workbook(tmp_path / "out" / "抽样名单.xlsx")
    assert book.sheetnames == ["抽样名单", "备用名单", "抽样说明"]
    rows = list(book["抽样名单"].iter_rows(values_only=True))
    assert rows[0] == ("片区", "顺序", "编号", "姓名", "电话", "社区", "类别", "分级")
    zones = zones_as_listed(draw, roster)  # within each, the draw's calling order
    assert tuple(row[2] for row in rows[1:]) == tuple(n for z in zones for n in z.chosen)
    reserve = list(book["备用名单"].iter_rows(min_row=2, values_only=True))
    assert len(reserve) == 220 and reserve[0][:3] == (zones[0].zone, 1, zones[0].reserve[0])
    phones = {c.phone for c in roster.clients}
    assert not any(str(cell) in phones for row in rows + reserve for cell in row)  # masked
    notes = "\n".join(str(r[0]) for r in book["抽样说明"].iter_rows(values_only=True) if r[0])
    values = {r[0]: r[1] for r in book["抽样说明"].iter_rows(values_only=True) if r[0]}
    assert values["抽样种子"] == "种子" and values["名册指纹（SHA-256）"] == roster.fingerprint()
    assert values["要求抽取 n"] == 20 and values["实际抽取"] == 20
    assert "--seed 种子" in notes and "--check" in notes and "sha256sum" in notes


def test_out_may_name_the_xlsx(
    roster_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "京溪街抽样.xlsx"
    assert _run(capsys, str(roster_file), "--seed", "1", "-o", str(out), "--unmasked")[0] == 0
    assert out.exists() and out.with_suffix(".json").exists()
    header = next(openpyxl.load_workbook(out)["抽样名单"].iter_rows(values_only=True))
    assert header[-1] == "备注"  # notes only unmasked


def test_check_confirms_a_stored_draw_and_catches_a_changed_roster(
    roster_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, str(roster_file), "--seed", "2024", "-o", str(tmp_path))
    record = tmp_path / "抽样记录.json"
    code, out, _ = _run(capsys, str(roster_file), "--check", str(record))
    assert code == 0 and out.startswith("核对通过")
    roster = read_roster(roster_file)
    changed = tmp_path / "改过的名册.xlsx"
    write_roster(changed, Roster(roster.clients[:-1]))
    code, out, _ = _run(capsys, str(changed), "--check", str(record))
    assert code == 1 and "名册已改变" in out


def test_a_bad_roster_is_refused_with_located_problems_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "名册.csv"
    rows = [HEADER, client_row("C1"), client_row("C1", name="李四", phone="13900009999")]
    path.write_text(
        "\n".join(",".join(str(c).removesuffix(".0") for c in r) for r in rows), encoding="utf-8"
    )
    out_dir = tmp_path / "out"
    code, out, err = _run(capsys, str(path), "--seed", "1", "-o", str(out_dir))
    assert code == 2 and out == ""
    assert "名册有 1 处问题，未抽样" in err and "工作表「名册.csv」 第 3 行 「编号」列" in err
    assert not out_dir.exists()


@pytest.mark.parametrize(
    ("args", "phrase"),
    [(["--seed", " "], "--seed"), ([], "--seed"), (["--seed", "1", "-n", "0"], "至少为 1")],
)
def test_bad_arguments(
    roster_file: Path, capsys: pytest.CaptureFixture[str], args: list[str], phrase: str
) -> None:
    code, out, err = _run(capsys, str(roster_file), *args)
    assert code == 2 and out == "" and phrase in err


def test_a_missing_roster_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, str(tmp_path / "无.xlsx"), "--seed", "1")
    assert code == 2 and "找不到文件" in err


def test_an_unreadable_record(
    roster_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "坏.json"
    record.write_text("{not json", encoding="utf-8")
    code, _, err = _run(capsys, str(roster_file), "--check", str(record))
    assert code == 2 and "无法读取抽样记录" in err


def test_unknown_categories_are_mentioned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "名册.csv"
    rows = [HEADER, client_row("C1", categories="低保、刑满释放人员", level=1)]
    path.write_text("\n".join(",".join(str(c) for c in r) for r in rows), encoding="utf-8")
    code, out, _ = _run(capsys, str(path), "--seed", "1")
    assert code == 0 and "「刑满释放人员」不在 17 类服务对象之内" in out
    assert "名册不足 100 人，全部服务对象均列入抽样名单" in out


def test_the_sample_size_defaults_to_the_schemes(
    roster_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = Path(pinggu.__file__).parent / "schemes" / "guangzhou-2023.toml"
    text = shipped.read_text(encoding="utf-8")
    assert "sample_size = 100" in text
    scheme = tmp_path / "七人方案.toml"
    scheme.write_text(text.replace("sample_size = 100", "sample_size = 7"), encoding="utf-8")
    code, out, _ = _run(capsys, str(roster_file), "--seed", "s", "--scheme", str(scheme))
    assert code == 0 and "要求抽取：7 人" in out
    code, out, _ = _run(capsys, str(roster_file), "--seed", "s", "-n", "9", "--scheme", str(scheme))
    assert code == 0 and "要求抽取：9 人" in out  # -n wins
