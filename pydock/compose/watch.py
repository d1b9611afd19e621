"""`compose watch` on the engine (v2 pkg/compose/watch.go, internal/sync/tar.go).

`Session(capp, project, services, log=...)`: `prepare()` checks the triggers, runs the initial
syncs and starts the file watcher (raising v2's errors); `run(stop)` handles debounced batches of
changes until the `stop` event is set:
- sync (and sync+restart, sync+exec): changed files are sent as one tar (PUT /archive at `/`, owners
  kept) to every container of the service; files gone from the host are `rm -rf`'d inside by an exec;
- restart / sync+restart: the service's containers are restarted (with dependents, as `compose restart`);
- rebuild: the service's image is built again, dangling images of the project pruned (`--prune`), its
  containers recreated and started;
- sync+exec: the trigger's `exec` hook runs in every container of the service.
Messages go through `log` (stdout lines) as v2's watch logger prints them.
"""

from __future__ import annotations

import io
import os
import tarfile
import threading

from . import watchrules as wr
from .errors import ComposeError


def tar_of(mappings) -> bytes:
    """ArchiveBuilder.ArchivePathsIfExist: every (host path, container path), directories walked,
    names relative to `/`, a name written twice kept once (its last occurrence), vanished files skipped."""
    entries: list[tuple[str, str]] = []
    for host, container in mappings:
        if not os.path.lexists(host):
            continue
        name = container.lstrip("/")
        if os.path.isdir(host) and not os.path.islink(host):
            for directory, subdirs, files in os.walk(host):
                subdirs.sort()
                rel = os.path.relpath(directory, host)
                base = name if rel == "." else f"{name}/{rel.replace(os.sep, '/')}"
                entries.append((directory, base))
                for f in sorted(files):
                    entries.append((os.path.join(directory, f), f"{base}/{f}"))
        else:
            entries.append((host, name))
    last = {arc: i for i, (_, arc) in enumerate(entries)}
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for i, (path, arc) in enumerate(entries):
            if last[arc] != i:
                continue
            try:
                info = tar.gettarinfo(path, arcname=arc)
                if info.isreg():
                    with open(path, "rb") as f:
                        data = f.read()
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
                else:
                    tar.addfile(info)
            except FileNotFoundError:
                continue
    return buf.getvalue()


