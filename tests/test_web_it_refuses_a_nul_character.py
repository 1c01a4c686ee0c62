"""A NUL character pasted into any field of a form is refused with the whole form, said in
Chinese: PostgreSQL cannot store one in a text column, so saving it would be a server error
there (SQLite, which these tests use, would keep it silently)."""

from __future__ import annotations

from django.urls import reverse
from web_base import WebTestCase

from pinggu.web.models import InterviewEntry


class NulTest(WebTestCase):
    def test_an_interview_note_with_a_nul_is_refused_and_nothing_is_saved(self) -> None:
        self.login(self.expert)
        note = {
            "version": self.version(),
            "token": "form-1",
            "kind": "社工",
            "who": "一线社工",
            "people": "3",
            "at": "11:40",
            "summary": "督导记录多写过程\x00较少写目标",
        }
        response = self.client.post(reverse("onsite_interview", args=[self.round_a.pk]), note)
        self.assertContains(response, "不可见的控制字符（NUL", status_code=400)
        self.assertFalse(InterviewEntry.objects.exists())
        note["summary"] = "督导记录多写过程，较少写目标"
        response = self.client.post(reverse("onsite_interview", args=[self.round_a.pk]), note)
        self.assertEqual(response.status_code, 302)  # the same form without it is kept
        self.assertTrue(InterviewEntry.objects.exists())
