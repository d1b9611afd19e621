"""Row views: one per listed object, with docker's field methods (`.ID`, `.Ports`, `.RunningFor`, ...).

The default table, custom templates and `--format json` all read these same methods, as docker's
formatter contexts do. Method names are Go's (CamelCase) because templates call them by name.
"""

from __future__ import annotations

import time

from ..opts.reference import InvalidReference, familiar_image, parse_normalized
from .humanize import go_time_string, human_size, since
from .tabwriter import text_width


def truncate_id(ident: str) -> str:
    """docker's TruncateID: drop an `algo:` prefix, keep 12 characters."""
    if ":" in ident:
        ident = ident.split(":", 1)[1]
    return ident[:12]


def ellipsis(s: str, max_width: int) -> str:
    """docker's formatter.Ellipsis: cut to display width, ending in `…`."""
    if max_width <= 0:
        return ""
    if max_width == 1:
        return s[:1]
    if s.isascii():
        return s if len(s) <= max_width else s[: max_width - 1] + "…"
    if text_width(s) <= max_width:
        return s
    width = 0
    for i, ch in enumerate(s):
        width += text_width(ch)
        if width > max_width - 1:
            return s[:i] + "…"
    return s


_QUOTE_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
                  "\\": "\\\\", '"': '\\"'}


