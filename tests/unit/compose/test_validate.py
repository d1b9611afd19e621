"""Validation messages, byte for byte as docker compose v2.40.3 prints them.

Each case is a compose document written as the dict compose-go decodes (the oracle reads it as a JSON
compose file, JSON being YAML). The expected messages (and, for the consistency cases, the normalised model
v2 builds with `config --no-consistency --format json`) were recorded from the v2 binary by
tests/unit/compose/test_validate_oracle.py's generator (`python -m tests.unit.compose.test_validate_oracle
--regenerate`) into test_validate_expected.py; test_validate_oracle.py reruns a sample against the binary.

Stages: `schema-*` cases go through validate_schema (the message is prefixed `validating <file>: `),
`attr-*` through check_attributes, `cons-*` through check_consistency on v2's model.
"""

from __future__ import annotations

import pytest

from pydock.compose.errors import ComposeError
from pydock.compose.loader import validate as V


def svc(**kw):
    return {"services": {"web": {"image": "busybox", **kw}}}


CASES: dict[str, dict] = {
    # --- schema: types
    "schema-image-int": svc(image=1),
    "schema-image-list": svc(image=["a"]),
    "schema-ports-list-item": svc(ports=[[1]]),
    "schema-ports-bool-item": svc(ports=[True]),
    "schema-ports-not-list": svc(ports="80:80"),
    "schema-ports-obj-extra": svc(ports=[{"target": 80, "foo": 1}]),
    "schema-ports-obj-target-str-ok": svc(ports=[{"target": "80"}]),
    "schema-ports-obj-target-list": svc(ports=[{"target": [80]}]),
    "schema-ports-protocol-int": svc(ports=[{"target": 80, "protocol": 6}]),
    "schema-ports-dup": svc(ports=["80", "80"]),
    "schema-expose-bool": svc(expose=[True]),
    "schema-expose-dup": svc(expose=["80", "90", "80"]),
    "schema-environment-int": svc(environment=1),
    "schema-environment-list-int": svc(environment=[1]),
    "schema-environment-dict-list": svc(environment={"A": [1]}),
    "schema-environment-dict-obj": svc(environment={"A": {"b": 1}}),
    "schema-environment-dup": svc(environment=["A=1", "A=1"]),
    "schema-labels-bad-key-ok": svc(labels={"a b": "x"}),
    "schema-command-int": svc(command=1),
    "schema-command-list-int": svc(command=["a", 1]),
    "schema-command-null-ok": svc(command=None),
    "schema-entrypoint-obj": svc(entrypoint={"a": 1}),
    "schema-restart-int": svc(restart=1),
    "schema-restart-bogus-ok": svc(restart="bogus"),
    "schema-tty-int": svc(tty=1),
    "schema-privileged-list": svc(privileged=[]),
    "schema-scale-float": svc(scale=1.5),
    "schema-scale-float-int-ok": svc(scale=2.0),
    "schema-scale-bool": svc(scale=True),
    "schema-mem-reservation-float": svc(mem_reservation=1.5),
    "schema-cpus-bool": svc(cpus=False),
    "schema-pid-null-ok": svc(pid=None),
    "schema-pid-int": svc(pid=1),
    "schema-working-dir-null": svc(working_dir=None),
    "schema-hostname-null": svc(hostname=None),
    "schema-use-api-socket-str": svc(use_api_socket="yes"),
    "schema-cap-add-dup": svc(cap_add=["NET_ADMIN", "NET_ADMIN"]),
    "schema-cap-add-str": svc(cap_add="NET_ADMIN"),
    # --- schema: unknown keys
    "schema-unknown-service-key": svc(foo=1),
    "schema-unknown-service-keys": svc(foo=1, bar=2),
    "schema-unknown-top-key": {"foo": 1, "services": {}},
    "schema-x-top-ok": {"x-foo": {"any": 1}, "services": {"web": {"image": "x", "x-bar": [1]}}},
    "schema-unknown-build-key": svc(build={"context": ".", "foo": 1}),
    "schema-unknown-healthcheck-key": svc(healthcheck={"test": ["CMD", "true"], "intervall": "1s"}),
    "schema-unknown-logging-key": svc(logging={"driver": "json-file", "option": {}}),
    "schema-unknown-deploy-key": svc(deploy={"replica": 2}),
    "schema-unknown-deploy-resources-key": svc(deploy={"resources": {"limits": {"cpu": "1"}}}),
    "schema-unknown-network-key": {"services": {"web": {"image": "x"}}, "networks": {"n": {"drivr": "bridge"}}},
    "schema-unknown-volume-key": {"services": {"web": {"image": "x"}}, "volumes": {"v": {"drivr": "local"}}},
    "schema-unknown-secret-key": {"services": {"web": {"image": "x"}}, "secrets": {"s": {"fil": "./s"}}},
    "schema-unknown-config-key": {"services": {"web": {"image": "x"}}, "configs": {"c": {"fil": "./c"}}},
    "schema-unknown-volume-long-key": svc(volumes=[{"type": "bind", "source": ".", "target": "/x", "foo": 1}]),
    "schema-unknown-depends-key": {"services": {"web": {"image": "x", "depends_on": {"db": {"condition": "service_started", "foo": 1}}},
                                                "db": {"image": "x"}}},
    "schema-unknown-network-attach-key": svc(networks={"default": {"alias": ["a"]}}),
    # --- schema: bad names (patternProperties)
    "schema-bad-service-name": {"services": {"we b": {"image": "x"}}},
    "schema-bad-service-name-slash": {"services": {"a/b": {"image": "x"}}},
    "schema-bad-network-name": {"services": {"web": {"image": "x"}}, "networks": {"a b": {}}},
    "schema-bad-volume-name": {"services": {"web": {"image": "x"}}, "volumes": {"a b": {}}},
    "schema-bad-depends-name": svc(depends_on={"a b": {"condition": "service_started"}}),
    # --- schema: enums, patterns, numbers
    "schema-depends-condition": {"services": {"web": {"image": "x", "depends_on": {"db": {"condition": "started"}}},
                                              "db": {"image": "x"}}},
    "schema-depends-missing-condition-ok": {"services": {"web": {"image": "x", "depends_on": {"db": {}}}, "db": {"image": "x"}}},
    "schema-depends-list-int": svc(depends_on=[1]),
    "schema-depends-dup": {"services": {"web": {"image": "x", "depends_on": ["db", "db"]}, "db": {"image": "x"}}},
    "schema-depends-str": svc(depends_on="db"),
    "schema-cgroup": svc(cgroup="bogus"),
    "schema-volume-type": svc(volumes=[{"type": "nfs", "target": "/x"}]),
    "schema-volume-missing-type": svc(volumes=[{"target": "/x"}]),
    "schema-volume-missing-target-ok": svc(volumes=[{"type": "volume"}]),
    "schema-volume-item-int": svc(volumes=[1]),
    "schema-bind-propagation-int": svc(volumes=[{"type": "bind", "source": ".", "target": "/x", "bind": {"propagation": 1}}]),
    "schema-bind-recursive": svc(volumes=[{"type": "bind", "source": ".", "target": "/x", "bind": {"recursive": "no"}}]),
    "schema-pull-policy": svc(pull_policy="sometimes"),
    "schema-pull-policy-every-ok": svc(pull_policy="every_12h"),
    "schema-container-name": svc(container_name="_"),
    "schema-container-name-1-char": svc(container_name="a"),
    "schema-container-name-ok": svc(container_name="a-b"),
    "schema-cpu-count-neg": svc(cpu_count=-1),
    "schema-cpu-percent-big": svc(cpu_percent=101),
    "schema-cpu-percent-float": svc(cpu_percent=50.5),
    "schema-oom-score-adj-low": svc(oom_score_adj=-1001),
    "schema-oom-score-adj-high": svc(oom_score_adj=1001),
    "schema-oom-score-adj-bool": svc(oom_score_adj=True),
    "schema-blkio-weight-obj": svc(blkio_config={"weight": {}}),
    "schema-develop-action": svc(develop={"watch": [{"path": ".", "action": "copy"}]}),
    "schema-develop-missing-path": svc(develop={"watch": [{"action": "rebuild"}]}),
    "schema-develop-missing-both": svc(develop={"watch": [{}]}),
    "schema-deploy-mode-ok": svc(deploy={"mode": "whatever"}),
    "schema-deploy-update-order": svc(deploy={"update_config": {"order": "first"}}),
    "schema-deploy-replicas-str-ok": svc(deploy={"replicas": "2"}),
    "schema-deploy-replicas-float": svc(deploy={"replicas": 1.5}),
    "schema-deploy-restart-condition-int": svc(deploy={"restart_policy": {"condition": 1}}),
    "schema-deploy-resources-devices-missing-caps": svc(deploy={"resources": {"reservations": {"devices": [{"count": 1}]}}}),
    "schema-gpus-str": svc(gpus="some"),
    "schema-gpus-all-ok": svc(gpus="all"),
    "schema-ulimits-obj-missing": svc(ulimits={"nofile": {"soft": 1}}),
    "schema-ulimits-str": svc(ulimits={"nofile": "x"}),
    "schema-ulimits-obj-extra": svc(ulimits={"nofile": {"soft": 1, "hard": 2, "x": 3}}),
    "schema-extra-hosts-int": svc(extra_hosts=[1]),
    "schema-extra-hosts-dict-bool": svc(extra_hosts={"h": True}),
    "schema-healthcheck-test-int": svc(healthcheck={"test": 1}),
    "schema-healthcheck-retries-str-ok": svc(healthcheck={"retries": "3"}),
    "schema-healthcheck-retries-list": svc(healthcheck={"retries": [3]}),
    "schema-healthcheck-interval-int": svc(healthcheck={"interval": 5}),
    "schema-healthcheck-disable-int": svc(healthcheck={"disable": 1}),
    "schema-stop-grace-int": svc(stop_grace_period=10),
    "schema-build-int": svc(build=1),
    "schema-build-args-list-int": svc(build={"context": ".", "args": [1]}),
    "schema-build-ssh-int": svc(build={"context": ".", "ssh": 1}),
    "schema-build-network-obj": svc(build={"context": ".", "network": {}}),
    "schema-build-cache-from-str": svc(build={"context": ".", "cache_from": "x"}),
    "schema-logging-options-list": svc(logging={"options": ["a"]}),
    "schema-logging-options-int-ok": svc(logging={"options": {"max-size": 1}}),
    "schema-logging-options-null-ok": svc(logging={"options": {"max-size": None}}),
    "schema-logging-options-obj": svc(logging={"options": {"max-size": {}}}),
    "schema-networks-list-int": svc(networks=[1]),
    "schema-networks-dup": svc(networks=["a", "a"]),
    "schema-networks-attach-aliases-str": svc(networks={"default": {"aliases": "a"}}),
    "schema-networks-attach-priority-str": svc(networks={"default": {"priority": "1"}}),
    "schema-networks-attach-int": svc(networks={"default": 1}),
    "schema-secrets-item-int": svc(secrets=[1]),
    "schema-secrets-item-obj-extra": svc(secrets=[{"source": "s", "foo": 1}]),
    "schema-secrets-mode-list": svc(secrets=[{"source": "s", "mode": [1]}]),
    "schema-env-file-int": svc(env_file=1),
    "schema-env-file-obj-missing-path": svc(env_file=[{"required": True}]),
    "schema-env-file-obj-format-int": svc(env_file=[{"path": "a", "format": 1}]),
    "schema-sysctls-obj": svc(sysctls={"a": {}}),
    "schema-tmpfs-int": svc(tmpfs=1),
    "schema-devices-obj-missing-source": svc(devices=[{"target": "/dev/x"}]),
    "schema-profiles-str": svc(profiles="a"),
    "schema-profiles-int-item": svc(profiles=[1]),
    "schema-annotations-int": svc(annotations=1),
    "schema-attach-int": svc(attach=1),
    "schema-post-start-missing-command": svc(post_start=[{"user": "root"}]),
    "schema-post-start-obj": svc(post_start={"command": "x"}),
    "schema-extends-int": svc(extends=1),
    "schema-extends-obj-missing-service": svc(extends={"file": "x.yml"}),
    "schema-provider-missing-type": {"services": {"web": {"provider": {"options": {}}}}},
    "schema-credential-spec-extra": svc(credential_spec={"cfg": "x"}),
    "schema-storage-opt-list": svc(storage_opt=["a"]),
    # --- schema: top level
    "schema-services-list": {"services": ["web"]},
    "schema-services-null-ok": {"services": None, "volumes": {"v": {}}},
    "schema-service-list": {"services": {"web": ["image"]}},
    "schema-service-str": {"services": {"web": "busybox"}},
    "schema-service-null-ok": {"services": {"web": None}},
    "schema-name-int": {"name": 1, "services": {"web": {"image": "x"}}},
    "schema-version-int": {"version": 3, "services": {"web": {"image": "x"}}},
    "schema-networks-list": {"services": {"web": {"image": "x"}}, "networks": ["a"]},
    "schema-network-str": {"services": {"web": {"image": "x"}}, "networks": {"n": "bridge"}},
    "schema-network-external-str": {"services": {"web": {"image": "x"}}, "networks": {"n": {"external": "yes"}}},
    "schema-network-external-obj-ok": {"services": {"web": {"image": "x"}}, "networks": {"n": {"external": {"name": "x"}}}},
    "schema-network-ipam-config-extra": {"services": {"web": {"image": "x"}},
                                         "networks": {"n": {"ipam": {"config": [{"subnet": "10.0.0.0/24", "foo": 1}]}}}},
    "schema-network-ipam-extra": {"services": {"web": {"image": "x"}}, "networks": {"n": {"ipam": {"drive": "x"}}}},
    "schema-network-enable-ipv6-int": {"services": {"web": {"image": "x"}}, "networks": {"n": {"enable_ipv6": 1}}},
    "schema-volume-str": {"services": {"web": {"image": "x"}}, "volumes": {"v": "local"}},
    "schema-volume-driver-opts-list": {"services": {"web": {"image": "x"}}, "volumes": {"v": {"driver_opts": ["a"]}}},
    "schema-secret-file-int": {"services": {"web": {"image": "x"}}, "secrets": {"s": {"file": 1}}},
    "schema-config-content-int": {"services": {"web": {"image": "x"}}, "configs": {"c": {"content": 1}}},
    "schema-include-int": {"include": 1, "services": {"web": {"image": "x"}}},
    "schema-include-obj-extra": {"include": [{"path": "a.yml", "foo": 1}], "services": {"web": {"image": "x"}}},
    "schema-models-bad": {"services": {"web": {"image": "x"}}, "models": {"m": {"mod": "x"}}},
    "schema-unicode-key": svc(**{"fóo": 1}),
    "schema-quote-key": svc(**{"it's": 1}),
    "schema-newline-value-pattern": svc(pull_policy="sometimes\n"),
    "schema-deep-wins": {"foo": 1, "services": {"web": {"image": 1}}},
    "schema-additional-plus-one": {"services": {"web": {"image": "x", "bar": 1, "ports": [[1]]}}},
    # --- validation.Validate (after merge and defaults)
    "attr-volume-external-driver": {"services": {"web": {"image": "x"}}, "volumes": {"v": {"external": True, "driver": "local"}}},
    "attr-volume-external-name-ok": {"services": {"web": {"image": "x"}}, "volumes": {"v": {"external": True, "name": "y"}}},
    "attr-volume-external-labels": {"services": {"web": {"image": "x"}}, "volumes": {"v": {"external": True, "labels": {"a": "b"}}}},
    "attr-volume-dotted-name": {"services": {"web": {"image": "x"}}, "volumes": {"my.v": {"external": True, "driver": "d"}}},
    "attr-secret-none": {"services": {"web": {"image": "x"}}, "secrets": {"s": {}}},
    "attr-secret-both": {"services": {"web": {"image": "x"}}, "secrets": {"s": {"file": "./a", "environment": "A"}}},
    "cons-secret-driver-only": {"services": {"web": {"image": "x", "secrets": ["s"]}}, "secrets": {"s": {"driver": "d"}}},
    "cons-secret-driver-unused": {"services": {"web": {"image": "x"}}, "secrets": {"s": {"driver": "d"}}},
    "attr-config-none": {"services": {"web": {"image": "x"}}, "configs": {"c": {"name": "x"}}},
    "attr-config-two": {"services": {"web": {"image": "x"}}, "configs": {"c": {"file": "./a", "content": "x"}}},
    "attr-port-host-ip": svc(ports=[{"target": 80, "published": "8080", "host_ip": "1.2.3"}]),
    "attr-port-host-ip-v6-ok": svc(ports=[{"target": 80, "host_ip": "::1"}]),
    "attr-watch-blank-path": svc(develop={"watch": [{"path": "", "action": "rebuild"}]}),
    "attr-gpus-count-and-ids": svc(gpus=[{"count": 1, "device_ids": ["0"]}]),
    "attr-devices-count-and-ids": svc(deploy={"resources": {"reservations": {"devices": [
        {"capabilities": ["gpu"], "count": 1, "device_ids": ["0"]}]}}}),
    # --- checkConsistency (on the normalised project)
    "cons-no-image-no-build": {"services": {"web": {"command": "x"}}},
    "cons-undefined-volume": svc(volumes=["data:/data"]),
    "cons-undefined-volume-long": svc(volumes=[{"type": "volume", "source": "data", "target": "/data"}]),
    "cons-anon-volume-ok": svc(volumes=["/data"]),
    "cons-undefined-network": svc(networks=["front"]),
    "cons-network-mode-and-networks": svc(network_mode="host", networks=["default"]),
    "cons-network-mode-service-missing": svc(network_mode="service:db"),
    "cons-undefined-secret": svc(secrets=["s"]),
    "cons-undefined-config": svc(configs=["c"]),
    "cons-undefined-build-secret": svc(build={"context": ".", "secrets": ["s"]}),
    "cons-undefined-model": svc(models=["m"]),
    "cons-depends-undefined": svc(depends_on=["db"]),
    "cons-depends-undefined-not-required": svc(depends_on={"db": {"condition": "service_started", "required": False}}),
    "cons-cycle-2": {"services": {"a": {"image": "x", "depends_on": ["b"]}, "b": {"image": "x", "depends_on": ["a"]}}},
    "cons-cycle-3": {"services": {"a": {"image": "x", "depends_on": ["b"]}, "b": {"image": "x", "depends_on": ["c"]},
                                  "c": {"image": "x", "depends_on": ["a"]}}},
    "cons-cycle-self": {"services": {"a": {"image": "x", "depends_on": ["a"]}}},
    "cons-cycle-tail": {"services": {"a": {"image": "x", "depends_on": ["b"]}, "b": {"image": "x", "depends_on": ["c"]},
                                     "c": {"image": "x", "depends_on": ["b"]}}},
    "cons-healthcheck-test": svc(healthcheck={"test": ["RUN", "true"]}),
    "cons-scale-replicas": svc(scale=2, deploy={"replicas": 3}),
    "cons-scale-negative": svc(scale=-1),
    "cons-replicas-negative": svc(deploy={"replicas": -1}),
    "cons-container-name-scale": svc(container_name="c1", scale=2),
    "cons-container-name-replicas": svc(container_name="c1", deploy={"replicas": 2}),
    "cons-cpus-deploy": svc(cpus=1, deploy={"resources": {"limits": {"cpus": "2"}}}),
    "cons-mem-limit-deploy": svc(mem_limit="1g", deploy={"resources": {"limits": {"memory": "2g"}}}),
    "cons-mem-reservation-deploy": svc(mem_reservation="1g", deploy={"resources": {"reservations": {"memory": "2g"}}}),
    "cons-pids-deploy": svc(pids_limit=10, deploy={"resources": {"limits": {"pids": 20}}}),
    "cons-dockerfile-inline": svc(build={"context": ".", "dockerfile": "D", "dockerfile_inline": "FROM x"}),
    "cons-additional-context-unknown": svc(build={"context": ".", "additional_contexts": {"a": "service:nope"}}),
    "cons-additional-context-not-buildable": {"services": {"web": {"build": {"context": ".", "additional_contexts": {"a": "service:db"}}},
                                                           "db": {"image": "x"}}},
    "cons-platforms": svc(platform="linux/arm64", build={"context": ".", "platforms": ["linux/amd64"]}),
    "cons-watch-target": svc(develop={"watch": [{"path": ".", "action": "sync"}]}),
    "cons-tmpfs-twice": svc(tmpfs=["/a", "/a:size=1"]),
    "cons-volume-target-twice": svc(volumes=["/a", "./x:/a"]),
    "cons-tmpfs-volume-same": svc(tmpfs=["/a"], volumes=["/a"]),
    "cons-secret-env-ok": {"services": {"web": {"image": "x", "secrets": ["s"]}}, "secrets": {"s": {"environment": "A"}}},
    "cons-container-name-unicity": {"services": {"a": {"image": "x", "container_name": "same"},
                                                 "b": {"image": "x", "container_name": "same"}}},
}


