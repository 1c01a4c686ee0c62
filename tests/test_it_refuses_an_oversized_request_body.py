"""A request body larger than UPLOAD_MAX_MB is refused before it is read: the page says so in
Chinese, in the site's layout, and the server has read none of it. A body longer than it
declares is read only as far as it declares; a chunked body (which declares no length) is refused.

The body is a stream that counts the bytes taken from it, so the test sees what was read."""

from __future__ import annotations

import io

from django.test import override_settings
from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import AuditEntry, ClientRoster, DataVersion

MB = 1024 * 1024
BOUNDARY = "----pinggu-boundary"


class CountingBody(io.RawIOBase):
    """`size` bytes of a multipart body with one file field, made up as they are read."""

    def __init__(self, size: int, field: str = "workbook") -> None:
        self.size, self.taken = size, 0
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="大.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()

    def readable(self) -> bool:
        return True

    def read(self, n: int | None = -1) -> bytes:
        left = self.size - self.taken
        n = left if n is None or n < 0 else min(n, left)
        start, self.taken = self.taken, self.taken + n
        head = self.head[start : start + n]
        return head + b"x" * (n - len(head))

    def readline(self, size: int | None = -1) -> bytes:
        return self.read(size if size and size > 0 else 64 * 1024)


class OversizedBodyTests(WebTestCase):
    def setUp(self) -> None:
        self.url = reverse("upload", args=[self.round_a.pk])
        self.login(self.station)

    def post(self, body: CountingBody, length: str, **extra: str) -> object:
        return self.client.generic(
            "POST",
            self.url,
            b"",
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
            **{"wsgi.input": body, "CONTENT_LENGTH": length, **extra},
        )

    def assert_nothing_saved(self) -> None:
        self.assertFalse(DataVersion.objects.exists())
        self.assertFalse(ClientRoster.objects.exists())
        self.assertFalse(AuditEntry.objects.exists())

    def test_it_refuses_a_declared_200_mb_body_without_reading_it(self) -> None:
        body = CountingBody(200 * MB)
        response = self.post(body, str(body.size))
        self.assertContains(response, "上传的内容有 200.0 MB，超过允许的 10.0 MB", status_code=413)
        self.assertContains(response, "文件过大", status_code=413)
        self.assertContains(response, "返回上一页", status_code=413)  # the site's layout
        self.assertEqual(body.taken, 0)
        self.assert_nothing_saved()
        self.assertEqual(self.client.get(reverse("round", args=[self.round_a.pk])).status_code, 200)

    def test_the_roster_form_is_bounded_too(self) -> None:
        body = CountingBody(50 * MB, field="roster")
        response = self.client.generic(
            "POST",
            reverse("survey_roster", args=[self.round_a.pk]),
            b"",
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
            **{"wsgi.input": body, "CONTENT_LENGTH": str(body.size)},
        )
        self.assertContains(response, "超过允许的 10.0 MB", status_code=413)
        self.assertEqual(body.taken, 0)
        self.assert_nothing_saved()

    def test_a_body_longer_than_it_declares_is_read_only_as_far_as_declared(self) -> None:
        body = CountingBody(200 * MB)
        response = self.post(body, "4096")
        self.assertEqual(response.status_code, 400)  # type: ignore[attr-defined]
        self.assertLessEqual(body.taken, 4096)
        self.assert_nothing_saved()

    def test_a_chunked_body_is_refused_unread(self) -> None:
        body = CountingBody(200 * MB)
        response = self.post(body, "", HTTP_TRANSFER_ENCODING="chunked")
        self.assertContains(response, "没有说明文件的大小", status_code=411)
        self.assertEqual(body.taken, 0)

    def test_an_unreadable_length_is_refused_unread(self) -> None:
        body = CountingBody(MB)
        response = self.post(body, "12abc")
        self.assertEqual(response.status_code, 413)  # type: ignore[attr-defined]
        self.assertEqual(body.taken, 0)

    @override_settings(UPLOAD_MAX_BYTES=1 * MB)
    def test_the_limit_is_the_setting(self) -> None:
        body = CountingBody(MB + 1)
        self.assertContains(self.post(body, str(body.size)), "超过允许的 1.0 MB", status_code=413)
        self.assertEqual(body.taken, 0)

    @override_settings(UPLOAD_MAX_BYTES=3 * MB)
    def test_the_upload_forms_state_the_limit_they_enforce(self) -> None:
        self.login(self.coordinator)
        page = self.client.get(reverse("round", args=[self.round_a.pk]))
        self.assertContains(page, "评估工作簿（.xlsx、.xls 或 .ods，最大 3 MB）")
        roster = self.client.get(reverse("survey_roster", args=[self.round_a.pk]))
        self.assertContains(roster, "最大 3 MB")
