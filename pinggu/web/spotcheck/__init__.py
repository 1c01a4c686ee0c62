"""File spot checks (档案抽查) in the workspace: the station's file lists, the draw, the
experts' checklist desk and the roll-up offered as draft findings (docs/onsite.md)."""