# Cases whose v2 message comes from ANOTHER stage of the pipeline than schema validation (so they document
# what the loader must check, and where, but are not this module's to reproduce):
OTHER_STAGE = {
    "schema-expose-bool": "override.EnforceUnicity (before the schema): unsupported expose value",
    "schema-environment-list-int": "override merge/unicity (before the schema): unexpected type int",
    "schema-build-args-list-int": "override merge/unicity (before the schema)",
    "schema-profiles-int-item": "override merge/unicity (before the schema)",
    "schema-secrets-item-int": "override merge/unicity (before the schema)",
    "schema-services-list": "override.Merge (before the schema): services must be a mapping",
    "schema-services-null-ok": "override.Merge (before the schema): services must be a mapping",
    "schema-service-list": "override.Merge (before the schema)",
    "schema-service-str": "override.Merge (before the schema)",
    "schema-ulimits-str": "interpolation type cast (before the schema)",
    "schema-extends-int": "extends (before the schema)",
    "schema-extends-obj-missing-service": "extends (before the schema)",
    "schema-include-int": "include (before the schema)",
    "schema-include-obj-extra": "include (before the schema): the file is opened first",
    "schema-volume-missing-target-ok": "transform.Canonical (after the schema)",
    "schema-env-file-obj-missing-path": "transform.Canonical (after the schema)",
    "schema-ports-dup": "EnforceUnicity drops the duplicate before the schema sees it",
    "schema-expose-dup": "EnforceUnicity drops the duplicate before the schema sees it",
    "schema-environment-dup": "EnforceUnicity drops the duplicate before the schema sees it",
    "schema-cap-add-dup": "EnforceUnicity drops the duplicate before the schema sees it",
    "cons-secret-driver-unused": "v2 checks the project before dropping unused secrets; the model has none",
}
# Left out of every parametrization: v2 crashes on it (a Go panic in loader.Normalize on `pid: null`, which
# the schema accepts); a panic is not behaviour to reproduce.
CRASHES_V2 = {"schema-pid-null-ok"}


