"""The satisfaction survey: rosters, the draw, the desk, imports, exports and privacy."""
