"""The district's and the city's dashboard: who sees which stations, the figures of each table
as the engine computes them, and the Excel exports holding exactly the page's figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from io import BytesIO
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from web_base import WebTestCase, evaluation_for

from pinggu import evaluation_to_dict
from pinggu._model import TOTAL, Evaluation, Kind
from pinggu._synthetic import synthetic_evaluation
from pinggu.web import engine
from pinggu.web.dashboard import tables as dashboards
from pinggu.web.dashboard.board import Table
from pinggu.web.dashboard.tables import Dashboard
from pinggu.web.models import DataVersion, Membership, Role, Round
from pinggu.web.rounds.scoring import seed_from_evaluation

SLUGS = ("overview", "grades", "indicators", "staffing", "progress")


class PageTables(HTMLParser):
    """The text of every cell of every table on the page, by the id of its section."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._section = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self._section = dict(attrs).get("id") or ""
        elif tag == "tr" and self._section:
            self.tables.setdefault(self._section, []).append([])
        elif tag in ("td", "th") and self._section:
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._section][-1].append("".join(self._cell).strip())
            self._cell = None


def page_tables(html: str) -> dict[str, list[list[str]]]:
    parser = PageTables()
    parser.feed(html)
    return parser.tables


def as_shown(cell: Any) -> str:
    """A workbook cell as the page prints it (85.00%, 87.81, +2.15, 2024-05-10, 良好)."""
    value, fmt = cell.value, cell.number_format
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    number = Decimal(str(value))
    if fmt == "0.00%":
        return f"{number * 100:.2f}%"
    if fmt == "0.00":
        return f"{number:.2f}"
    if fmt.startswith("+0.00"):
        return f"{number:+.2f}" if number else f"{number:.2f}"
    assert fmt == "General", fmt
    return str(value)


def midterm_evaluation(street: str = "甲") -> Evaluation:
    ev = synthetic_evaluation(2040, street=street, kind=Kind.MIDTERM, months=5)
    return replace(ev, info=replace(ev.info, district="海珠区"))


def low_retention(street: str = "甲") -> Evaluation:
    """Station A's data with two workers who are in post every month absent in one month."""
    ev = evaluation_for(street)
    month = ev.attendance[0].month
    steady = [r.worker_id for r in ev.attendance if r.month == month and r.value == 1][:2]
    attendance = tuple(
        replace(r, value=Decimal(0)) if r.worker_id in steady and r.month == month else r
        for r in ev.attendance
    )
    return replace(ev, attendance=attendance)


class DashboardCase(WebTestCase):
    url = reverse("dashboard")

    def store(self, round_: Round, evaluation: Evaluation) -> None:
        """An evaluation as the round's next data version, with its scores."""
        latest = round_.latest_data()
        DataVersion.objects.create(
            round=round_,
            number=latest.number + 1 if latest else 1,
            data=evaluation_to_dict(evaluation),
            filename="测试.xlsx",
            uploaded_by=self.coordinator,
        )
        judges = {row.judge for row in evaluation.scores}
        users = {j: User.objects.get_or_create(username=f"评委-{j}")[0] for j in judges}
        seed_from_evaluation(round_, evaluation, users, self.coordinator)

    def midterm_round(self) -> Round:
        final = self.round_a
        return Round.objects.create(
            station=self.a,
            evaluator=self.agency,
            kind="midterm",
            period_start=final.period_start,
            period_end=final.period_start + timedelta(days=150),
            fieldwork_date=final.fieldwork_date - timedelta(days=180),
            state="report_issued",
        )

    def board(self, user: User) -> Dashboard:
        self.login(user)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200, user.username)
        # The page's content is cached by the rounds' revisions; the figures come from build().
        return dashboards.build(user)

    def table(self, user: User, slug: str) -> Table:
        return self.board(user).table(slug)


