"""On-site evidence and rectification (docs/onsite.md): file spot checks, the station's
self-assessment, the on-site day's records, and concerns followed from one round to the next."""
