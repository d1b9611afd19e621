"""`pydock compose config`: parse, resolve and render the compose file in canonical form (v2
cmd/compose/config.go). The YAML/JSON text is byte-identical to v2's; `$` is re-escaped as `$$`."""

from __future__ import annotations

import os

import click

from .._lazy import command


EXAMPLES = (
    ('The merged, interpolated model of two files', 'pydock compose -f compose.yaml -f compose.prod.yaml config'),
    ('Check a file without printing it', 'pydock compose config -q'),
)


@command("config", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None),
         help="Parse, resolve and render compose file in canonical format")
@click.argument("services", nargs=-1)
@click.option("--environment", is_flag=True, help="Print environment used for interpolation.")
@click.option("--format", "format_", default="", metavar="string", help="Format the output. Values: [yaml | json]")
@click.option("--hash", "hash_", default="", metavar="string", help="Print the service config hash, one per line.")
@click.option("--images", is_flag=True, help="Print the image names, one per line.")
@click.option("--lock-image-digests", is_flag=True, help="Produces an override file with image digests")
@click.option("--models", is_flag=True, help="Print the model names, one per line.")
@click.option("--networks", is_flag=True, help="Print the network names, one per line.")
@click.option("--no-consistency", is_flag=True,
              help="Don't check model consistency - warning: may produce invalid Compose output")
@click.option("--no-env-resolution", is_flag=True, help="Don't resolve service env files")
@click.option("--no-interpolate", is_flag=True, help="Don't interpolate environment variables")
@click.option("--no-normalize", is_flag=True, help="Don't normalize compose model")
@click.option("--no-path-resolution", is_flag=True, help="Don't resolve file paths")
@click.option("-o", "--output", default="", metavar="string", help="Save to file (default to stdout)")
@click.option("--profiles", is_flag=True, help="Print the profile names, one per line.")
@click.option("-q", "--quiet", is_flag=True, help="Only validate the configuration, don't print anything")
@click.option("--resolve-image-digests", is_flag=True, help="Pin image tags to digests")
@click.option("--services", "list_services", is_flag=True, help="Print the service names, one per line.")
@click.option("--variables", is_flag=True, help="Print model variables and default values.")
@click.option("--volumes", is_flag=True, help="Print the volume names, one per line.")
@click.pass_obj
def command(capp, services, environment, format_, hash_, images, lock_image_digests, models, networks,
            no_consistency, no_env_resolution, no_interpolate, no_normalize, no_path_resolution, output, profiles,
            quiet, resolve_image_digests, list_services, variables, volumes):
    from ...compose.errors import ComposeError

    if capp.options.compatibility:
        no_normalize = True
    c = _Config(capp, services, no_consistency=no_consistency, no_env_resolution=no_env_resolution,
                no_interpolate=no_interpolate, no_normalize=no_normalize, no_path_resolution=no_path_resolution)
    out = _Devnull() if quiet else capp.out
    if list_services:
        return c.services(out)
    if volumes:
        return c.names(out, "volumes")
    if networks:
        return c.names(out, "networks")
    if models:
        return c.models(out)
    if hash_:
        return c.hash(out, hash_)
    if profiles:
        return c.profiles(out)
    if images:
        return c.images(out)
    if variables:
        return c.variables(out, format_)
    if environment:
        return c.environment(out)
    fmt = format_ or "yaml"
    if lock_image_digests or resolve_image_digests:  # both ask the registry for digests
        flag = "--lock-image-digests" if lock_image_digests else "--resolve-image-digests"
        raise ComposeError(f"{flag} is not supported by pydock (it needs a registry)")
    text = c.render(fmt)
    if quiet:
        return
    if output and text:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(output, 0o666 & ~_umask())
        return
    capp.out.write(text)


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


class _Devnull:
    def write(self, text):
        pass

    def flush(self):
        pass


