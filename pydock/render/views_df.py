"""`system df`: the summary rows (Images, Containers, Local Volumes, Build Cache) and the verbose sections, as
docker's formatter.DiskUsageContext prints GET /system/df.

Summary arithmetic is docker's: sizes in go-units' HumanSize, a percentage (integer division, as Go's int64)
only where the total is above zero; images count as reclaimable except the unique part of the ones a
container uses; build cache reclaimable is its size less what is in use and not shared.
"""

from __future__ import annotations

import time

from ..opts.reference import InvalidReference, parse_normalized
from .formatter import RENDER_FAILED, Format, compile_template, render_rows
from .humanize import human_duration, human_size
from .views import ContainerView, ImageView, RowView, truncate_id
from .views_objects import VolumeView

SUMMARY_TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"
SUMMARY_RAW = "type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n"
IMAGE_TABLE = ("table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t"
               "{{.UniqueSize}}\t{{.Containers}}")
CONTAINER_TABLE = ("table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t"
                   "{{.Status}}\t{{.Names}}")
VOLUME_TABLE = "table {{.Name}}\t{{.Links}}\t{{.Size}}"
BUILD_CACHE_TABLE = ("table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t"
                     "{{.UsageCount}}\t{{.Shared}}")

ACTIVE_STATES = ("running", "paused", "restarting")


def _go_div(a: int, b: int) -> int:
    """Go's int64 division: truncates toward zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _with_percent(part: int, total: int) -> str:
    if total > 0:
        return f"{human_size(part)} ({_go_div(part * 100, total)}%)"
    return human_size(part)


class SummaryRow(RowView):
    """One line of the summary: docker's diskUsage{Images,Containers,Volumes,Builder}Context."""

    json_fields = ("Active", "Reclaimable", "Size", "TotalCount", "Type")
    headers = {"Type": "TYPE", "TotalCount": "TOTAL", "Active": "ACTIVE", "Size": "SIZE",
               "Reclaimable": "RECLAIMABLE"}

    def __init__(self, kind: str, total: int, active: int, size: int, reclaimable: str):
        self.kind, self.total, self.active, self.size, self.reclaimable = kind, total, active, size, reclaimable

    def Type(self) -> str:  # noqa: N802 (the template field names are Go's)
        return self.kind

    def TotalCount(self) -> str:  # noqa: N802
        return str(self.total)

    def Active(self) -> str:  # noqa: N802
        return str(self.active)

    def Size(self) -> str:  # noqa: N802
        return human_size(self.size)

    def Reclaimable(self) -> str:  # noqa: N802
        return self.reclaimable


# each row is its own Go type, named in template errors
class _ImagesRow(SummaryRow):
    go_type = "*formatter.diskUsageImagesContext"


class _ContainersRow(SummaryRow):
    go_type = "*formatter.diskUsageContainersContext"


class _VolumesRow(SummaryRow):
    go_type = "*formatter.diskUsageVolumesContext"


class _BuilderRow(SummaryRow):
    go_type = "*formatter.diskUsageBuilderContext"


def builder_size(du: dict) -> int:
    """docker's df: the build cache's size is the sum of its records that are not shared."""
    return sum(bc.get("Size", 0) or 0 for bc in du.get("BuildCache") or [] if not bc.get("Shared"))


def summary_rows(du: dict) -> list[SummaryRow]:
    images = du.get("Images") or []
    layers = du.get("LayersSize", 0) or 0
    used = sum(i.get("Size", 0) - i.get("SharedSize", 0) for i in images
               if i.get("Containers", 0) and i.get("Size", -1) != -1 and i.get("SharedSize", -1) != -1)
    # Podman answers LayersSize 0 and an entry per tag: docker prints a negative `-1.063e+07B`; pydock 0B
    rows = [_ImagesRow("Images", len(images), sum(1 for i in images if i.get("Containers", 0) > 0), layers,
                       _with_percent(max(layers - used, 0), layers))]

    containers = du.get("Containers") or []
    active = [c for c in containers if c.get("State") in ACTIVE_STATES]
    size = sum(c.get("SizeRw", 0) or 0 for c in containers)
    idle = size - sum(c.get("SizeRw", 0) or 0 for c in active)
    rows.append(_ContainersRow("Containers", len(containers), len(active), size, _with_percent(idle, size)))

    volumes = du.get("Volumes") or []
    usage = [v.get("UsageData") or {} for v in volumes]
    known = [u for u in usage if u.get("Size", 0) != -1]
    size = sum(u.get("Size", 0) for u in known)
    rows.append(_VolumesRow("Local Volumes", len(volumes), sum(1 for u in usage if u.get("RefCount", 0) > 0), size,
                           _with_percent(sum(u.get("Size", 0) for u in known if u.get("RefCount", 0) == 0), size)))

    cache = du.get("BuildCache") or []
    total = builder_size(du)
    in_use = sum(bc.get("Size", 0) for bc in cache if bc.get("InUse") and not bc.get("Shared"))
    rows.append(_BuilderRow("Build Cache", len(cache), sum(1 for bc in cache if bc.get("InUse")), total,
                           human_size(total - in_use)))
    return rows


