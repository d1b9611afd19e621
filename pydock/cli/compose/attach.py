"""`pydock compose attach`: attach to a service's running container (v2 pkg/compose/attach_service.go),
through `pydock attach`'s code."""

from __future__ import annotations

import click

from ...errors import StatusError
from .exec import cobra_command
from .._params import INT, NegatableFlag


EXAMPLES = (
    ('Attach to the second web container', 'pydock compose attach --index 2 web'),
)


@cobra_command("attach", examples=EXAMPLES, usage="[OPTIONS] SERVICE", args=(1, None),
         help="Attach local standard input, output, and error streams to a service's running container")
@click.argument("services", nargs=-1)
@click.option("--detach-keys", default="", metavar="string", help="Override the key sequence for detaching from a container.")
@click.option("--index", type=INT, default=0, metavar="int", help="index of the container if service has multiple replicas.")
@click.option("--no-stdin", is_flag=True, help="Do not attach STDIN")
@click.option("--sig-proxy/--no-sig-proxy", default=True, cls=NegatableFlag,
              help="Proxy all received signals to the process (default true)")
@click.pass_obj
def command(capp, services, detach_keys, index, no_stdin, sig_proxy):
    from ..container.attach import AttachOptions, run_attach
    from .exec import project_name, specified_container

    target = specified_container(capp, project_name(capp), services[0], index)
    status = run_attach(capp.app, AttachOptions(target["Id"], no_stdin, sig_proxy, detach_keys))
    if status:
        # v2 returns docker's cli.StatusError{StatusCode} and the plugin runner prints it: an empty line
        capp.err.write("\n")
        capp.err.flush()
        raise StatusError("", status)