class _Config:
    def __init__(self, capp, services, **flags):
        self.capp = capp
        self.service_args = tuple(services)
        self.flags = flags

    def _warn(self, msg: str) -> None:
        from ...compose import progress

        progress.log_warning(self.capp.err, msg, self.capp.environ)

    def _options(self, services=(), **extra):
        f = self.flags
        return self.capp.load_options(services=tuple(services), interpolate=not f["no_interpolate"],
                                      resolve_paths=not f["no_path_resolution"], normalize=not f["no_normalize"],
                                      **extra)

    def project(self, services=(), resolve_environment=True):
        from ...compose.loader import load_project

        return load_project(self._options(services), warn=self._warn, consistency=not self.flags["no_consistency"],
                            resolve_environment=resolve_environment,
                            all_resources=self.capp.options.all_resources)

    def model(self, services=()):
        from ...compose.loader import load_model

        return load_model(self._options(services), warn=self._warn)

    def render(self, fmt: str) -> str:
        from ...compose import serialize
        from ...compose.errors import ComposeError

        if self.flags["no_interpolate"]:
            model = self.model(self.service_args)
            if fmt == "json":
                return serialize.raw_to_json(model)
            if fmt == "yaml":
                return serialize.raw_to_yaml(model)
            raise ComposeError(f'unsupported format "{fmt}"')
        project = self.project(self.service_args)  # ToProject resolved env_file already: --no-env-resolution is moot
        if not self.flags["no_consistency"]:
            from ...compose.loader.validate import check_container_name_unicity

            check_container_name_unicity(project.model)
        if fmt == "json":
            text = serialize.to_json(project)
        elif fmt == "yaml":
            text = serialize.to_yaml(project)
        else:
            raise ComposeError(f'unsupported format "{fmt}"')
        return serialize.escape_dollars(text)

    def services(self, out) -> None:
        if self.flags["no_interpolate"]:
            model = self.model()
            for name in sorted(model.get("services") or {}):
                out.write(name + "\n")
            return
        project = self.project(resolve_environment=False)
        for name in dependency_order(project.services, sorted(project.services)):
            out.write(name + "\n")

    def names(self, out, key: str) -> None:
        project = self.project(resolve_environment=False)
        for name in sorted(project.model.get(key) or {}):
            out.write(name + "\n")

    def models(self, out) -> None:
        project = self.project(resolve_environment=False)
        for _, m in sorted((project.model.get("models") or {}).items()):
            if m.get("model"):
                out.write(m["model"] + "\n")

    def hash(self, out, spec: str) -> None:
        from ...compose import hashing
        from ...compose.errors import ComposeError

        project = self.project(resolve_environment=False)
        names = sorted(project.services) if spec == "*" else sorted(spec.split(","))
        for name in names:
            svc = project.services.get(name)
            if svc is None:
                if name in project.disabled:
                    raise ComposeError(f"no such service: {name}: disabled")
                raise ComposeError(f"no such service: {name}: not found")
            out.write(f"{name} {hashing.service_hash(svc)}\n")

    def profiles(self, out) -> None:
        project = self.project(self.service_args, resolve_environment=False)
        found = set()
        for svc in list(project.services.values()) + list(project.disabled.values()):
            found.update(svc.get("profiles") or [])
        for p in sorted(found):
            out.write(p + "\n")

    def images(self, out) -> None:
        from ...compose.loader.environment import string_to_bool

        project = self.project(self.service_args, resolve_environment=False)
        compat = self.capp.options.compatibility or string_to_bool(project.environment.get("COMPOSE_COMPATIBILITY"))
        sep = "_" if compat else "-"
        for name in sorted(project.services):
            svc = project.services[name]
            out.write((svc.get("image") or f"{project.name}{sep}{name}") + "\n")

    def environment(self, out) -> None:
        project = self.project(self.service_args)
        for line in sorted(f"{k}={v}" for k, v in project.environment.items()):
            out.write(line + "\n")

    def variables(self, out, fmt: str) -> None:
        from ...compose import serialize
        from ...compose.loader.variables import extract_variables

        self.flags["no_interpolate"] = True  # v2: runVariables sets noInterpolate before ToModel
        model = self.model(self.service_args)
        variables = extract_variables(model)
        if fmt == "yaml":  # yaml.Marshal: indent 4, untagged fields lowercased
            doc = {k: serialize.YamlMap((f.lower(), v[f]) for f in ("Name", "DefaultValue", "PresenceValue",
                                                                     "Required")) for k, v in variables.items()}
            out.write(serialize.go_yaml(doc, indent=4))
            return
        if fmt == "json":  # json.Encoder, indent 4, no HTML escaping, then Println
            text = serialize.go_json({k: variables[k] for k in sorted(variables)}, indent="    ")
            for esc, ch in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&")):
                text = text.replace(esc, ch)
            out.write(text + "\n\n")
            return
        if fmt not in ("table", "pretty", ""):
            from ...compose.errors import ComposeError

            raise ComposeError(f'format value "{fmt}" could not be parsed: parsing failed')
        rows = [("NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE")]
        for name in sorted(variables):
            v = variables[name]
            rows.append((name, "true" if v["Required"] else "false", v["DefaultValue"], v["PresenceValue"]))
        widths = [max(20, max(len(r[i]) for r in rows) + 3) for i in range(3)]
        for r in rows:
            out.write("".join(r[i].ljust(widths[i]) for i in range(3)) + r[3] + "\n")


def dependency_order(services: dict, names) -> list[str]:
    """project.ForEachService(names): each service after the services it depends on."""
    seen: set = set()
    order: list[str] = []

    def visit(name):
        if name in seen or name not in services:
            return
        seen.add(name)
        for dep in sorted((services[name].get("depends_on") or {})):
            visit(dep)
        order.append(name)

    for n in names:
        visit(n)
    return order