def _expected():
    from tests.unit.compose import test_validate_expected as E

    return E.EXPECTED, E.MODELS


def stage(case_id: str) -> str:
    return case_id.split("-", 1)[0]


def run_stage(case_id: str, doc: dict, model: dict | None) -> str | None:
    """Our message for the case: the first stage that fails, as v2 runs them."""
    try:
        if stage(case_id) == "schema":
            V.validate_schema(doc, "/p/compose.yaml")
        elif stage(case_id) == "attr":
            V.check_attributes(doc)
        else:
            V.check_consistency(model)
            V.check_container_name_unicity(model)
    except ComposeError as e:
        return str(e)
    return None


def _ids():
    return [c for c in CASES if c not in OTHER_STAGE and c not in CRASHES_V2]


@pytest.mark.parametrize("case_id", _ids())
def test_case(case_id):
    expected, models = _expected()
    assert case_id in expected, "regenerate test_validate_expected.py"
    want = expected[case_id]
    if want is not None:
        want = want.replace("{file}", "/p/compose.yaml")
    got = run_stage(case_id, CASES[case_id], models.get(case_id))
    if case_id in RANDOM_ORDER:  # Go lists the properties in map order: random
        got, want = _sorted_names(got), _sorted_names(want)
    assert got == want


RANDOM_ORDER = {"schema-unknown-service-keys"}


