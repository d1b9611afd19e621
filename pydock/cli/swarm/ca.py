"""`pydock swarm ca`: print the swarm's root CA certificate; with --rotate, rotate it first."""

from __future__ import annotations

import click

from .._lazy import command
from ._flags import PEM_FILE, ca_flags

EXAMPLES = (
    ("The swarm's root CA certificate", "pydock swarm ca"),
)


@command("ca", examples=EXAMPLES, help="Display and rotate the root CA")
@click.option("--ca-cert", "ca_cert", type=PEM_FILE, default=None, metavar="pem-file",
              help="Path to the PEM-formatted root CA certificate to use for the new cluster")
@click.option("--ca-key", "ca_key", type=PEM_FILE, default=None, metavar="pem-file",
              help="Path to the PEM-formatted root CA key to use for the new cluster")
@click.option("-d", "--detach", is_flag=True,
              help="Exit immediately instead of waiting for the root rotation to converge")
@click.option("-q", "--quiet", is_flag=True, help="Suppress progress output")
@click.option("--rotate", is_flag=True,
              help="Rotate the swarm CA - if no certificate or key are provided, new ones will be generated")
@ca_flags
@click.pass_obj
def command(app, ca_cert, ca_key, detach, quiet, rotate, cert_expiry, external_ca):
    from ...engine.api import swarm
    from ...errors import PydockError
    from ...opts.swarm import merge_ca
    from ._flags import changed

    sw = swarm.inspect(app.engine)
    given = {"ca-cert": ca_cert is not None, "ca-key": ca_key is not None, "cert-expiry": cert_expiry is not None,
             "external-ca": bool(external_ca)}
    if not rotate:
        for flag in ("ca-cert", "ca-key", "cert-expiry", "external-ca"):
            if given[flag]:
                raise PydockError(f"`--{flag}` flag requires the `--rotate` flag to update the CA")
        app.write(trust_root_text(sw))
        return
    if external_ca and not given["ca-cert"]:
        raise PydockError("rotating to an external CA requires the `--ca-cert` flag to specify the external CA's "
                          "cert - to add an external CA with the current root CA certificate, use the `update` "
                          "command instead")
    if given["ca-cert"] and not external_ca and not given["ca-key"]:
        raise PydockError("the --ca-cert flag requires that a --ca-key flag and/or --external-ca flag be provided "
                          "as well")
    spec = sw.get("Spec") or {}
    cert, key = ca_cert or "", ca_key or ""
    merge_ca(spec, changed(cert_expiry=cert_expiry, external_ca=external_ca), cert)
    ca = spec.setdefault("CAConfig", {})
    ca["SigningCACert"], ca["SigningCAKey"] = cert, key
    if not cert and not key:
        ca["ForceRotate"] = (ca.get("ForceRotate") or 0) + 1
    swarm.update(app.engine, (sw.get("Version") or {}).get("Index", 0), spec)
    if detach:
        return
    _wait_for_rotation(app)
    app.write(trust_root_text(swarm.inspect(app.engine)))


def _wait_for_rotation(app, timeout: float = 300) -> None:
    """Until the daemon reports the root rotation done. (docker draws a progress bar of the nodes whose
    certificates were renewed; pydock waits without one.)"""
    import time

    from ...engine.api import swarm

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sw = swarm.inspect(app.engine)
        if not sw.get("RootRotationInProgress"):
            return
        time.sleep(0.5)


def trust_root_text(sw: dict) -> str:
    from ...errors import PydockError

    root = ((sw.get("ClusterInfo") or sw).get("TLSInfo") or {}).get("TrustRoot", "")
    if not root:
        raise PydockError("No CA information available")
    return root.strip() + "\n"
