"""`--dry-run` for the prune commands: what the daemon's prune would remove, worked out from listings, nothing
changed. The rules are the daemon's (moby daemon/prune.go, images/image_prune.go, API 1.41-1.51):

- containers: every one not running (created, exited, dead; a paused or restarting container is running),
  created before `until`, whose labels pass the label filters; space: its writable layer (SizeRw);
- networks: every one but the predefined (bridge, host, none) and swarm-scoped ones, with no container attached,
  created before `until`, labels passing;
- volumes: every local one no container refers to (running or not), labels passing; from API 1.42 only anonymous
  ones unless `all=true`; space: its size as the daemon measured it (-1: unknown, not counted);
- images: dangling ones (no tag, no digest, no child image), or with `dangling=false` (-a) every one; never one a
  container uses; created before `until`, labels passing; space: the part of each image no image that stays
  shares (from /system/df's Size and SharedSize: layers shared only among removed images are not counted);
- build cache: the records not in use (-a: shared ones too), last used before `until`; the daemon ignores label
  filters there (it accepts them and prunes regardless), and so does the plan.

Filters are checked as the daemon checks them, with its words ("Invalid filter 'x'").
"""

from __future__ import annotations

from ..errors import PydockError

PREDEFINED_NETWORKS = ("bridge", "host", "none")
ANONYMOUS_VOLUME = "com.docker.volume.anonymous"
ALLOWED = {
    "containers": ("label", "label!", "until"),
    "networks": ("label", "label!", "until"),
    "volumes": ("label", "label!", "all"),
    "images": ("dangling", "label", "label!", "until"),
}


def daemon_error(message: str) -> PydockError:
    return PydockError(f"Error response from daemon: {message}")


def check_filters(kind: str, filters: dict) -> None:
    for key in filters:
        if key not in ALLOWED[kind]:
            raise daemon_error(f"Invalid filter '{key}'")


def match_kv_list(filters: dict, key: str, labels: dict | None) -> bool:
    """filters.Args.MatchKVList: every `k` / `k=v` value of `key` is in `labels` (true when there is none)."""
    values = filters.get(key) or {}
    if not values:
        return True
    if not labels:
        return False
    for value in values:
        k, eq, v = value.partition("=")
        if k not in labels or (eq and labels[k] != v):
            return False
    return True


def match_labels(filters: dict, labels: dict | None) -> bool:
    """The daemon's matchLabels: `label` values all match, and not all `label!` values match."""
    if not match_kv_list(filters, "label", labels):
        return False
    return not (filters.get("label!") and match_kv_list(filters, "label!", labels))


def until(filters: dict, now_ns: int | None = None) -> float | None:
    """getUntilFromPruneFilters: the cut-off as Unix seconds, or None."""
    values = list(filters.get("until") or {})
    if not values:
        return None
    if len(values) > 1:
        raise daemon_error("more than one until filter specified")
    from ..opts.timestamps import TimestampError, get_timestamp

    try:
        return float(get_timestamp(values[0], now_ns))
    except (TimestampError, ValueError) as e:
        raise daemon_error(str(e)) from None


def containers(listed: list[dict], filters: dict, now_ns: int | None = None) -> tuple[list[str], int]:
    check_filters("containers", filters)
    cutoff = until(filters, now_ns)
    ids, space = [], 0
    for c in listed:
        if c.get("State") in ("running", "paused", "restarting"):
            continue
        if cutoff is not None and c.get("Created", 0) > cutoff:
            continue
        if not match_labels(filters, c.get("Labels")):
            continue
        ids.append(c["Id"])
        space += max(c.get("SizeRw", 0) or 0, 0)
    return ids, space


def networks(inspected: list[dict], filters: dict, now_ns: int | None = None) -> list[str]:
    from ..opts.timestamps import rfc3339_ns

    check_filters("networks", filters)
    cutoff = until(filters, now_ns)
    names = []
    for n in inspected:
        if n.get("Name") in PREDEFINED_NETWORKS or n.get("Scope") == "swarm" or n.get("Ingress"):
            continue
        if n.get("Containers"):
            continue
        if cutoff is not None:
            try:
                if rfc3339_ns(n.get("Created", "")) / 1e9 > cutoff:
                    continue
            except ValueError:
                pass
        if not match_labels(filters, n.get("Labels")):
            continue
        names.append(n.get("Name", ""))
    return names


def volumes(listed: list[dict], used: set[str], filters: dict, anonymous_only: bool) -> tuple[list[str], int]:
    """`listed`: /system/df's volumes (with UsageData); `used`: the names containers that stay refer to;
    `anonymous_only`: API 1.42+ without all=true."""
    check_filters("volumes", filters)
    names, space = [], 0
    for v in listed:
        if v["Name"] in used or v.get("Driver") != "local":
            continue
        labels = v.get("Labels") or {}
        if anonymous_only and ANONYMOUS_VOLUME not in labels:
            continue
        if not match_labels(filters, labels):
            continue
        names.append(v["Name"])
        space += max((v.get("UsageData") or {}).get("Size", 0), 0)
    return names, space


def _dangling(img: dict) -> bool:
    tags, digests = img.get("RepoTags") or [], img.get("RepoDigests") or []
    return (not tags and not digests) or (tags == ["<none>:<none>"] and digests == ["<none>@<none>"])


def chain_ids(diff_ids: list[str]) -> list[str]:
    """The layer store's ChainIDs of an image's layers (RootFS.Layers, bottom first): the first is its DiffID,
    each next one sha256("<previous chain id> <diff id>")."""
    import hashlib

    chains: list[str] = []
    for diff in diff_ids:
        chains.append(diff if not chains else
                      "sha256:" + hashlib.sha256(f"{chains[-1]} {diff}".encode()).hexdigest())
    return chains


