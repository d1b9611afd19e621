"""Table-driven tests of the pure create/run flag parsers (pydock.opts); expected values are docker 28 behaviour."""
