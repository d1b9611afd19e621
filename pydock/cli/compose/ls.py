"""`pydock compose ls`: the projects on the engine, from container labels (v2 cmd/compose/list.go,
pkg/compose/ls.go)."""

from __future__ import annotations

import click

from .._lazy import DockerCommand


class NoArgsCommand(DockerCommand):
    """cobra.NoArgs (ls, version): `unknown command "x" for "docker compose ls"`, status 1."""

    def _check_count(self, ctx, count: int) -> None:
        from ...compose.errors import ComposeError

        if count:
            raise ComposeError(f'unknown command "{ctx.args[0]}" for "{ctx.command_path}"')


EXAMPLES = (
    ('Every project, stopped ones too', 'pydock compose ls -a'),
)


@click.command("ls", examples=EXAMPLES, cls=NoArgsCommand, usage="[OPTIONS]", help="List running compose projects")
@click.option("-a", "--all", "all_", is_flag=True, help="Show all stopped Compose projects")
@click.option("--filter", "filters", multiple=True, metavar="filter", help="Filter output based on conditions provided")
@click.option("--format", "format_", default="table", metavar="string", help='Format the output. Values: [table | json] (default "table")')
@click.option("-q", "--quiet", is_flag=True, help="Only display project names")
@click.pass_obj
def command(capp, all_, filters, format_, quiet):
    capp.out.write(run_ls(capp, all_=all_, filters=filters, format_=format_, quiet=quiet))


def parse_filters(values) -> dict[str, list[str]]:
    from ...compose.errors import ComposeError

    out: dict[str, list[str]] = {}
    for v in values:
        key, eq, val = v.partition("=")
        if not eq:
            raise ComposeError(f'invalid argument "{v}" for "--filter" flag: bad format of filter (expected name=value)')
        out.setdefault(key.strip().lower(), []).append(val.strip())
    for key in out:
        if key != "name":
            raise ComposeError(f"invalid filter '{key}'")
    return out


def combined_status(states: list[str]) -> str:
    counts: dict[str, int] = {}
    for s in states:
        counts[s] = counts.get(s, 0) + 1
    return ", ".join(f"{s}({counts[s]})" for s in sorted(counts))


def stacks(engine, all_: bool) -> list[dict]:
    from ...compose import labels
    from ...compose.errors import ComposeError
    from ...engine.api import containers as api

    found = api.list(engine, all=all_, filters={"label": [labels.PROJECT, labels.CONFIG_HASH]}) or []
    groups: dict[str, list[dict]] = {}
    for c in found:
        lab = c.get("Labels") or {}
        if labels.PROJECT not in lab:
            raise ComposeError(f'no label "{labels.PROJECT}" set on container "{c["Id"]}" of compose project')
        groups.setdefault(lab[labels.PROJECT], []).append(c)
    out = []
    for name in sorted(groups):
        files: list[str] = []
        for c in groups[name]:
            value = (c.get("Labels") or {}).get(labels.CONFIG_FILES)
            if value is None:
                files = ["N/A"]
                break
            for f in value.split(","):
                if f not in files:
                    files.append(f)
        out.append({"Name": name, "Status": combined_status([c.get("State", "") for c in groups[name]]),
                    "ConfigFiles": ",".join(files)})
    return out


def go_json(value) -> str:
    """encoding/json with SetEscapeHTML(false), compact."""
    from ...opts.gojson import go_json as marshal

    return marshal(value, indent=None, escape_html=False)


def print_format(format_: str, rows: list, table) -> str:
    """v2's formatter.Print: table/pretty/"" -> `table()`, json -> one JSON array line."""
    from ...compose.errors import ComposeError

    f = format_.lower()
    if f in ("table", "pretty", ""):
        return table()
    if f == "json":
        return go_json(rows) + "\n"
    if f == "{{json.}}":
        return "".join(go_json(r) + "\n" for r in rows)
    raise ComposeError(f'format value "{format_}" could not be parsed: parsing failed')


def run_ls(capp, *, all_=False, filters=(), format_="table", quiet=False) -> str:
    import re

    from ...render.tabwriter import tabwrite

    flt = parse_filters(filters)
    found = stacks(capp.engine, all_)
    if flt.get("name"):
        found = [s for s in found if any(re.search(p, s["Name"]) for p in flt["name"])]
    if quiet:
        return "".join(s["Name"] + "\n" for s in found)
    rows = [{"Name": s["Name"], "Status": s["Status"].strip(), "ConfigFiles": s["ConfigFiles"]} for s in found]

    def table() -> str:
        text = "NAME\tSTATUS\tCONFIG FILES\n" + "".join(f"{r['Name']}\t{r['Status']}\t{r['ConfigFiles']}\n" for r in rows)
        return tabwrite(text, minwidth=20, padding=3)

    return print_format(format_, rows, table)
