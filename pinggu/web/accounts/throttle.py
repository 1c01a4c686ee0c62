"""Sign-in throttling: attempts are counted per user name and per client address, and a key
that reached its limit is refused before any password is checked.

An attempt is counted *before* its password is checked, by one conditional UPDATE
(`attempts < limit`), and given back when the password was right: so ten parallel guesses
cannot all be checked, on PostgreSQL or SQLite, and no row lock is held while the (slow)
password hasher runs. A key's window starts with its first attempt; once the window is over
the count starts again.

The user name is counted as Django signs in with it (stripped and NFKC-normalised by the
login form's UsernameField: ｃｏｏｒｄｉｎａｔｏｒ is coordinator; case is kept, since Django's
user names are case-sensitive). The client address is REMOTE_ADDR, or the last address of
X-Forwarded-For when PINGGU_TRUSTED_PROXY says a proxy in front of the site sets it
(README, 设置).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from ..models import LoginThrottle


def client_address(request: HttpRequest) -> str:
    if settings.TRUSTED_PROXY:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-1].strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR") or "未知")


def keys_for(username: str, request: HttpRequest | None) -> list[tuple[str, int]]:
    """The keys one attempt counts against, each with its limit: the address first, so an
    address that is locked out adds no row for each new name it tries."""
    keys = [(f"user:{username}", settings.LOGIN_FAILURE_LIMIT)]
    if request is not None:
        keys.insert(0, (f"addr:{client_address(request)}", settings.LOGIN_ADDRESS_LIMIT))
    return keys


def _take(key: str, limit: int) -> bool:
    """Count one attempt against `key` unless it has reached `limit`: whether it was counted."""
    now = timezone.now()
    LoginThrottle.objects.get_or_create(key=key, defaults={"window_start": now})
    window = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    # The window_start condition makes the reset happen once, however many race to it.
    LoginThrottle.objects.filter(key=key, window_start__lt=now - window).update(
        window_start=now, attempts=0
    )
    counted = LoginThrottle.objects.filter(key=key, attempts__lt=limit).update(
        attempts=F("attempts") + 1
    )
    return counted == 1


def take(keys: list[tuple[str, int]]) -> str | None:
    """Count one attempt against every key, or against none: the key that refused, or None."""
    # Rows whose window ended long ago count nothing: dropped, so the table holds about a
    # day of attempts however many names are tried.
    LoginThrottle.objects.filter(window_start__lt=timezone.now() - timedelta(days=1)).delete()
    taken: list[str] = []
    for key, limit in keys:
        if not _take(key, limit):
            give_back(taken)
            return key
        taken.append(key)
    return None


def give_back(keys: list[str]) -> None:
    """A right password: its attempt does not count against anyone."""
    LoginThrottle.objects.filter(key__in=keys, attempts__gt=0).update(attempts=F("attempts") - 1)
