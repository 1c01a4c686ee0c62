"""Read-API tokens (pinggu/web/api/): a user's named keys for the systems around the
workspace. The secret is shown once at creation and never stored: only its SHA-256 is kept,
beside a short public id that finds the row (README, 只读接口（API）)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("名称", max_length=100)
    key_id = models.CharField("令牌编号", max_length=16, unique=True)  # public: pg_<key_id>_…
    digest = models.CharField(max_length=64)  # sha256 hex of the whole token
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.name}（pg_{self.key_id}_…）"