def _go_time(stamp: str | None) -> tuple[float, str]:
    """(unix seconds, Go's time.Time.String()) of an engine timestamp; (0, "") for none."""
    if not stamp:
        return 0.0, ""
    from ..opts.timestamps import rfc3339_ns

    try:
        ns = rfc3339_ns(stamp)
    except ValueError:
        return 0.0, stamp
    secs, frac = divmod(ns, 1_000_000_000)
    text = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(secs))
    if frac:
        text += "." + f"{frac:09d}".rstrip("0")
    return ns / 1e9, text + " +0000 UTC"


class BuildCacheView(RowView):
    """docker's buildCacheContext: one build cache record."""

    go_type = "*formatter.buildCacheContext"
    json_fields = ("CacheType", "CreatedAt", "CreatedSince", "Description", "ID", "InUse", "LastUsedAt",
                   "LastUsedSince", "Parent", "Shared", "Size", "UsageCount")
    headers = {"ID": "CACHE ID", "Parent": "PARENT", "CacheType": "CACHE TYPE", "Size": "SIZE",
               "CreatedSince": "CREATED", "LastUsedSince": "LAST USED", "UsageCount": "USAGE", "InUse": "IN USE",
               "Shared": "SHARED", "Description": "DESCRIPTION"}

    def __init__(self, v: dict, trunc: bool = True, now: float | None = None):
        self.v = v
        self.trunc = trunc
        self.now = time.time() if now is None else now

    def ID(self) -> str:  # noqa: N802
        ident = self.v.get("ID", "")
        if self.trunc:
            ident = truncate_id(ident)
        return ident + "*" if self.v.get("InUse") else ident

    def Parent(self) -> str:  # noqa: N802
        # docker reads `Parents` first, but its API type spells that field's JSON name " Parents" (with a space),
        # so it is never decoded: only the deprecated `Parent` shows
        parent = self.v.get("Parent", "") or ""
        return truncate_id(parent) if self.trunc else parent

    def CacheType(self) -> str:  # noqa: N802
        return self.v.get("Type", "")

    def Description(self) -> str:  # noqa: N802
        return self.v.get("Description", "")

    def Size(self) -> str:  # noqa: N802
        return human_size(self.v.get("Size", 0), 3)

    def CreatedAt(self) -> str:  # noqa: N802
        return _go_time(self.v.get("CreatedAt"))[1] or "0001-01-01 00:00:00 +0000 UTC"

    def CreatedSince(self) -> str:  # noqa: N802
        return human_duration(self.now - _go_time(self.v.get("CreatedAt"))[0]) + " ago"

    def LastUsedAt(self) -> str:  # noqa: N802
        return _go_time(self.v.get("LastUsedAt"))[1]

    def LastUsedSince(self) -> str:  # noqa: N802
        last = self.v.get("LastUsedAt")
        return human_duration(self.now - _go_time(last)[0]) + " ago" if last else ""

    def UsageCount(self) -> str:  # noqa: N802
        return str(self.v.get("UsageCount", 0))

    def InUse(self) -> str:  # noqa: N802
        return "true" if self.v.get("InUse") else "false"

    def Shared(self) -> str:  # noqa: N802
        return "true" if self.v.get("Shared") else "false"


def _cache_order(bc: dict):
    """docker's buildCacheSort: never-used first, then by last use, ties by ID."""
    last = bc.get("LastUsedAt")
    return (last is not None, _go_time(last)[0] if last else 0.0, bc.get("ID", ""))


class DiskUsage:
    """The verbose template's data: docker's diskUsageContext (`.Images`, `.Containers`, `.Volumes`,
    `.BuildCache`, lists of row contexts)."""

    go_type = "*formatter.diskUsageContext"

    def __init__(self, du: dict, trunc: bool, now: float | None = None):
        now = time.time() if now is None else now
        self.Images = [_image_row(i, trunc, now) for i in du.get("Images") or []]
        self.Images = [row for row in self.Images if row is not None]
        # docker does not show a container's virtual size here
        self.Containers = [ContainerView({**c, "SizeRootFs": 0}, trunc, now) for c in du.get("Containers") or []]
        self.Volumes = [VolumeView(v) for v in du.get("Volumes") or []]
        self.BuildCache = [BuildCacheView(bc, trunc, now) for bc in sorted(du.get("BuildCache") or [], key=_cache_order)]

    def to_json(self) -> dict:
        return {"Images": self.Images, "Containers": self.Containers, "Volumes": self.Volumes,
                "BuildCache": self.BuildCache}


