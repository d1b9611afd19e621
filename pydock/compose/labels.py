"""The `com.docker.compose.*` labels v2 writes and filters on (docker/compose pkg/api/labels.go)."""

from __future__ import annotations

COMPOSE_VERSION = "2.40.3"  # the v2 release pydock matches; written in the version label

PROJECT = "com.docker.compose.project"
SERVICE = "com.docker.compose.service"
CONFIG_HASH = "com.docker.compose.config-hash"
CONTAINER_NUMBER = "com.docker.compose.container-number"
VOLUME = "com.docker.compose.volume"
NETWORK = "com.docker.compose.network"
WORKING_DIR = "com.docker.compose.project.working_dir"
CONFIG_FILES = "com.docker.compose.project.config_files"
ENVIRONMENT_FILE = "com.docker.compose.project.environment_file"
ONEOFF = "com.docker.compose.oneoff"
SLUG = "com.docker.compose.slug"
IMAGE = "com.docker.compose.image"
DEPENDS_ON = "com.docker.compose.depends_on"
VERSION = "com.docker.compose.version"
IMAGE_BUILDER = "com.docker.compose.image.builder"
REPLACE = "com.docker.compose.replace"


def project_filter(project: str) -> str:
    return f"{PROJECT}={project}"


def service_filter(service: str) -> str:
    return f"{SERVICE}={service}"


def oneoff_filter(oneoff: bool) -> str:
    return f"{ONEOFF}={'True' if oneoff else 'False'}"
