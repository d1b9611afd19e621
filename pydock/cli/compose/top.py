"""`pydock compose top`: the processes of the running containers (v2 cmd/compose/top.go, pkg/compose/top.go)."""

from __future__ import annotations

import click

from .._lazy import command


EXAMPLES = (
    ('The processes of every running service', 'pydock compose top'),
)


@command("top", examples=EXAMPLES, usage="[SERVICES...]", args=(0, None), help="Display the running processes")
@click.argument("services", nargs=-1)
@click.pass_obj
def command(capp, services):
    capp.out.write(run_top(capp, list(services)))


def run_top(capp, services: list[str]) -> str:
    from ...compose import labels, state
    from ...engine.api import containers as api
    from ...render.tabwriter import tabwrite
    from .._parallel import in_parallel, joined, warm_up
    from .ps import canonical_name, project_name

    name = project_name(capp).lower()
    found = state.containers(capp.engine, name, oneoff=state.ONEOFF_INCLUDE, all=False)
    if services:
        found = [c for c in found if state.service_of(c) in services]
    warm_up(capp.app)
    results, errors = [], []
    for c, top, error in in_parallel(lambda c: api.top(capp.engine, c["Id"]), found):
        (errors.append(error) if error else results.append((c, top)))
    if errors:
        raise joined(errors)
    results.sort(key=lambda r: canonical_name(r[0]))
    header = {"SERVICE": 0, "#": 1}
    entries = []
    for c, top in results:
        lab = c.get("Labels") or {}
        service = lab.get(labels.SERVICE, canonical_name(c))
        replica = lab.get(labels.CONTAINER_NUMBER, "")
        titles = top.get("Titles") or []
        for proc in top.get("Processes") or []:
            entry = {"SERVICE": service, "#": replica}
            for i, title in enumerate(titles):
                if title not in header:
                    header[title] = len(header)
                entry[title] = proc[i] if i < len(proc) else ""
            entries.append(entry)
    if "CMD" in header:
        pos = header["CMD"]
        top_pos = pos
        for h, i in list(header.items()):
            top_pos = max(top_pos, i)
            if i > pos:
                header[h] = i - 1
        header["CMD"] = top_pos
    if not entries:
        return ""
    cols = [""] * len(header)
    for title, i in header.items():
        cols[i] = title
    lines = ["\t".join(cols)]
    for e in entries:
        lines.append("\t".join(e.get(t, "-") for t in cols))
    return tabwrite("\n".join(lines) + "\n", minwidth=4, padding=2)
