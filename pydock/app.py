"""App: what every command gets as `ctx.obj`. Global flags, config, output streams, and a lazy engine.

Nothing here touches the network or imports httpx until `app.engine` is first used, so `--help`,
`--version` and completion never open the socket.
"""

from __future__ import annotations

import os
import sys
from functools import cached_property
from pathlib import Path

from .config import ConfigFile, Endpoint, config_dir


class GlobalOptions:
    """The root's flags. (Plain classes here: this module loads on every engine command, and a dataclass
    costs about 0.5 ms to define.)"""

    def __init__(self, hosts: tuple[str, ...] = (), context: str | None = None, config: str | None = None,
                 debug: bool = False, log_level: str = "info", tls: bool = False, tlsverify: bool = False,
                 tlscacert: str | None = None, tlscert: str | None = None, tlskey: str | None = None):
        self.hosts, self.context, self.config, self.debug, self.log_level = hosts, context, config, debug, log_level
        self.tls, self.tlsverify, self.tlscacert, self.tlscert, self.tlskey = tls, tlsverify, tlscacert, tlscert, tlskey

    def __repr__(self) -> str:
        return f"GlobalOptions({self.__dict__!r})"


class App:
    """What every command gets: the global options, the streams, and lazily the config and the engine."""

    def __init__(self, options: GlobalOptions | None = None, out=None, err=None):
        self.options = options if options is not None else GlobalOptions()
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr

    @cached_property
    def config_dir(self) -> Path:
        return config_dir(self.options.config)

    @cached_property
    def config(self) -> ConfigFile:
        return ConfigFile.load(self.config_dir, warn=self.err)  # docker warns about a broken file and goes on

    @cached_property
    def endpoint(self) -> Endpoint:
        from .engine.hosts import resolve_endpoint

        o = self.options
        flags = {"tls": o.tls, "tlsverify": o.tlsverify, "tlscacert": o.tlscacert, "tlscert": o.tlscert, "tlskey": o.tlskey}
        return resolve_endpoint(self.config_dir, self.config, o.hosts, o.context, flags)

    @cached_property
    def engine(self):
        if self.endpoint.host.startswith("ssh://"):  # the ssh handshake runs while httpx loads (engine/ssh)
            from .engine.ssh import connector_for

            connector_for(self.endpoint.host).prestart()
        from .engine.client import Engine

        return Engine(
            self.endpoint,
            api_version=os.environ.get("DOCKER_API_VERSION") or None,
            headers=self.config.http_headers,
            debug=self.options.debug or self.options.log_level == "debug",
        )

    def proxy_settings(self) -> dict:
        """config.json `proxies` (ParseProxyConfig): the entry for this daemon's host, else `default`.
        run/create turn it into env vars, build into build args."""
        proxies = self.config.get("proxies") or {}
        if not isinstance(proxies, dict) or not proxies:
            return {}
        return proxies.get(self.endpoint.host) or proxies.get("default") or {}

    def out_is_tty(self) -> bool:
        isatty = getattr(self.out, "isatty", None)
        return bool(isatty and isatty())

    def warn(self, message: str) -> None:
        self.err.write(f"WARNING: {message}\n")

    def write(self, text: str) -> None:
        self.out.write(text)

    def close(self) -> None:
        engine = self.__dict__.get("engine")
        if engine is not None:
            engine.close()