def _image_row(img: dict, trunc: bool, now: float) -> ImageView | None:
    """The image's first tag as repository and tag (`<none>` for a dangling one); an image whose first tag does
    not parse is left out, as docker does."""
    tags, digests = img.get("RepoTags") or [], img.get("RepoDigests") or []
    dangling = (not tags and not digests) or (tags == ["<none>:<none>"] and digests == ["<none>@<none>"])
    repo = tag = "<none>"
    if tags and not dangling:
        try:
            ref = parse_normalized(tags[0])
        except InvalidReference:
            return None
        if ref.tag:
            repo, tag = ref.familiar_name(), ref.tag
    return ImageView(img, repo, tag, "", trunc, now)


def render_summary(fmt: Format, du: dict) -> str:
    tmpl = compile_template(fmt.template, prefix=RENDER_FAILED)
    return render_rows(fmt, tmpl, summary_rows(du), SummaryRow.headers)


def render_verbose_tables(du: dict, now: float | None = None) -> str:
    data = DiskUsage(du, True, now)
    sections = [
        ("Images space usage:\n\n", IMAGE_TABLE, data.Images, ImageView.headers),
        ("\nContainers space usage:\n\n", CONTAINER_TABLE, data.Containers, ContainerView.headers),
        ("\nLocal Volumes space usage:\n\n", VOLUME_TABLE, data.Volumes, VolumeView.headers),
        (f"\nBuild cache usage: {human_size(builder_size(du))}\n\n", BUILD_CACHE_TABLE, data.BuildCache,
         BuildCacheView.headers),
    ]
    out = []
    for title, table, rows, headers in sections:
        fmt = Format.parse(table, table)
        out.append(title + render_rows(fmt, compile_template(fmt.template, prefix=RENDER_FAILED), rows, headers))
    return "".join(out)


def render_verbose_template(fmt: Format, du: dict) -> str:
    """A custom template (or `json`) runs once over the whole diskUsageContext, straight to the output: docker
    neither prints a header nor aligns columns here, `table` or not."""
    from ..errors import PydockError
    from .gotemplate import TemplateError

    tmpl = compile_template(fmt.template, prefix=RENDER_FAILED)
    try:
        return tmpl.execute(DiskUsage(du, fmt.table))
    except TemplateError as e:  # docker prints the execution error bare here
        raise PydockError(str(e)) from None


# docker's NewDiskUsageFormat("raw", verbose): each kind's raw format (images with the digest, containers with
# the size) inside a range
VERBOSE_RAW = (
    "{{range .Images}}type: Image\n"
    "repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\n"
    "created_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n"
    "\n{{end -}}\n"
    "{{range .Containers}}type: Container\n"
    "container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\n"
    "state: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\n"
    "labels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\nsize: {{.Size}}\n"
    "\n{{end -}}\n"
    "{{range .Volumes}}type: Volume\n"
    "name: {{.Name}}\ndriver: {{.Driver}}\n"
    "\n{{end -}}\n"
    "{{range .BuildCache}}type: Build Cache\n"
    "build_cache_id: {{.ID}}\nparent_id: {{.Parent}}\nbuild_cache_type: {{.CacheType}}\n"
    "description: {{.Description}}\ncreated_at: {{.CreatedAt}}\ncreated_since: {{.CreatedSince}}\n"
    "last_used_at: {{.LastUsedAt}}\nlast_used_since: {{.LastUsedSince}}\nusage_count: {{.UsageCount}}\n"
    "in_use: {{.InUse}}\nshared: {{.Shared}}\n"
    "\n{{end -}}")


def render_df(du: dict, source: str | None, verbose: bool) -> str:
    """docker's NewDiskUsageFormat and DiskUsageContext.Write."""
    source = source or "table"
    if verbose:
        if source == "table":
            return render_verbose_tables(du)
        if source == "raw":
            return render_verbose_template(Format(VERBOSE_RAW, False), du)
        return render_verbose_template(Format.parse(source, IMAGE_TABLE), du)
    if source == "table":
        return render_summary(Format.parse(SUMMARY_TABLE, SUMMARY_TABLE), du)
    if source == "raw":
        return render_summary(Format(SUMMARY_RAW, False), du)
    return render_summary(Format.parse(source, SUMMARY_TABLE), du)
