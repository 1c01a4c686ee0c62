"""The web commands of `pinggu`: serve, demo and manage. Django is set up only here."""

from __future__ import annotations

import os
from collections.abc import Sequence


def run(command: str, *, port: int = 8000, rest: Sequence[str] = ()) -> int:
    if command == "serve":
        os.environ.setdefault("PINGGU_HTTPS", "0")  # plain HTTP on the loopback address
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pinggu.web.settings")
    import django
    from django.core.management import call_command, execute_from_command_line

    django.setup()
    if command == "manage":
        execute_from_command_line(["pinggu manage", *rest])
        return 0
    call_command("migrate", verbosity=0)
    if command == "demo":
        from .demo import PASSWORD, load_demo

        lines = load_demo()
        print("\n".join(lines) if lines else "演示数据已存在，未作改动。")
        print(f"演示用户的密码均为：{PASSWORD}（用户名见 README）")
        return 0
    print(f"网页工作台：http://127.0.0.1:{port}/  （Ctrl+C 停止）")
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
    return 0
