"""System endpoints."""

from __future__ import annotations


def version(engine):
    return engine.get("/version")


def info(engine):
    return engine.get("/info")
