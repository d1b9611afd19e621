"""`pydock compose images`: the images of the project's containers (v2 cmd/compose/images.go,
pkg/compose/images.go). v2 keeps them in a Go map, so its `-q` and `--format json` order is random;
here both follow the container names, like its table."""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ("The images the project's containers use", 'pydock compose images'),
)


@command("images", examples=EXAMPLES, usage="[OPTIONS] [SERVICE...]", args=(0, None), help="List images used by the created containers")
@click.argument("services", nargs=-1)
@click.option("--format", "format_", default="table", metavar="string", help='Format the output. Values: [table | json] (default "table")')
@click.option("-q", "--quiet", is_flag=True, help="Only display IDs")
@click.pass_obj
def command(capp, services, format_, quiet):
    capp.out.write(run_images(capp, list(services), format_=format_, quiet=quiet))


def go_time_json(stamp: str) -> str:
    """A daemon RFC 3339 time as Go's time.Time marshals it (fraction without trailing zeros)."""
    if not stamp:
        return "0001-01-01T00:00:00Z"
    head, dot, rest = stamp.partition(".")
    if not dot:
        return stamp
    i = 0
    while i < len(rest) and rest[i].isdigit():
        i += 1
    frac, zone = rest[:i].rstrip("0"), rest[i:]
    return head + ("." + frac if frac else "") + zone


def _unix(stamp: str) -> float:
    from ...opts.timestamps import rfc3339_ns

    return rfc3339_ns(stamp) / 1e9


def _zero(stamp: str | None) -> bool:
    return not stamp or stamp.startswith("0001-01-01")


def run_images(capp, services: list[str], *, format_="table", quiet=False) -> str:
    from ...compose import labels
    from ...engine.api import containers as capi
    from ...engine.api import images as iapi
    from ...opts.reference import InvalidReference, parse_normalized
    from ...render.humanize import human_size, since
    from ...render.tabwriter import tabwrite
    from .._parallel import in_parallel, joined, warm_up
    from .ls import go_json, print_format
    from .ps import canonical_name, project_name

    name = project_name(capp).lower()
    found = capi.list(capp.engine, all=True, filters={"label": [labels.project_filter(name)]}) or []
    if services:
        found = [c for c in found if (c.get("Labels") or {}).get(labels.SERVICE) in services]
    warm_up(capp.app)
    summary, errors = {}, []
    for c, img, error in in_parallel(lambda c: iapi.inspect(capp.engine, c.get("Image", "")), found):
        if error:
            errors.append(error)
            continue
        repo = tag = ""
        try:
            ref = parse_normalized(c.get("Image", ""))
            repo = ref.familiar_name()
            tag = ref.tag or ("" if ref.digest else "latest")
        except InvalidReference:
            pass
        os_ = img.get("Os", "")
        platform = "unknown" if not os_ else "/".join(p for p in (os_, img.get("Architecture", ""), img.get("Variant", "")) if p)
        last = (img.get("Metadata") or {}).get("LastTagTime")
        summary[canonical_name(c)] = {"ID": img.get("Id", ""), "Repository": repo, "Tag": tag, "Platform": platform,
                                      "Size": img.get("Size", 0), "Created": img.get("Created", ""),
                                      "LastTagTime": last if not _zero(last) else ""}
    if errors:
        raise joined(errors)
    names = sorted(summary)
    if quiet:
        ids = []
        for n in names:
            i = summary[n]["ID"].split(":", 1)[-1]
            if i not in ids:
                ids.append(i)
        return "".join(i + "\n" for i in ids)
    if format_ == "json":
        rows = [{"ID": s["ID"], "ContainerName": n, "Repository": s["Repository"], "Tag": s["Tag"],
                 "Platform": s["Platform"], "Size": s["Size"],
                 "LastTagTime": go_time_json(s["LastTagTime"] or s["Created"])}
                for n, s in ((n, summary[n]) for n in names)]
        return (go_json(rows) if rows else "null") + "\n\n"

    def table() -> str:
        lines = ["CONTAINER\tREPOSITORY\tTAG\tPLATFORM\tIMAGE ID\tSIZE\tCREATED"]
        for n in names:
            s = summary[n]
            ident = s["ID"].split(":", 1)[-1][:12]
            when = s["LastTagTime"]  # v2 prints "N ago" from LastTagTime even when it is zero
            created = since(_unix(when)) if when else "292 years ago"
            lines.append("\t".join((n, s["Repository"] or "<none>", s["Tag"] or "<none>", s["Platform"], ident,
                                    human_size(s["Size"], 3), created)))
        return tabwrite("\n".join(lines) + "\n", minwidth=20, padding=3)

    return print_format(format_, list(summary.values()), table)
