"""Talking to registries directly (the docker CLI's own registry client, used by `manifest`)."""
