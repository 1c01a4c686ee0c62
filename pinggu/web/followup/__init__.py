"""兜底 follow-up in the workspace: the station's contact records uploaded and stored
(records.py), its follow-up computed once per state of its inputs (summary.py), the
跟进提醒 page with its overdue list (reminders.py, views.py), the round page's card and the
dashboard's table and drill-down. The rules are the engine's (docs/contacts.md)."""
