"""Rectification (整改) in the workspace (docs/rectification.md): a round's kept concerns become
items when its report is issued (issue.py), the station answers them and the experts mark them
at the station's next round (work.py, views.py); the engine reads them as the next round's
`OnSite.rectification` (items.py)."""