class WhoSeesTheDashboard(DashboardCase):
    def setUp(self) -> None:
        self.give_data(self.round_a)
        self.give_data(self.round_b, "乙")

    def test_the_district_bureau_sees_its_own_district_only(self) -> None:
        self.login(self.bureau)
        page = self.client.get(self.url)
        self.assertContains(page, self.a.name)
        self.assertNotContains(page, self.b.name)
        self.assertContains(page, "区民政局（海珠区）")

    def test_the_city_and_the_supervision_centre_see_every_district(self) -> None:
        for user in (self.city, self.centre):
            self.login(user)
            page = self.client.get(self.url)
            self.assertContains(page, self.a.name)
            self.assertContains(page, self.b.name)

    def test_a_district_supervision_centre_sees_its_district(self) -> None:
        centre = self._user("centre_baiyun", Role.SUPERVISION_CENTRE, district=self.b.district)
        stations = [r.cells[1].value for r in self.table(centre, "overview").rows]
        self.assertEqual(stations, [self.b.name])

    def test_the_coordinator_sees_its_agencys_rounds(self) -> None:
        stations = [r.cells[1].value for r in self.table(self.coordinator, "overview").rows]
        self.assertEqual(stations, [self.a.name])

    def test_stations_experts_and_purchasers_get_404_for_page_and_exports(self) -> None:
        urls = [self.url] + [reverse("dashboard_export", args=[s]) for s in (*SLUGS, "all")]
        for user in (self.station, self.expert, self.purchaser):
            self.login(user)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 404, (user.username, url))

    def test_only_overseeing_roles_get_the_link_in_the_header(self) -> None:
        Membership.objects.create(user=self.bureau, role=Role.CITY)  # two roles, one link
        self.login(self.bureau)
        self.assertContains(self.client.get(reverse("home")), f'href="{self.url}"', count=1)
        self.login(self.station)
        self.assertNotContains(self.client.get(reverse("home")), f'href="{self.url}"')

    def test_anonymous_users_are_sent_to_login(self) -> None:
        for url in (self.url, reverse("dashboard_export", args=["overview"])):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("login"), response["Location"])

    def test_an_unknown_table_is_404(self) -> None:
        self.login(self.city)
        url = reverse("dashboard_export", args=["nothing"])
        self.assertEqual(self.client.get(url).status_code, 404)


class OverviewAndGrades(DashboardCase):
    def test_scores_grades_and_the_rounds_without_them(self) -> None:
        self.give_data(self.round_a)
        self.give_data(self.round_b, "乙", scores=False)
        midterm = self.midterm_round()  # no data yet
        rows = {
            (r.cells[1].value, r.cells[2].value): r for r in self.table(self.city, "overview").rows
        }
        a = rows[(self.a.name, "末期评估")]
        self.assertEqual([c.value for c in a.cells[6:]], [Decimal("87.81"), "良好", "无", None])
        self.assertEqual(a.round_id, self.round_a.pk)
        b = rows[(self.b.name, "末期评估")]
        self.assertEqual([c.value for c in b.cells[6:8]], ["评分未齐", "评分未齐"])
        m = rows[(self.a.name, "中期评估")]
        self.assertEqual([c.value for c in m.cells[6:]], [None, None, None, None])
        self.assertEqual(m.cells[4].value, "报告出具")
        page = self.client.get(self.url)
        self.assertContains(page, f'<a href="{reverse("round", args=[midterm.pk])}">')
        self.assertContains(page, "87.81")

    def test_the_page_follows_a_new_score(self) -> None:
        # The page's content is cached by the rounds' revisions: a new score shows at once.
        self.give_data(self.round_a)
        self.login(self.city)
        self.assertContains(self.client.get(self.url), "87.81")
        self.login(self.purchaser)
        self.client.post(reverse("scores", args=[self.round_a.pk]), {"购买方|": "10"})
        self.login(self.city)
        page = self.client.get(self.url)
        self.assertNotContains(page, "87.81")
        result = engine.result_of(self.round_a)
        assert result is not None and result.total_score is not None
        self.assertContains(page, f"{result.total_score.value:.2f}")

    def test_grade_counts(self) -> None:
        self.give_data(self.round_a)
        self.give_data(self.round_b, "乙")
        self.midterm_round()
        counts = {
            r.cells[0].value: [c.value for c in r.cells[1:]]
            for r in self.table(self.city, "grades").rows
        }
        self.assertEqual(counts["良好"], [0, 2, 2])
        self.assertEqual(counts["优秀"], [0, 0, 0])
        self.assertEqual(counts["尚无数据"], [1, 0, 1])
        self.assertEqual(counts["评分未齐"], [0, 0, 0])
        self.assertEqual(counts["合计"], [1, 2, 3])
        self.assertEqual(list(counts)[:4], ["优秀", "良好", "合格", "不合格"])

    def test_a_vetoed_round_is_flagged(self) -> None:
        ev = evaluation_for("甲")
        rule = "财务评估结果为不合格"
        vetoes = tuple(
            replace(v, applies=True, note="测试") if v.rule == rule else v for v in ev.vetoes
        )
        self.store(self.round_a, replace(ev, vetoes=vetoes))
        row = self.table(self.bureau, "overview").rows[0]
        self.assertEqual(row.cells[7].value, "不合格")
        self.assertIn(rule, str(row.cells[8].value))
        self.assertEqual(row.cells[8].flag, "bad")


