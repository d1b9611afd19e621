"""Compose file loading: pure functions from files and environment to the project model.

Nothing here talks to the engine. Errors are `pydock.compose.errors.ComposeError` with v2's wording.
"""
