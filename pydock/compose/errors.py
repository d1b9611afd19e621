"""Compose errors: one line, v2's wording, exit status 1 unless said otherwise (v2 exits 1 on a bad file,
an engine failure and a failed service alike)."""

from __future__ import annotations

from ..errors import PydockError


class ComposeError(PydockError):
    """A compose failure the user sees as one line on stderr (v2 exit status 1)."""