def images(listed: list[dict], parents: set[str], used: set[str], filters: dict, chains: dict[str, list[str]],
           now_ns: int | None = None) -> tuple[list[str], int]:
    """`listed`: /system/df's images (Size, SharedSize, Labels); `parents`: ids some image names as its parent;
    `used`: image ids of containers that stay; `chains`: every image's layer ChainIDs. Returns docker's report
    lines (`untagged: ref`, `deleted: sha256:<image>`, then `deleted: sha256:<layer>` for each layer no
    remaining image holds, top first) and the space."""
    check_filters("images", filters)
    dangling = list(filters.get("dangling") or {"true": True})
    dangling_only = dangling[-1].lower() not in ("false", "0")
    cutoff = until(filters, now_ns)
    doomed = []
    for img in listed:
        if img["Id"] in used or img["Id"] in parents:  # the daemon's delete refuses these (a conflict)
            continue
        if dangling_only and not _dangling(img):
            continue
        if cutoff is not None and img.get("Created", 0) > cutoff:
            continue
        if not match_labels(filters, img.get("Labels")):
            continue
        doomed.append(img)
    holders: dict[str, int] = {}  # chain id -> images holding it; a layer goes with the last of them
    for layers in chains.values():
        for chain in set(layers):
            holders[chain] = holders.get(chain, 0) + 1
    lines, space = [], 0
    for img in doomed:  # one after the other, as the daemon deletes them
        if not _dangling(img):
            lines += [f"untagged: {ref}" for ref in (img.get("RepoTags") or []) + (img.get("RepoDigests") or [])
                      if not ref.startswith("<none>")]
        lines.append(f"deleted: {img['Id']}")
        for chain in reversed(chains.get(img["Id"], [])):
            holders[chain] -= 1
            if holders[chain] == 0:
                lines.append(f"deleted: {chain}")
        size, shared = img.get("Size", 0) or 0, img.get("SharedSize", 0) or 0
        space += max(size - max(shared, 0), 0)
    return lines, space


def build_cache(records: list[dict], all_: bool, cutoff: float | None = None) -> tuple[list[str], int]:
    """`cutoff`: `until` (BuildKit keeps what was used after it); label filters the daemon ignores here."""
    from ..opts.timestamps import rfc3339_ns

    ids, space = [], 0
    for bc in records or []:
        if bc.get("InUse") or (bc.get("Shared") and not all_):
            continue
        if cutoff is not None:
            try:
                if rfc3339_ns(bc.get("LastUsedAt") or bc.get("CreatedAt") or "") / 1e9 > cutoff:
                    continue
            except ValueError:
                pass
        ids.append(bc.get("ID", ""))
        space += bc.get("Size", 0) or 0
    return ids, space


def report(sections: list[tuple[str, list[str]]], space: int | None) -> str:
    """The dry run's output: docker's report shape with `Would delete` titles, and the space the prune would
    free (None: networks, whose prune reports none)."""
    from ..render.humanize import human_size

    out = [f"Would delete {title}:\n" + "".join(f"{line}\n" for line in lines) + "\n"
           for title, lines in sections if lines]
    if space is None:
        return "".join(out) + "Dry run: nothing was removed\n"
    return "".join(out) + f"Total reclaimable space: {human_size(space)} (dry run: nothing was removed)\n"


class Plan:
    """What `system prune` (or one kind's prune) would remove, from one look at the engine. Containers are
    removed first, so what only they use (networks, volumes, images) goes too, as in a real run."""

    def __init__(self, app, filters: dict, *, containers_too: bool):
        from ..engine.api import containers as container_api

        self.app, self.filters = app, filters
        self.containers = container_api.list(app.engine, all=True, size=True) or []
        gone = set(containers(self.containers, filters)[0]) if containers_too else set()
        self.staying = [c for c in self.containers if c["Id"] not in gone]
        self._df: dict | None = None

    @property
    def df(self) -> dict:
        if self._df is None:
            from ..engine.api import system

            self._df = system.df(self.app.engine)
        return self._df

    def container_section(self) -> tuple[list[str], int]:
        return containers(self.containers, self.filters)

    def network_section(self, filters: dict) -> list[str]:
        from ..engine.api import networks as network_api

        listed = network_api.list(self.app.engine) or []
        inspected = [n if n.get("Name") in PREDEFINED_NETWORKS else network_api.inspect(self.app.engine, n["Id"])
                     for n in listed]
        return networks(inspected, filters)

    def volume_section(self, filters: dict) -> tuple[list[str], int]:
        used = {m.get("Name") for c in self.staying for m in c.get("Mounts") or [] if m.get("Type") == "volume"}
        filters = dict(filters)
        all_ = "all" in filters and list(filters["all"])[-1].lower() in ("true", "1")
        anonymous_only = self.app.engine.version_at_least("1.42") and not all_
        return volumes(self.df.get("Volumes") or [], used, filters, anonymous_only)

    def image_section(self, filters: dict) -> tuple[list[str], int]:
        from ..engine.api import images as image_api

        every = image_api.list(self.app.engine, all=True) or []
        parents = {i.get("ParentId") for i in every if i.get("ParentId")}
        used = {c.get("ImageID") for c in self.staying}
        chains = {i["Id"]: chain_ids(((image_api.inspect(self.app.engine, i["Id"]) or {}).get("RootFS") or {})
                                     .get("Layers") or []) for i in every}
        return images(self.df.get("Images") or [], parents, used, filters, chains)

    def cache_section(self, all_: bool) -> tuple[list[str], int]:
        return build_cache(self.df.get("BuildCache") or [], all_, until(self.filters))
