"""兜底 follow-up (困难群众跟进): clients' contacts checked against their risk grade (docs/contacts.md)."""
