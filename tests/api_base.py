"""The read API's test base: the personas of web_base with a token each, and rounds in the
states that decide what each may see (not yet issued, issued, planned without data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpResponse
from web_base import WebTestCase

from pinggu.web.api import tokens
from pinggu.web.models import Round


class ApiTestCase(WebTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.round_a_issued = Round.objects.create(
            station=cls.a,
            evaluator=cls.agency,
            kind="midterm",
            period_start=date(2023, 7, 1),
            period_end=date(2023, 12, 31),
            fieldwork_date=date(2024, 1, 15),
            state="report_issued",
            locked=True,
        )
        cls.round_a_issued.experts.add(cls.expert)
        cls.round_a_planned = Round.objects.create(
            station=cls.a,
            evaluator=cls.agency,
            kind="midterm",
            period_start=date(2024, 5, 1),
            period_end=date(2024, 10, 31),
            fieldwork_date=date(2024, 11, 15),
        )

    def setUp(self) -> None:
        super().setUp()
        self.give_data(self.round_a)
        self.give_data(self.round_b, street="乙")
        self.give_data(self.round_a_issued)

    def personas(self) -> dict[str, User]:
        """Every persona of web_base (each user the base class names), by attribute name."""
        found = {}
        for name in list(vars(type(self))):  # setUpTestData's attributes live on the class
            value = getattr(self, name, None)
            if isinstance(value, User):
                found[name] = value
        return found

    def rounds(self) -> list[Round]:
        return list(Round.objects.order_by("pk"))

    def token_for(self, user: User) -> str:
        return tokens.create(user, "测试")[1]

    def api(self, path: str, token: str, method: str = "get", **extra: Any) -> HttpResponse:
        call = getattr(self.client, method)
        response: HttpResponse = call(path, HTTP_AUTHORIZATION=f"Bearer {token}", **extra)
        return response