@pytest.mark.parametrize("case_id", sorted(OTHER_STAGE))
def test_case_through_the_whole_load(case_id, tmp_path):
    """The cases another stage decides (OTHER_STAGE says which): the document is loaded as v2 loaded it
    (a JSON compose.yaml, project `p`), and the load fails with v2's message, or succeeds where v2 did."""
    import json
    import re

    from pydock.compose.loader import load_project
    from pydock.compose.loader.options import ProjectOptions

    expected, _ = _expected()
    f = tmp_path / "compose.yaml"
    f.write_text(json.dumps(CASES[case_id]))
    want = expected[case_id]
    if want is not None:  # the recording names its own temporary directory
        want = re.sub(r"/tmp/tmp\w+", str(tmp_path), want.replace("{file}", str(f)))
    try:
        load_project(ProjectOptions(cwd=str(tmp_path), environ={"COMPOSE_PROJECT_NAME": "p"}), warn=lambda m: None)
        got = None
    except ComposeError as e:
        got = str(e)
    assert got == want


def _sorted_names(msg):
    head, _, rest = msg.partition("properties ")
    names, _, tail = rest.rpartition(" not allowed")
    return head + ", ".join(sorted(names.split(", "))) + " not allowed" + tail


def test_schema_is_lazy():
    import subprocess
    import sys

    code = ("import sys, pydock.compose.loader.validate as v; "
            "assert v._ROOT is None; assert 'jsonschema' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_valid_document_passes_every_stage():
    doc = {"name": "p", "services": {
        "web": {"image": "busybox", "ports": ["80:80", {"target": 81, "published": "8081", "host_ip": "127.0.0.1"}],
                "environment": {"A": "1", "B": None, "C": 2}, "depends_on": {"db": {"condition": "service_healthy"}},
                "volumes": ["data:/data", "/anon", {"type": "bind", "source": ".", "target": "/src"}],
                "healthcheck": {"test": ["CMD", "true"], "interval": "1s"}, "restart": "always",
                "deploy": {"resources": {"limits": {"cpus": "0.5"}}}, "x-meta": {"a": 1}},
        "db": {"build": {"context": ".", "args": ["A=1"]}, "networks": {"back": {"aliases": ["d"]}}}},
        "volumes": {"data": {}}, "networks": {"back": None}, "x-top": 1}
    V.validate_schema(doc, "f")
    V.check_attributes(doc)


def test_float_integer_and_bool_are_distinct():
    assert V.schema_error(svc(scale=True)) == "services.web.scale must be a integer or string"
    assert V.schema_error(svc(scale=3.0)) is None
    assert V.schema_error(svc(scale=float("inf"))) == "services.web.scale must be a integer or string"


def test_go_quote():
    assert V._quote("a'b\"c\n\x01é\u00a0") == "'a\\'b\"c\\n\\x01é\\u00a0'"
