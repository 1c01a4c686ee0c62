"""Passwords: a user changes their own; a coordinator resets only their own agency's people;
an administrator resets anyone's with a command; every rule speaks Chinese."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from web_base import PASSWORD, WebTestCase

from pinggu.web.models import AuditEntry, Membership, Role

NEW = "新的密码-也足够长了吧"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


class PasswordTests(WebTestCase):
    def test_a_user_changes_their_password_from_the_header(self) -> None:
        self.login(self.station)
        self.assertContains(self.client.get(reverse("home")), reverse("password_change"))
        response = self.client.post(
            reverse("password_change"),
            {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
            follow=True,
        )
        self.assertContains(response, "密码已修改")
        self.station.refresh_from_db()
        self.assertTrue(self.station.check_password(NEW))

    def test_a_weak_new_password_is_refused_in_chinese(self) -> None:
        self.login(self.station)
        for weak in ("short", "1234567890123", "station_a1", "password123"):
            response = self.client.post(
                reverse("password_change"),
                {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
            )
            self.assertEqual(response.status_code, 400, weak)
            errors = response.context["form"].errors["new_password2"]
            self.assertTrue(errors and all(CHINESE.search(e) for e in errors), (weak, errors))
        self.station.refresh_from_db()
        self.assertTrue(self.station.check_password(PASSWORD))

    def test_every_password_rule_says_why_in_chinese(self) -> None:
        with translation.override("zh-hans"):
            for weak in ("短", "1234567890123", "coordinator", "password123"):
                with self.assertRaises(ValidationError) as caught:
                    validate_password(weak, self.coordinator)
                for message in caught.exception.messages:
                    self.assertNotRegex(message, "[A-Za-z]{4}", weak)
                    self.assertRegex(message, CHINESE, weak)

    def test_the_coordinator_resets_an_expert_of_their_agency_and_it_is_logged(self) -> None:
        self.login(self.coordinator)
        page = self.client.get(reverse("agency_users"))
        self.assertContains(page, reverse("reset_password", args=[self.expert.pk]))
        response = self.client.post(
            reverse("reset_password", args=[self.expert.pk]),
            {"new_password1": NEW, "new_password2": NEW},
            follow=True,
        )
        self.assertContains(response, "已重置")
        self.expert.refresh_from_db()
        self.assertTrue(self.expert.check_password(NEW))
        entry = AuditEntry.objects.get(action="重置密码")
        self.assertEqual((entry.user, entry.new), (self.coordinator, {"user": "expert"}))
        self.assertNotIn(NEW, str(entry.new) + entry.reason)

    def test_the_coordinator_cannot_reset_anyone_outside_their_agency(self) -> None:
        # An expert of the agency who is also a station's staff: not the coordinator's to reset.
        Membership.objects.create(user=self.unassigned_expert, role=Role.STATION, station=self.a)
        admin = User.objects.create_user("admin", password=PASSWORD, is_staff=True)
        Membership.objects.create(user=admin, role=Role.EXPERT, organization=self.agency)
        self.login(self.coordinator)
        for user in (
            self.station,
            self.bureau,
            self.other_coordinator,
            self.unassigned_expert,
            admin,
        ):
            response = self.client.post(
                reverse("reset_password", args=[user.pk]),
                {"new_password1": NEW, "new_password2": NEW},
            )
            self.assertEqual(response.status_code, 404, user.username)
            user.refresh_from_db()
            self.assertTrue(user.check_password(PASSWORD), user.username)

    def test_only_a_coordinator_may_reset_passwords(self) -> None:
        for user in (self.expert, self.station, self.bureau, self.city):
            self.login(user)
            self.assertEqual(self.client.get(reverse("agency_users")).status_code, 404)
            self.assertNotContains(self.client.get(reverse("home")), reverse("agency_users"))


class ResetCommandTests(WebTestCase):
    def test_an_administrator_resets_any_password_from_a_file(self) -> None:
        with TemporaryDirectory() as tmp:
            path = Path(tmp) / "pw.txt"
            path.write_text(NEW + "\n", encoding="utf-8")
            out = StringIO()
            call_command("reset_password", "bureau_haizhu", password_file=path, stdout=out)
        self.assertIn("已重置 bureau_haizhu 的密码", out.getvalue())
        self.bureau.refresh_from_db()
        self.assertTrue(self.bureau.check_password(NEW))
        self.assertTrue(AuditEntry.objects.filter(action="重置密码", user=None).exists())

    def test_the_command_refuses_a_weak_password_or_an_unknown_user_in_chinese(self) -> None:
        with TemporaryDirectory() as tmp:
            path = Path(tmp) / "pw.txt"
            path.write_text("12345\n", encoding="utf-8")
            with self.assertRaisesRegex(CommandError, "密码不符合要求：密码太短"):
                call_command("reset_password", "bureau_haizhu", password_file=path)
            with self.assertRaisesRegex(CommandError, "没有用户名为「nobody」的用户"):
                call_command("reset_password", "nobody", password_file=path)
        self.bureau.refresh_from_db()
        self.assertTrue(self.bureau.check_password(PASSWORD))
