"""The read API (`/api/`) for the systems around the workspace (a city platform, a district's
own tools): the rounds a token's user may see and their results, by the same rules as the pages
(access.py, roles.py), authenticated by the user's own tokens. Read-only, token-only."""
