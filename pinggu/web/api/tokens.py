"""API tokens: made, checked and revoked here only.

A token reads `pg_<key_id>_<secret>`: `key_id` (8 hex characters, stored in clear) finds the
row and identifies the token on the user's page; the whole token is stored only as its SHA-256,
compared in constant time. Creation and revocation touch no round, so they are not audit
entries (audit.py logs a round's changes): the token row keeps its own created and revoked
times, and the server log (logger `pinggu.web.api`) records who did which.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from ..models import ApiToken

PREFIX = "pg_"
NAME_MAX = ApiToken._meta.get_field("name").max_length or 100
# Writing the last-use time on every read would turn each API call into a write; a minute's
# precision is enough to tell a token in use from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)
_SHAPE = re.compile(r"pg_([0-9a-f]{8})_[A-Za-z0-9_-]{20,}")

log = logging.getLogger(__name__)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def name_problem(name: str) -> str:
    """Why `name` cannot name a token, in Chinese; "" if it can."""
    if not name:
        return "请填写令牌名称（例如「市平台」），以便日后认出和撤销它"
    if len(name) > NAME_MAX:
        return f"令牌名称最多 {NAME_MAX} 个字，现为 {len(name)} 个字"
    return ""


def create(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the row, and the token itself (shown once, never stored)."""
    name = name.strip()
    assert not name_problem(name), name
    while True:  # 8 hex characters: a clash is rare but possible, and key_id is unique
        key_id = secrets.token_hex(4)
        if not ApiToken.objects.filter(key_id=key_id).exists():
            break
    token = f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    row = ApiToken.objects.create(user=user, name=name, key_id=key_id, digest=_digest(token))
    log.info("用户 %s 创建了 API 令牌 %s", user.username, row)
    return row, token


def revoke(user: User, token_id: int) -> ApiToken | None:
    """Revoke one of `user`'s own live tokens; None if there is no such token."""
    row = ApiToken.objects.filter(pk=token_id, user=user, revoked_at=None).first()
    if row is None:
        return None
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at"])
    log.info("用户 %s 撤销了 API 令牌 %s", user.username, row)
    return row


def user_for(token: str) -> User | None:
    """The active user whose live token this is, else None (unknown, revoked, malformed, or the
    user deactivated)."""
    shape = _SHAPE.fullmatch(token)
    if shape is None:
        return None
    row = ApiToken.objects.filter(key_id=shape[1], revoked_at=None).select_related("user").first()
    if row is None or not hmac.compare_digest(row.digest, _digest(token)):
        return None
    if not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
