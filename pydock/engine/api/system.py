"""System endpoints."""

from __future__ import annotations


def version(engine):
    return engine.get("/version")


def info(engine):
    return engine.get("/info")


def df(engine):
    """GET /system/df: images, containers, volumes and build cache with their sizes (slow on a big engine)."""
    return engine.get("/system/df")


def events(engine, *, since: str | None = None, until: str | None = None, filters: dict | None = None):
    """Context manager over `GET /events`: a stream of JSON event messages (ends at `until`)."""
    return engine.stream("GET", "/events", {"since": since, "until": until, "filters": filters or None})


def auth(engine, username: str, password: str, server_address: str, *, identity_token: str = ""):
    """POST /auth: the daemon checks the credentials with the registry.
    Returns {"Status": "Login Succeeded", "IdentityToken": "..."}."""
    body = {"username": username, "password": password, "serveraddress": server_address}
    if identity_token:
        body["identitytoken"] = identity_token
    return engine.post("/auth", None, body)
