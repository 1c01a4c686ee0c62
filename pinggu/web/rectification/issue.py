"""Issuing a round's report (the workflow's 报告出具 step, rounds/workflow.py) makes every kept
需要关注 finding of the round a rectification item, in the same transaction as the step.

Items are made once per finding. Issuing again after a reopen updates them instead: an item whose
finding was edited takes the new words (the station's response and evidence stay), a new concern
becomes a new item (numbered after the others), and an item whose finding was deleted or is no
longer a concern is withdrawn (kept with its response, no longer followed). The due date counts
from the issue date of the report the station was given last.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from pinggu import WorkCalendar, load_scheme, rectification_due

from .. import audit
from ..models import FindingEntry, RectificationItem, Round
from .items import following_round


def due_date(round_: Round, issued_on: date, calendar: WorkCalendar) -> date | None:
    """整改期限: the scheme's working days after the issue date; None when the scheme sets
    none. CalendarError for a year the calendar does not know (never guessed)."""
    rules = load_scheme(round_.scheme).rectification
    return None if rules is None else rectification_due(issued_on, rules, calendar)


# The report's closing suggestions (五、结语) are advice for the years ahead, printed as a list of
# their own, not 需要关注 findings of a part of the evaluation: they are not items.
CLOSING = "结语"


def _concerns(round_: Round) -> list[FindingEntry]:
    """The round's kept concerns in the report's order: by the scheme's sections, then 片区."""
    order = {s.name: n for n, s in enumerate(load_scheme(round_.scheme).sections)}
    concerns = round_.findings.filter(kind=FindingEntry.Kind.CONCERN).exclude(section=CLOSING)
    found = list(concerns)
    return sorted(found, key=lambda f: (order.get(f.section, len(order)), f.zone, f.order, f.pk))


def raise_items(round_: Round, issued_on: date, user: User, calendar: WorkCalendar) -> None:
    """Make or update the round's items as its report is issued on `issued_on` (call inside the
    step's transaction, before anything is written: CalendarError leaves nothing behind)."""
    due = due_date(round_, issued_on, calendar)
    existing = {i.finding_id: i for i in round_.rectification_items.all() if i.finding_id}
    unlinked = [i for i in round_.rectification_items.all() if not i.finding_id]
    number = max([i.number for i in [*existing.values(), *unlinked]], default=0)
    added, changed = [], []
    for finding in _concerns(round_):
        item = existing.pop(finding.pk, None)
        if item is None:
            number += 1
            RectificationItem.objects.create(
                round=round_,
                station_id=round_.station_id,
                finding=finding,
                number=number,
                section=finding.section,
                zone=finding.zone,
                concern=finding.text,
                issued_on=issued_on,
                due=due,
            )
            added.append(finding.text)
            continue
        if (item.section, item.zone, item.concern, item.withdrawn) != (
            finding.section,
            finding.zone,
            finding.text,
            False,
        ):
            changed.append(finding.text)
        item.section, item.zone, item.concern = finding.section, finding.zone, finding.text
        item.withdrawn, item.issued_on, item.due = False, issued_on, due
        item.save()
    gone = [i for i in [*existing.values(), *unlinked] if not i.withdrawn]
    RectificationItem.objects.filter(pk__in=[i.pk for i in gone]).update(withdrawn=True)
    if not (added or changed or gone):
        return
    new: dict[str, object] = {"added": added, "changed": changed}
    new = {k: v for k, v in new.items() if v}
    if gone:
        new["withdrawn"] = [i.concern for i in gone]
    new["due"] = due.isoformat() if due else None
    for affected in (round_, following_round(round_)):
        if affected is not None:
            audit.record(affected, user, f"列出整改意见（{round_}）", new=new)