class IndicatorHeatTable(DashboardCase):
    def test_cells_are_the_engines_completion_of_the_station_totals(self) -> None:
        self.give_data(self.round_a)
        table = self.table(self.bureau, "indicators")
        titles = [c.heading for c in table.columns]
        column = titles.index("电访（人次）")
        self.assertEqual(table.columns[column].group, "兜底服务")
        result = engine.result_of(self.round_a)
        assert result is not None
        total = next(i for i in result.indicators if i.zone == TOTAL and i.indicator == "电访")
        assert total.completion is not None
        cell = table.rows[0].cells[column]
        self.assertEqual(cell.value, total.completion.value)
        self.assertEqual(cell.value, Decimal("153.60"))
        self.assertEqual(cell.flag, "good")
        self.assertContains(self.client.get(self.url), "153.60%")

    def test_below_the_mark_is_red_and_no_target_is_a_slash(self) -> None:
        self.give_data(self.round_a)
        table = self.table(self.bureau, "indicators")
        titles = [c.heading for c in table.columns]
        cells = table.rows[0].cells
        consulting = cells[titles.index("咨询个案（个）")]
        self.assertEqual((consulting.value, consulting.flag), (Decimal("91.61"), "bad"))
        no_target = cells[titles.index("咨询偶到服务（人次）")]
        self.assertEqual((no_target.value, no_target.flag), ("/", ""))
        self.assertEqual(cells[3].value, Decimal(100))

    def test_a_midterm_is_measured_against_time_progress(self) -> None:
        midterm = self.midterm_round()
        self.store(midterm, midterm_evaluation())
        result = engine.result_of(midterm)
        assert result is not None and result.expected_progress is not None
        row = self.table(self.bureau, "indicators").rows[0]
        self.assertEqual(row.cells[3].value, result.expected_progress.value)
        for cell in row.cells[4:]:
            if isinstance(cell.value, Decimal):
                expected = "bad" if cell.value < result.expected_progress.value else "good"
                self.assertEqual(cell.flag, expected)


