"""pydock: a docker-compatible command-line client for the Docker Engine API."""

__version__ = "0.1.0"
