"""Registry credentials, as the docker CLI keeps them (cli/config/configfile, cli/config/credentials).

- `types`: AuthConfig, Docker Hub's key, hostname normalisation, the X-Registry-Auth encoding.
- `helper`: the `docker-credential-<name>` get/store/erase/list protocol.
- `store`: the file store (config.json `auths`) and the native store (`credsStore`, `credHelpers`),
  `credentials_store(config, key)`, `resolve_for_image(config, image)`, `registry_auth(config, image)`.
- `hints`: a `hint:` line saying what to do after a registry failure (unreachable, plain HTTP, login).

Secrets never go into an error message or a log line: errors name the registry, never the values.
Nothing here imports httpx or rich.
"""

from __future__ import annotations

from .types import INDEX_SERVER, AuthConfig, convert_to_hostname, encode_header, key_for_domain  # noqa: F401