class StaffingRisks(DashboardCase):
    def test_low_retention_is_listed_with_its_figures(self) -> None:
        self.store(self.round_a, low_retention())
        result = engine.result_of(self.round_a)
        assert result is not None
        self.assertEqual(result.staffing.retention_rate.value, Decimal("75.00"))
        table = self.table(self.bureau, "staffing")
        titles = [c.heading for c in table.columns]
        (row,) = table.rows
        retention = row.cells[titles.index("稳岗率")]
        self.assertEqual((retention.value, retention.flag), (Decimal("75.00"), "bad"))
        self.assertEqual(row.cells[titles.index("每月均在岗人数")].value, Decimal(15))
        self.assertEqual(row.cells[titles.index("缺少人次")].value, result.staffing.shortfall.value)
        self.assertIn("稳岗率低于80%", str(row.cells[-1].value))
        self.assertContains(self.client.get(self.url), "75.00%")

    def test_only_the_figures_short_of_the_rules_are_marked(self) -> None:
        self.give_data(self.round_a)  # 稳岗率 85%, 从业2年以上 86.29%, but 3 人次 short
        result = engine.result_of(self.round_a)
        assert result is not None
        self.assertEqual(result.staffing.shortfall.value, Decimal(3))
        (row,) = self.table(self.bureau, "staffing").rows
        flags = {
            c.title: cell.flag
            for c, cell in zip(self.table(self.bureau, "staffing").columns, row.cells, strict=True)
        }
        self.assertEqual(flags["稳岗率"], "")
        self.assertEqual(flags["从业2年以上占比"], "")
        self.assertEqual(flags["缺少人次"], "bad")
        self.assertEqual(row.cells[-1].value, "累计缺少3人次")


class MidtermAgainstFinal(DashboardCase):
    def test_a_station_with_both_rounds_is_paired(self) -> None:
        self.give_data(self.round_a)
        self.give_data(self.round_b, "乙")  # a final without a mid-term: not listed
        midterm = self.midterm_round()
        self.store(midterm, midterm_evaluation())
        mid = engine.result_of(midterm)
        assert mid is not None and mid.total_score is not None and mid.grade is not None
        (row,) = self.table(self.city, "progress").rows
        values = [c.value for c in row.cells]
        self.assertEqual(values[:2], ["海珠区", self.a.name])
        self.assertEqual(values[2:4], [mid.total_score.value, mid.grade.name])
        self.assertEqual(values[4:6], [Decimal("87.81"), "良好"])
        self.assertEqual(values[6], Decimal("87.81") - mid.total_score.value)
        self.assertEqual(row.round_id, self.round_a.pk)

    def test_no_pair_without_a_midterm(self) -> None:
        self.give_data(self.round_a)
        self.assertEqual(self.table(self.city, "progress").rows, ())
        self.assertContains(self.client.get(self.url), "还没有同时有中期和末期评估的社工站")


class Exports(DashboardCase):
    def setUp(self) -> None:
        self.give_data(self.round_b, "乙")
        self.store(self.round_a, low_retention())
        self.store(self.midterm_round(), midterm_evaluation())

    def download(self, slug: str) -> Any:
        response = self.client.get(reverse("dashboard_export", args=[slug]))
        self.assertEqual(response.status_code, 200, slug)
        return response, load_workbook(BytesIO(b"".join(response.streaming_content)))

    def test_each_table_holds_the_pages_figures(self) -> None:
        self.login(self.city)
        page = page_tables(self.client.get(self.url).content.decode())
        board = self.board(self.city)
        for slug in SLUGS:
            table = board.table(slug)
            response, book = self.download(slug)
            self.assertEqual(book.sheetnames, [table.sheet])
            sheet = book[table.sheet]
            head = 2 if table.groups else 1
            shown = [[as_shown(c) for c in r] for r in sheet.iter_rows(min_row=head)]
            on_page = [r for r in page[slug] if r][head - 1 :]
            self.assertGreater(len(shown), 1, slug)
            self.assertEqual(shown, on_page, slug)
            self.assertTrue(all(c.font.b for c in sheet[head]), slug)
            self.assertEqual(sheet.freeze_panes[1:], str(head + 1), slug)
            name = f"社工站评估总览-{table.sheet}-{self.today()}.xlsx"
            self.assertIn(quote(name), response["Content-Disposition"])

    def today(self) -> str:
        return timezone.localdate(timezone=ZoneInfo("Asia/Shanghai")).isoformat()
