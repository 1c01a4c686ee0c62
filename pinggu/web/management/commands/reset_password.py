"""`pinggu manage reset_password 用户名`: an administrator sets anyone's password, typed twice at
a prompt or read from a file (--password-file, its first line), checked by the same rules as
the pages (pinggu/web/accounts/passwords.py). The reset is logged, never the password."""

from __future__ import annotations

import getpass
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...accounts.password import record_reset


class Command(BaseCommand):
    help = "重置一位用户的密码（管理员用）"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--password-file", type=Path, help="从此文件的第一行读取新密码")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户名为「{options['username']}」的用户")
        password = self._password(options["password_file"])
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("密码不符合要求：" + "；".join(exc.messages)) from None
        with transaction.atomic():
            user.set_password(password)
            user.save(update_fields=["password"])
            record_reset(user, None, "管理员命令 reset_password")
        self.stdout.write(f"已重置 {user.username} 的密码。")

    def _password(self, path: Path | None) -> str:
        if path is not None:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise CommandError(f"读不了密码文件 {path}：{exc.strerror}") from None
            if not lines or not lines[0]:
                raise CommandError(f"密码文件 {path} 的第一行是空的")
            return lines[0]
        first = getpass.getpass("新密码：")
        if first != getpass.getpass("再输入一次："):
            raise CommandError("两次输入的密码不一致")
        return first
