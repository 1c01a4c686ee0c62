"""A station's records are stored batch by batch: an upload whose dates overlap stored records
replaces the records of the dates it covers and says so with the counts, the same file twice
is stored once, and every batch is numbered in the round's audit trail."""

from __future__ import annotations

from datetime import date, time

from followup_base import FollowUpTestCase, daily, record

from pinggu import ContactRecord, GradeChange, Method
from pinggu.web.followup import records
from pinggu.web.models import AuditEntry, ContactEntry


class RecordsTests(FollowUpTestCase):
    def test_it_replaces_the_stored_records_of_the_dates_an_upload_covers_and_says_how_many(
        self,
    ) -> None:
        march = daily(["A01", "A02"], date(2024, 3, 1), date(2024, 3, 31))  # 62 records
        first = self.store(march)
        self.assertEqual(first.batch.replaced, 0)
        self.assertNotIn("替换", first.message())
        # A corrected export of 3月10日–4月5日: 3月10日–31日 of the first upload (22 days × 2) go.
        corrected = daily(["A03"], date(2024, 3, 10), date(2024, 4, 5))
        second = self.store(corrected)
        self.assertEqual(second.batch.number, 2)
        self.assertEqual(second.batch.replaced, 44)
        self.assertIn("替换了 2024-03-10 至 2024-04-05 的 44 条记录", second.message())
        kept = ContactEntry.objects.filter(station=self.a)
        self.assertEqual(kept.count(), 62 - 44 + len(corrected))
        self.assertFalse(kept.filter(client="A01", on__gte=date(2024, 3, 10)).exists())
        self.assertEqual(kept.filter(client="A01").count(), 9)  # 3月1日–9日 stay

    def test_a_large_count_is_written_with_thousands_separators(self) -> None:
        clients = ["A01", "A02", "A03", "A04", "A05", "A06", "B01", "B02", "B03", "B04"]
        self.store(daily(clients, date(2024, 1, 1), date(2024, 3, 31)))  # 910 records
        again = self.store(daily(clients * 2, date(2024, 1, 1), date(2024, 3, 31)))
        self.assertIn("1,820 条", again.message())
        self.assertIn("的 910 条记录", again.message())

    def test_the_same_file_uploaded_twice_is_stored_once(self) -> None:
        march = daily(["A01"], date(2024, 3, 1), date(2024, 3, 31))
        self.store(march, digest="same")
        twice = self.store(march, digest="same")
        self.assertTrue(twice.again)
        self.assertEqual(twice.batch.number, 1)
        self.assertIn("此文件已上传（第 1 批", twice.message())
        self.assertEqual(ContactEntry.objects.filter(station=self.a).count(), 31)
        self.assertEqual(AuditEntry.objects.filter(action="上传服务记录").count(), 1)

    def test_the_same_file_after_another_replaced_its_dates_is_stored_again(self) -> None:
        march = daily(["A01"], date(2024, 3, 1), date(2024, 3, 31))
        self.store(march, digest="march")
        self.store(daily(["A02"], date(2024, 3, 1), date(2024, 3, 31)), digest="other")
        back = self.store(march, digest="march")
        self.assertFalse(back.again)
        self.assertEqual(back.batch.replaced, 31)
        clients = set(ContactEntry.objects.filter(station=self.a).values_list("client", flat=True))
        self.assertEqual(clients, {"A01"})

    def test_each_batch_is_numbered_in_the_rounds_audit_trail(self) -> None:
        self.store([record("A01", date(2024, 3, 5)), record("A02", date(2024, 3, 7))])
        entry = AuditEntry.objects.get(action="上传服务记录")
        self.assertEqual(entry.round, self.round_a)
        self.assertEqual(entry.new["batch"], 1)
        self.assertEqual(entry.new["records"], 2)
        self.assertEqual(entry.new["period"], ["2024-03-05", "2024-03-07"])

    def test_grade_changes_replace_the_stored_ones_over_their_own_dates(self) -> None:
        changes = (
            GradeChange("A01", date(2024, 1, 15), 1),
            GradeChange("A02", date(2024, 2, 1), 3),
        )
        self.store([record("A01", date(2024, 3, 5))], changes)
        later = (GradeChange("A01", date(2024, 2, 1), 2),)
        stored = self.store([record("A01", date(2024, 3, 6))], later)
        self.assertEqual(stored.batch.replaced_changes, 1)  # A02's of 2月1日
        self.assertIn("替换了同期的 1 条分级变更", stored.message())

    def test_the_stored_records_read_back_as_the_engines_data_over_the_latest_roster(self) -> None:
        self.store(
            [
                record("A01", date(2024, 3, 5), Method.VISIT),
                record("B02", date(2024, 3, 6), Method.MESSAGE, worker="SG02"),
            ]
        )
        read = records.station_contacts(self.a)
        assert read is not None
        self.assertEqual([c.number for c in read.data.clients][:2], ["A01", "A02"])
        self.assertEqual(read.data.clients[0].zone, "第一片区")
        self.assertEqual(read.data.clients[0].grade, 2)
        self.assertEqual(
            [(r.client, r.on, r.method, r.worker) for r in read.data.records],
            [
                ("A01", date(2024, 3, 5), Method.VISIT, "SG01"),
                ("B02", date(2024, 3, 6), Method.MESSAGE, "SG02"),
            ],
        )
        self.assertEqual(read.left_out, 0)

    def test_every_field_of_a_record_reads_back_as_stored(self) -> None:
        typed = ContactRecord(
            "A03", date(2024, 2, 9), Method.PHONE, "SG03", time(14, 30), 2, True, "微信节日问候", 17
        )
        self.store([typed, record("A04", date(2024, 2, 10))])
        read = records.station_contacts(self.a)
        assert read is not None
        self.assertEqual(read.data.records[0], typed)
        self.assertIsNone(read.data.records[1].at)
