"""One base test case with a named persona per role, as healthchecks does: station A (海珠区)
is the one under test; station B (白云区) and a second evaluation agency are the neighbours
nobody from A may see."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from tempfile import mkdtemp

from django.contrib.auth.models import User
from django.test import Client, TestCase, override_settings

from pinggu import evaluation_to_dict, load_scheme, write_workbook
from pinggu._model import Evaluation
from pinggu._synthetic import synthetic_evaluation
from pinggu.web import audit
from pinggu.web.models import DataVersion, District, Membership, Organization, Role, Round, Station
from pinggu.web.rounds.scoring import seed_from_evaluation

PASSWORD = "测试密码-足够长的"


def evaluation_for(street: str, seed: int = 2038) -> Evaluation:
    ev = synthetic_evaluation(seed, street=street)
    return replace(ev, info=replace(ev.info, district="海珠区" if street == "甲" else "白云区"))


class Personas:
    """The named personas and their rounds (made once per test class by WebTestCase, per test
    by a TransactionTestCase that needs real commits)."""

    client: Client

    @classmethod
    def make_personas(cls) -> None:
        haizhu, baiyun = (
            District.objects.create(name="海珠区"),
            District.objects.create(name="白云区"),
        )
        cls.agency = Organization.objects.create(name="甲评估中心")
        other_agency = Organization.objects.create(name="乙评估中心")
        cls.a = cls._station("甲", haizhu)
        cls.b = cls._station("乙", baiyun)
        cls.round_a = cls._round(cls.a, cls.agency)
        cls.round_b = cls._round(cls.b, other_agency)
        cls.coordinator = cls._user("coordinator", Role.COORDINATOR, organization=cls.agency)
        cls.expert = cls._user("expert", Role.EXPERT, organization=cls.agency)
        cls.unassigned_expert = cls._user("expert_unassigned", Role.EXPERT, organization=cls.agency)
        cls.round_a.experts.add(cls.expert)
        cls.station = cls._user("station_a", Role.STATION, station=cls.a)
        cls.other_station = cls._user("station_b", Role.STATION, station=cls.b)
        cls.purchaser = cls._user("purchaser_a", Role.PURCHASER, station=cls.a)
        cls.centre = cls._user("centre", Role.SUPERVISION_CENTRE)
        cls.bureau = cls._user("bureau_haizhu", Role.SUPERVISOR, district=haizhu)
        cls.other_bureau = cls._user("bureau_baiyun", Role.SUPERVISOR, district=baiyun)
        cls.city = cls._user("city", Role.CITY)
        cls.other_coordinator = cls._user(
            "coordinator_b", Role.COORDINATOR, organization=other_agency
        )

    @classmethod
    def _station(cls, street: str, district: District) -> Station:
        info = evaluation_for(street).info
        return Station.objects.create(
            name=info.station,
            district=district,
            operator=Organization.objects.create(name=f"{street}社工机构"),
            purchaser=Organization.objects.create(name=f"{street}街道办事处"),
        )

    @classmethod
    def _round(cls, station: Station, agency: Organization) -> Round:
        street = station.name.removesuffix("街社工服务站")
        info = evaluation_for(street).info
        round_ = Round.objects.create(
            station=station,
            evaluator=agency,
            kind="final",
            period_start=info.period_start,
            period_end=info.period_end,
            fieldwork_date=info.evaluation_date,
            state="fieldwork",
        )
        return round_

    @classmethod
    def _user(cls, username: str, role: str, **scope: object) -> User:
        user = User.objects.create_user(username, password=PASSWORD, first_name=username)
        Membership.objects.create(user=user, role=role, **scope)
        return user

    def give_data(self, round_: Round, street: str = "甲", scores: bool = True) -> DataVersion:
        """The station's data as version 1, and (unless told not to) every party's scores."""
        evaluation = evaluation_for(street)
        version = DataVersion.objects.create(
            round=round_,
            number=1,
            data=evaluation_to_dict(evaluation),
            filename="测试.xlsx",
            uploaded_by=self.coordinator,
        )
        if scores:
            judges = {row.judge for row in evaluation.scores}
            users = {j: User.objects.get_or_create(username=f"评委-{j}")[0] for j in judges}
            seed_from_evaluation(round_, evaluation, users, self.coordinator)
        return version

    def workbook(self, tmp: Path, street: str = "甲") -> Path:
        path = tmp / f"{street}.xlsx"
        write_workbook(path, evaluation_for(street), load_scheme())
        return path

    def login(self, user: User) -> None:
        self.client.force_login(user)

    def version(self, round_: Round | None = None) -> str:
        """The version a form opened now carries (the round's latest audit entry)."""
        return str(audit.version(round_ or self.round_a))


@override_settings(REPORTS_DIR=Path(mkdtemp(prefix="pinggu-reports-")), PINGGU_HTTPS=False)
class WebTestCase(Personas, TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.make_personas()