class Session:
    def __init__(self, capp, project, services=(), *, prune: bool = True, build: bool = True, quiet: bool = False,
                 log=None, debug: bool = False):
        self.capp, self.project, self.services = capp, project, tuple(services)
        self.prune, self.build, self.quiet, self.debug = prune, build, quiet, debug
        self.log = log or (lambda m: None)
        self.rules: list[wr.Rule] = []
        self.watcher = None
        from .converge import Compose

        self.c = Compose.for_app(capp)

    # -- setup ----------------------------------------------------------------------------------
    def prepare(self) -> None:
        from .lifecycle import select_services

        project = select_services(self.project, self.services) if self.services else self.project
        paths: list[str] = []
        for name, service in project.services.items():
            develop = service.get("develop")
            if not develop:
                continue
            wr.check_service(name, service, build=self.build)
            dockerignore = self._dockerignore(service)
            for trigger in develop.get("watch") or []:
                sync = trigger.get("action") in (wr.SYNC, wr.SYNC_RESTART)  # v2's isSync: not sync+exec
                if sync and wr.bind_mounted(trigger["path"], service.get("volumes")):
                    self.warn(f"path '{trigger['path']}' also declared by a bind mount volume, "
                              "this path won't be monitored!\n")
                    continue
                if sync and trigger.get("initial_sync"):
                    self.initial_sync(name, service, trigger, dockerignore)
                paths.append(trigger["path"])
            self.rules.extend(wr.rules_for(name, service, dockerignore))
        if not paths:
            raise ComposeError(wr.NOT_CONFIGURED)
        from . import fswatch

        try:
            self.watcher = fswatch.watcher(paths)
        except fswatch.WatchError as e:
            raise ComposeError(str(e)) from None
        self.log("Watch enabled")

    def _dockerignore(self, service: dict):
        build = service.get("build")
        if build is None:
            return wr.DockerPathMatcher("/", ())
        for candidate in wr.dockerignore_candidates(build):
            try:
                with open(candidate, "rb") as f:
                    return wr.dockerignore_matcher(build.get("context") or ".", f.read())
            except FileNotFoundError:
                continue
            except OSError as e:
                raise ComposeError(f"error reading .dockerignore: {e.strerror}") from None
        return wr.dockerignore_matcher(build.get("context") or ".", None)

    def initial_sync(self, name: str, service: dict, trigger: dict, dockerignore) -> None:
        """initialSync: what under the trigger's path changed after the service's image was made is
        synced before watching starts (the trigger's `include` is not applied, as in v2)."""
        ignore = wr.trigger_ignore(trigger, dockerignore)
        created = self.image_created(name)
        root, target = trigger["path"], trigger.get("target", "")
        volumes = service.get("volumes")

        def skipped(path: str) -> bool:
            return ignore.matches(os.path.basename(path)) or wr.bind_mounted(path, volumes)

        try:
            st = os.stat(root)
        except OSError as e:
            raise ComposeError(f"stat {root}: {(e.strerror or str(e)).lower()}") from None
        mappings = []
        if os.path.isdir(root):
            for directory, subdirs, files in os.walk(root):
                subdirs[:] = sorted(d for d in subdirs if not skipped(os.path.join(directory, d)))
                for f in sorted(files):
                    path = os.path.join(directory, f)
                    if skipped(path) or os.lstat(path).st_mtime_ns < created:
                        continue
                    mappings.append((path, os.path.join(target, os.path.relpath(path, root))))
        elif os.path.isfile(root) and st.st_mtime_ns > created and not skipped(root):
            mappings.append((root, target))
        self.sync(name, mappings)

    def image_created(self, service: str) -> int:
        """imageCreatedTime: the Created time (ns) of the image of the service's first container."""
        from ..engine.api import images as api
        from ..opts.timestamps import rfc3339_ns

        found = self.containers(service)
        if not found:
            raise ComposeError("could not get created time for service's image")
        return rfc3339_ns(api.inspect(self.capp.engine, found[0]["ImageID"]).get("Created", ""))

    def warn(self, message: str) -> None:
        from .progress import log_warning

        log_warning(self.capp.err, message, self.capp.environ)

    # -- the loop --------------------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        import time

        debounce = wr.Debouncer()
        try:
            while not stop.is_set():
                timeout = debounce.timeout(time.monotonic())
                for path in self.watcher.events(0.1 if timeout is None else min(timeout, 0.1)):
                    debounce.add(path, time.monotonic())
                if debounce.due(time.monotonic()):
                    batch = debounce.flush()
                    try:
                        self.handle(batch)
                    except Exception as e:  # noqa: BLE001 - v2 warns and keeps watching
                        self.warn(f"Error handling changed files: {str(e)}")
        finally:
            self.watcher.close()

    def handle(self, batch) -> None:
        p = wr.plan(batch, self.rules)
        if p.rebuild:
            self.rebuild(p.rebuild)
        for service, mappings in p.sync.items():
            self.log(wr.sync_message(service, mappings, self.debug))
            self.sync(service, mappings)
        if p.restart:
            from .lifecycle import Target, restart

            restart(self.c, Target(self.project, self.project.name), p.restart)
            self.log(f"service(s) {wr.go_quote_list(p.restart)} restarted")
        for service, indexes in p.exec.items():
            for i in indexes:
                self.exec_hook(service, self.rules[i].exec)

    # -- actions ---------------------------------------------------------------------------------
    def containers(self, service: str, *, all: bool = True) -> list[dict]:
        return self.c.containers(self.project.name, services=(service,), all=all)

    def sync(self, service: str, mappings) -> None:
        """Tar.Sync: errors collected over every container, none stops the others."""
        from ..engine.api import containers as api

        copy, delete = wr.split_deletions(mappings, os.path.exists)  # os.Stat: a broken link is gone
        data = tar_of(copy)
        errors = []
        for ctr in self.containers(service):
            cid = ctr["Id"]
            if delete:
                status = self._exec(cid, ["rm", "-rf", *delete])
                if status:
                    errors.append(f"deleting paths in {cid}: {status}")
            try:
                api.put_archive(self.capp.engine, cid, "/", data, copy_uid_gid=True)
            except Exception as e:  # noqa: BLE001 - joined below as errors.Join does
                errors.append(f"copying files to {cid}: {str(e)}")
        if errors:
            raise ComposeError("\n".join(errors))

    def _exec(self, cid: str, cmd: list[str], **kw) -> str:
        """An exec as RunExec runs it; '' when it succeeded, else why not."""
        from ..cli.container.exec import ExecOptions, run_exec
        from ..errors import PydockError

        try:
            status = run_exec(self.capp.app, ExecOptions(cid, tuple(cmd), **kw))
        except PydockError as e:
            return str(e)
        return f"exit code {status}" if status else ""

    def exec_hook(self, service: str, hook: dict) -> None:
        env = hook.get("environment") or {}
        if isinstance(env, dict):
            env = [k if v is None else f"{k}={v}" for k, v in env.items()]
        for ctr in self.containers(service, all=False):
            problem = self._exec(ctr["Id"], list(hook.get("command") or []), user=hook.get("user") or "",
                                 privileged=bool(hook.get("privileged")), workdir=hook.get("working_dir") or "",
                                 env=tuple(env))
            if problem:  # RunExec's StatusError carries no message: v2 warns with an empty one
                raise ComposeError("" if problem.startswith("exit code") else problem)

    def rebuild(self, services: list[str]) -> None:
        from ..cli.compose.build import run_build
        from .converge import RECREATE_FORCE, CreateOptions, StartOptions
        from .lifecycle import with_dependents
        from .progress import QuietWriter

        self.log(f"Rebuilding service(s) {wr.go_quote_list(services)} after changes were detected...")
        try:
            built = run_build(self.capp, tuple(services), project=self.project, writer=QuietWriter(),
                              quiet=self.quiet)
        except Exception as e:  # noqa: BLE001 - logged, then handled as v2 does
            self.log(f"Build failed. Error: {str(e)}")
            raise
        if self.prune:
            self.prune_dangling(set(built.values()))
        self.log(f"service(s) {wr.go_quote_list(services)} successfully built")
        try:
            self.c.create(self.project, CreateOptions(services=tuple(services), recreate=RECREATE_FORCE,
                                                      inherit=True, build=False))
        except Exception as e:  # noqa: BLE001
            self.log(f"Failed to recreate services after update. Error: {str(e)}")
            raise
        try:
            project = with_dependents(self.project, services)
            self.c.start(project, StartOptions(services=tuple(services), attach_to=tuple(services)))
        except Exception as e:  # noqa: BLE001 - v2 logs and goes on watching
            self.log(f"Application failed to start after update. Error: {str(e)}")

    def prune_dangling(self, keep: set[str]) -> None:
        from ..engine.api import images as api
        from ..errors import PydockError
        from .labels import PROJECT

        try:
            found = api.list(self.capp.engine, filters={"dangling": ["true"],
                                                        "label": [f"{PROJECT}={self.project.name}"]})
        except PydockError:
            return
        for img in found or []:
            if img.get("Id") not in keep:
                try:
                    api.remove(self.capp.engine, img["Id"])
                except PydockError:
                    pass
