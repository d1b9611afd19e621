"""One function per Engine API endpoint, grouped by object; each takes the `Engine` first and returns JSON."""
