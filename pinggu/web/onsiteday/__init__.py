"""The on-site day (实地评估) as the experts record it on the round page: the agenda, the experts
present and the notes of interviews and site visits (docs/roles.md for who sees what)."""
