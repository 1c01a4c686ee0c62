"""What a round keeps of the station's self-assessment (自评) and of the on-site day (实地评估).

The self-assessment is the station's: its own score per dimension of the third party (per 片区
where the dimension is scored per 片区), its 自评报告 and supporting documents. A document's
bytes are stored in the database, never on a path a request could name, and are served only
as a download under the type their content was checked to be (pinggu/web/selfassess/).

The on-site day is the experts': the agenda (环节 with times), who of them were present, and
notes of interviews and site visits. The engine reads all of it as `OnSite` (engine.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .rounds import FindingEntry, Round


class SelfScoreEntry(models.Model):
    """The station's own score for one dimension (and 片区) of the third party."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="self_scores")
    dimension = models.CharField("评估内容", max_length=40)
    zone = models.CharField("片区", max_length=40, blank=True)
    score = models.DecimalField("自评得分", max_digits=6, decimal_places=2)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=("round", "dimension", "zone"), name="one_self_score_per_dimension"
            ),
        )


class SelfDocument(models.Model):
    """One uploaded document of the self-assessment: the 自评报告 or a supporting document,
    tagged to a section or an indicator (or to the whole), its type checked by content."""

    class Kind(models.TextChoices):
        REPORT = "report", "自评报告"
        EVIDENCE = "evidence", "佐证材料"

    class Tag(models.TextChoices):
        WHOLE = "", "整体"
        SECTION = "section", "部分"
        INDICATOR = "indicator", "指标"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="self_documents")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    tag_kind = models.CharField("对应", max_length=10, choices=Tag.choices, blank=True)
    tag = models.CharField("对应的部分或指标", max_length=60, blank=True)
    title = models.CharField("说明", max_length=200, blank=True)
    filename = models.CharField("文件名", max_length=200)
    # The type the content was recognised as (pinggu/web/uploads.py `DOCUMENT_TYPES`).
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("文件摘要", max_length=64)
    content = models.BinaryField("内容")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-kind", "id")  # "report" after "evidence": the 自评报告 listed first
        constraints = (
            # The same file twice (a double click, a second tab) is stored once per round.
            models.UniqueConstraint(fields=("round", "sha256"), name="one_self_document_per_file"),
        )


class OnSiteAttendance(models.Model):
    """The round's on-site day as a whole: the experts present (names as the report prints
    them). Its agenda and interviews are rows of their own."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="onsite_day")
    experts_present = models.JSONField("出席专家", default=list)


class AgendaEntry(models.Model):
    """One 环节 of the on-site day (pinggu.OnSiteActivity), with its times and a note."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField("顺序")
    activity = models.CharField("环节", max_length=10)
    start = models.TimeField("开始", null=True, blank=True)
    end = models.TimeField("结束", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ("order", "id")


class InterviewEntry(models.Model):
    """A note of an interview or site visit: whom (a role, never a client's name), how many,
    when, what was said, and the finding of the round it supports."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="interviews")
    kind = models.CharField("对象类型", max_length=10)  # pinggu.Interviewee
    who = models.CharField("对象", max_length=60)
    people = models.PositiveSmallIntegerField("人数")
    at = models.TimeField("时间", null=True, blank=True)
    summary = models.TextField("内容", blank=True)
    finding = models.ForeignKey(
        FindingEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    # The add form's one-time key: the same form posted twice (a double click) adds one note.
    token = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")
        constraints = (
            models.UniqueConstraint(fields=("round", "token"), name="one_interview_per_form"),
        )