def go_quote(s: str) -> str:
    """Go's strconv.Quote: printable Unicode kept, the rest escaped."""
    out = ['"']
    for ch in s:
        if ch in _QUOTE_ESCAPES:
            out.append(_QUOTE_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def _join_host_port(ip: str, port) -> str:
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def displayable_ports(ports: list[dict]) -> str:
    """docker's DisplayablePorts: consecutive ports collapsed per ip/proto, remapped ports listed after."""
    ordered = sorted(ports or [], key=lambda p: (p.get("PrivatePort", 0), p.get("IP", ""), p.get("PublicPort", 0), p.get("Type", "")))
    groups: dict[str, list[int]] = {}
    result: list[str] = []
    mappings: list[str] = []
    for p in ordered:
        private, ip, proto = p.get("PrivatePort", 0), p.get("IP", ""), p.get("Type", "")
        key = proto
        if ip:
            if p.get("PublicPort", 0) != private:
                mappings.append(f"{_join_host_port(ip, p.get('PublicPort', 0))}->{private}/{proto}")
                continue
            key = f"{ip}/{proto}"
        group = groups.get(key)
        if group is None:
            groups[key] = [private, private]
        elif private == group[1] + 1:
            group[1] = private
        else:
            result.append(_form_group(key, *group))
            groups[key] = [private, private]
    result.extend(_form_group(key, *g) for key, g in groups.items())
    return ", ".join(result + mappings)


def _form_group(key: str, first: int, last: int) -> str:
    ip, _, proto = key.rpartition("/")
    group = str(first) if first == last else f"{first}-{last}"
    if ip:
        group = f"{_join_host_port(ip, group)}->{group}"
    return f"{group}/{proto}"


class RowView:
    """Base: `to_json()` is docker's MarshalJSON of a context (every zero-argument method, keys sorted)."""

    go_type = "*formatter.Context"
    json_fields: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {name: getattr(self, name)() for name in sorted(self.json_fields)}


class ContainerView(RowView):
    go_type = "*formatter.ContainerContext"
    json_fields = ("Command", "CreatedAt", "ID", "Image", "Labels", "LocalVolumes", "Mounts", "Names", "Networks",
                   "Platform", "Ports", "RunningFor", "Size", "State", "Status")
    headers = {"ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT",
               "RunningFor": "CREATED", "Ports": "PORTS", "State": "STATE", "Status": "STATUS", "Size": "SIZE",
               "Names": "NAMES", "Labels": "LABELS", "Mounts": "MOUNTS", "LocalVolumes": "LOCAL VOLUMES",
               "Networks": "NETWORKS", "Platform": "PLATFORM"}

    def __init__(self, c: dict, trunc: bool = True, now: float | None = None):
        self.c = c
        self.trunc = trunc
        self.now = time.time() if now is None else now

    def ID(self) -> str:  # noqa: N802 (the template field names are Go's)
        cid = self.c.get("Id", "")
        return truncate_id(cid) if self.trunc else cid

    def Image(self) -> str:  # noqa: N802
        image = self.c.get("Image", "")
        if not image:
            return "<no image>"
        if self.trunc:
            short = truncate_id(self.c.get("ImageID", ""))
            if short == truncate_id(image):
                return short
            return familiar_image(image)
        return image

    def Command(self) -> str:  # noqa: N802
        cmd = self.c.get("Command", "")
        return go_quote(ellipsis(cmd, 20) if self.trunc else cmd)

    def CreatedAt(self) -> str:  # noqa: N802
        return go_time_string(self.c.get("Created", 0))

    def RunningFor(self) -> str:  # noqa: N802
        return since(self.c.get("Created", 0), self.now)

    def Ports(self) -> str:  # noqa: N802
        return displayable_ports(self.c.get("Ports") or [])

    def State(self) -> str:  # noqa: N802
        return self.c.get("State", "")

    def Status(self) -> str:  # noqa: N802
        return self.c.get("Status", "")

    def Size(self) -> str:  # noqa: N802
        rw = human_size(self.c.get("SizeRw", 0) or 0, 3)
        root = self.c.get("SizeRootFs", 0) or 0
        return f"{rw} (virtual {human_size(root, 3)})" if root > 0 else rw

    def Names(self) -> str:  # noqa: N802
        names = [n[1:] if n.startswith("/") else n for n in self.c.get("Names") or []]
        if self.trunc:
            plain = [n for n in names if "/" not in n]
            if plain:
                names = plain[:1]
        return ",".join(names)

    def Labels(self) -> str:  # noqa: N802
        labels = self.c.get("Labels") or {}
        return ",".join(sorted(f"{k}={v}" for k, v in labels.items()))  # Go sorts the joined pairs

    def Label(self, name: str) -> str:  # noqa: N802
        return (self.c.get("Labels") or {}).get(name, "")

    def Mounts(self) -> str:  # noqa: N802
        names = []
        for m in self.c.get("Mounts") or []:
            name = m.get("Name") or m.get("Source", "")
            names.append(ellipsis(name, 15) if self.trunc else name)
        return ",".join(names)

    def LocalVolumes(self) -> str:  # noqa: N802
        return str(sum(1 for m in self.c.get("Mounts") or [] if m.get("Driver") == "local"))

    def Networks(self) -> str:  # noqa: N802
        networks = (self.c.get("NetworkSettings") or {}).get("Networks") or {}
        return ",".join(sorted(networks))

    def Platform(self):  # noqa: N802
        return self.c.get("ImageManifestDescriptor", {}).get("platform") if self.c.get("ImageManifestDescriptor") else None


EMPTY_CONTAINER = {"Id": "", "Names": [], "Image": "", "ImageID": "", "Command": "", "Created": 0, "Ports": [],
                   "Labels": {}, "State": "", "Status": "", "Mounts": []}


class ImageView(RowView):
    go_type = "*formatter.imageContext"
    json_fields = ("Containers", "CreatedAt", "CreatedSince", "Digest", "ID", "Repository", "SharedSize", "Size",
                   "Tag", "UniqueSize", "VirtualSize")
    headers = {"ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Digest": "DIGEST",
               "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "Size": "SIZE", "Containers": "CONTAINERS",
               "VirtualSize": "VIRTUAL SIZE", "SharedSize": "SHARED SIZE", "UniqueSize": "UNIQUE SIZE"}

    def __init__(self, img: dict, repo: str, tag: str, digest: str, trunc: bool = True, now: float | None = None):
        self.i = img
        self.repo, self.tag, self.digest = repo, tag, digest
        self.trunc = trunc
        self.now = time.time() if now is None else now

    def ID(self) -> str:  # noqa: N802
        iid = self.i.get("Id", "")
        return truncate_id(iid) if self.trunc else iid

    def Repository(self) -> str:  # noqa: N802
        return self.repo

    def Tag(self) -> str:  # noqa: N802
        return self.tag

    def Digest(self) -> str:  # noqa: N802
        return self.digest

    def CreatedSince(self) -> str:  # noqa: N802
        return since(self.i.get("Created", 0), self.now)

    def CreatedAt(self) -> str:  # noqa: N802
        return go_time_string(self.i.get("Created", 0))

    def Size(self) -> str:  # noqa: N802
        return human_size(self.i.get("Size", 0), 3)

    def Containers(self) -> str:  # noqa: N802
        n = self.i.get("Containers", -1)
        return "N/A" if n == -1 else str(n)

    # docker's imageContext: Size has 3 significant digits, these three go-units' default 4
    def VirtualSize(self) -> str:  # noqa: N802
        return human_size(self.i.get("Size", 0) or 0)

    def SharedSize(self) -> str:  # noqa: N802
        shared = self.i.get("SharedSize", -1)
        return "N/A" if shared is None or shared == -1 else human_size(shared)

    def UniqueSize(self) -> str:  # noqa: N802
        size, shared = self.i.get("Size", -1), self.i.get("SharedSize", -1)
        return "N/A" if size == -1 or shared == -1 else human_size(size - shared)


def image_rows(images: list[dict], *, digests: bool, trunc: bool, now: float | None = None) -> list[ImageView]:
    """docker's imageFormat: a row per repository:tag (and per digest with --digests); dangling as <none>."""
    rows: list[ImageView] = []
    for img in images:
        tags, digs = img.get("RepoTags") or [], img.get("RepoDigests") or []
        if (not tags and not digs) or (tags == ["<none>:<none>"] and digs == ["<none>@<none>"]):
            rows.append(ImageView(img, "<none>", "<none>", "<none>", trunc, now))
            continue
        rows.extend(ImageView(img, repo, tag, dg, trunc, now) for repo, tag, dg in _tagged_and_digest(tags, digs, digests))
    return rows


def _group(refs: list[str], part: str) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for ref in refs:
        try:
            r = parse_normalized(ref)
        except InvalidReference:
            continue
        value = getattr(r, part)
        if value:
            grouped.setdefault(r.familiar_name(), []).append(value)
    return grouped


def _tagged_and_digest(tags: list[str], digs: list[str], show_digests: bool):
    repo_tags, repo_digests = _group(tags, "tag"), _group(digs, "digest")
    for repo, repo_tag_list in repo_tags.items():
        digests = repo_digests.pop(repo, []) if show_digests else (repo_digests.pop(repo, None) and [])
        for tag in repo_tag_list:
            if not digests:
                yield repo, tag, "<none>"
            else:
                for d in digests:
                    yield repo, tag, d
    for repo, digests in repo_digests.items():
        if show_digests:
            for d in digests:
                yield repo, "<none>", d
        else:
            yield repo, "<none>", ""
