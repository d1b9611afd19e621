"""Import httpx without its command-line entry point.

httpx's `__init__` imports `httpx._main`, which pulls in click, rich and pygments (about 100 ms) for
httpx's own CLI. Marking it absent makes httpx take its documented ImportError fallback.
tests/unit/test_startup.py guards that pygments stays out.
"""

import sys

sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import httpx  # noqa: E402

__all__ = ["httpx"]
