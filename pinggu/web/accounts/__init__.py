"""Accounts: signing in (with a lockout) and out, and passwords."""
