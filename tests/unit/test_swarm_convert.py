"""pydock.swarm.convert on compose snippets, loaded through pydock's compose loader in its stack mode.

The expected specs follow docker/cli v28's cli/compose/convert (read in its source) and what `docker stack
deploy` left on the engine for the same snippets (tests/engine/test_stack_deploy.py compares the two
clients on a real swarm)."""

from __future__ import annotations

import base64

import pytest

from pydock.compose.loader import load_project
from pydock.compose.loader.options import ProjectOptions
from pydock.swarm import convert
from pydock.swarm.convert import ConvertError

NS = "st"
NSL = {"com.docker.stack.namespace": "st"}


def load(tmp_path, text: str, environ=None, name: str = NS) -> dict:
    f = tmp_path / "compose.yaml"
    f.write_text(text)
    return load_project(ProjectOptions(files=(str(f),), project_name=name, environ=environ or {}, cwd=str(tmp_path),
                                       stack=True), consistency=False, all_resources=True).model


def spec(tmp_path, text: str, service: str = "web", **kw) -> dict:
    model = load(tmp_path, text, **kw)
    return convert.services(NS, model)[service]


def test_minimal_service(tmp_path):
    s = spec(tmp_path, "services: {web: {image: busybox, command: sleep 10}}")
    assert s == {
        "Name": "st_web",
        "Labels": {**NSL, "com.docker.stack.image": "busybox"},
        "TaskTemplate": {
            "ContainerSpec": {"Image": "busybox", "Args": ["sleep", "10"], "Labels": NSL,
                              "Privileges": {"CredentialSpec": None, "SELinuxContext": None}},
            "Resources": {},
            "Placement": {},
            "Networks": [{"Target": "st_default", "Aliases": ["web"]}],
        },
        "Mode": {"Replicated": {}},
        "EndpointSpec": {"Mode": "", "Ports": []},
    }


def test_stack_name_taken_verbatim(tmp_path):
    """docker scopes with the name as given (no compose project-name normalisation)."""
    model = load(tmp_path, "services: {web: {image: busybox}}", name="My.Stack")
    nets, external = convert.networks("My.Stack", model)
    assert list(nets) == ["My.Stack_default"] and external == []
    assert convert.services("My.Stack", model)["web"]["Name"] == "My.Stack_web"


def test_ports_short_and_long_sorted_by_published(tmp_path):
    s = spec(tmp_path, """
services:
  web:
    image: busybox
    ports: ["8080:80", "9000", {target: 53, published: 5353, protocol: udp, mode: host}]
    deploy: {endpoint_mode: VIP}
""")
    assert s["EndpointSpec"] == {"Mode": "vip", "Ports": [
        {"Protocol": "tcp", "TargetPort": 9000, "PublishedPort": 0, "PublishMode": "ingress"},
        {"Protocol": "udp", "TargetPort": 53, "PublishedPort": 5353, "PublishMode": "host"},
        {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"},
    ]}


def test_environment_sorted_with_bare_names(tmp_path):
    s = spec(tmp_path, "services: {web: {image: busybox, environment: {B: '2', A: '1', C: null, D: null}}}",
             environ={"D": "from-os"})
    assert s["TaskTemplate"]["ContainerSpec"]["Env"] == ["A=1", "B=2", "C", "D=from-os"]


def test_no_dotenv_file(tmp_path):
    """docker's stack loader interpolates from the OS environment only."""
    (tmp_path / ".env").write_text("TAG=from-dotenv\n")
    s = spec(tmp_path, "services: {web: {image: 'busybox:${TAG:-none}'}}")
    assert s["TaskTemplate"]["ContainerSpec"]["Image"] == "busybox:none"


def test_deploy_keys(tmp_path):
    s = spec(tmp_path, """
services:
  web:
    image: busybox
    deploy:
      replicas: 3
      labels: {x: y}
      resources:
        limits: {cpus: "0.5", memory: 50M, pids: 10}
        reservations: {cpus: "0.25", memory: 10M}
      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 1m}
      update_config: {parallelism: 2, delay: 1s, order: start-first}
      rollback_config: {monitor: 10s, failure_action: continue}
      placement:
        constraints: [node.role==manager]
        preferences: [{spread: node.labels.zone}]
        max_replicas_per_node: 2
""")
    t = s["TaskTemplate"]
    assert s["Labels"] == {"x": "y", **NSL, "com.docker.stack.image": "busybox"}
    assert s["Mode"] == {"Replicated": {"Replicas": 3}}
    assert t["Resources"] == {"Limits": {"NanoCPUs": 500_000_000, "MemoryBytes": 50 * 1024 * 1024, "Pids": 10},
                              "Reservations": {"NanoCPUs": 250_000_000, "MemoryBytes": 10 * 1024 * 1024}}
    assert t["RestartPolicy"] == {"Condition": "on-failure", "Delay": 5 * 10**9, "Window": 60 * 10**9,
                                  "MaxAttempts": 3}
    # convertUpdateConfig: parallelism 1 unless given, zero values for the rest
    assert s["UpdateConfig"] == {"Parallelism": 2, "Delay": 10**9, "FailureAction": "", "Monitor": 0,
                                 "MaxFailureRatio": 0.0, "Order": "start-first"}
    assert s["RollbackConfig"] == {"Parallelism": 1, "Delay": 0, "FailureAction": "continue", "Monitor": 10 * 10**9,
                                   "MaxFailureRatio": 0.0, "Order": ""}
    assert t["Placement"] == {"Constraints": ["node.role==manager"],
                              "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}], "MaxReplicas": 2}


@pytest.mark.parametrize("mode,replicas,expected", [
    ("global", None, {"Global": {}}),
    ("global-job", None, {"GlobalJob": {}}),
    ("replicated-job", 2, {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 2}}),
    ("replicated-job", None, {"ReplicatedJob": {}}),
])
def test_modes(mode, replicas, expected):
    assert convert.deploy_mode(mode, replicas) == expected


def test_mode_errors():
    with pytest.raises(ConvertError, match="^replicas can only be used with replicated or replicated-job mode$"):
        convert.deploy_mode("global", 2)
    with pytest.raises(ConvertError, match="^Unknown mode: weird$"):
        convert.deploy_mode("weird", None)


@pytest.mark.parametrize("restart,expected", [
    ("no", None), ("always", {"Condition": "any"}), ("unless-stopped", {"Condition": "any"}),
    ("on-failure:3", {"Condition": "on-failure", "MaxAttempts": 3}),
])
def test_restart_key_when_no_restart_policy(restart, expected):
    assert convert.restart_policy(restart, None) == expected


def test_healthcheck(tmp_path):
    s = spec(tmp_path, "services: {web: {image: busybox, healthcheck: {test: 'true', interval: 2s, retries: 3}}}")
    assert s["TaskTemplate"]["ContainerSpec"]["Healthcheck"] == {
        "Test": ["CMD-SHELL", "true"], "Timeout": 0, "Interval": 2 * 10**9, "StartPeriod": 0, "StartInterval": 0,
        "Retries": 3}
    s = spec(tmp_path, "services: {web: {image: busybox, healthcheck: {disable: true}}}")
    assert s["TaskTemplate"]["ContainerSpec"]["Healthcheck"] == {"Test": ["NONE"]}


def test_volumes_to_mounts(tmp_path):
    s = spec(tmp_path, """
services:
  web:
    image: busybox
    volumes:
      - data:/data
      - /anon
      - ./site:/site:ro
      - {type: tmpfs, target: /t, tmpfs: {size: 1000}}
      - ext:/ext
      - {type: volume, source: data, target: /nc, volume: {nocopy: true}}
volumes:
  data: {driver: local, labels: {a: b}}
  ext: {external: true, name: real-ext}
""")
    assert s["TaskTemplate"]["ContainerSpec"]["Mounts"] == [
        {"Type": "volume", "Target": "/data", "Source": "st_data",
         "VolumeOptions": {"Labels": {"a": "b", **NSL}, "DriverConfig": {"Name": "local"}}},
        {"Type": "volume", "Target": "/anon"},
        {"Type": "bind", "Target": "/site", "Source": str(tmp_path / "site"), "ReadOnly": True},
        {"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 1000}},
        {"Type": "volume", "Target": "/ext", "Source": "real-ext", "VolumeOptions": {}},
        {"Type": "volume", "Target": "/nc", "Source": "st_data",
         "VolumeOptions": {"NoCopy": True, "Labels": {"a": "b", **NSL}, "DriverConfig": {"Name": "local"}}},
    ]


def test_undefined_references_name_the_service(tmp_path):
    for text, message in (
        ("services: {web: {image: x, networks: [nope]}}", 'service web: undefined network "nope"'),
        ("services: {web: {image: x, secrets: [nope]}}", 'service web: undefined secret "nope"'),
        ("services: {web: {image: x, configs: [nope]}}", 'service web: undefined config "nope"'),
        ('services: {web: {image: x, deploy: {resources: {limits: {cpus: "0.0000000001"}}}}}',
         "service web: value is too precise"),
    ):
        model = load(tmp_path, text)
        with pytest.raises(ConvertError) as e:
            convert.services(NS, model)
        assert str(e.value) == message


def test_networks_default_aliases_and_external(tmp_path):
    model = load(tmp_path, """
services:
  web:
    image: busybox
    networks: {front: {aliases: [w]}, outside: null, default: null}
  db: {image: busybox}
networks:
  front: {attachable: true, labels: {k: v}, driver_opts: {o: "1"}, ipam: {config: [{subnet: 10.9.0.0/24}]}}
  outside: {external: true, name: host}
""")
    nets, external = convert.networks(NS, model)
    assert external == ["host"]
    assert nets == {
        "st_default": {"Labels": NSL, "Driver": "overlay"},
        "st_front": {"Labels": {"k": "v", **NSL}, "Driver": "overlay", "Options": {"o": "1"}, "Attachable": True,
                     "IPAM": {"Config": [{"Subnet": "10.9.0.0/24"}]}},
    }
    # sorted by target; no alias on a network that is not user-defined
    assert convert.services(NS, model)["web"]["TaskTemplate"]["Networks"] == [
        {"Target": "host"},
        {"Target": "st_default", "Aliases": ["web"]},
        {"Target": "st_front", "Aliases": ["w", "web"]},
    ]


def test_secrets_and_configs(tmp_path):
    (tmp_path / "s.txt").write_text("s3cret")
    model = load(tmp_path, """
services:
  web:
    image: busybox
    secrets: [s1, {source: s2, target: /etc/s2, uid: "1", mode: 0400}]
    configs: [c1]
secrets:
  s1: {file: ./s.txt}
  s2: {file: ./s.txt, labels: {q: r}, name: given-name}
  s3: {external: true}
configs:
  c1: {file: ./s.txt, template_driver: golang}
""")
    read = {str(tmp_path / "s.txt"): base64.b64encode(b"s3cret").decode()}.__getitem__
    assert convert.secrets(NS, model, read) == [
        {"Name": "st_s1", "Labels": NSL, "Data": "czNjcmV0"},
        {"Name": "given-name", "Labels": {"q": "r", **NSL}, "Data": "czNjcmV0"},
    ]
    assert convert.configs(NS, model, read) == [
        {"Name": "st_c1", "Labels": NSL, "Data": "czNjcmV0", "Templating": {"Name": "golang"}}]
    container = convert.services(NS, model)["web"]["TaskTemplate"]["ContainerSpec"]
    # the target defaults to the source's key (not compose's /run/secrets/<key>), uid/gid "0", mode 0444;
    # sorted by name
    assert container["Secrets"] == [
        {"File": {"Name": "/etc/s2", "UID": "1", "GID": "0", "Mode": 0o400}, "SecretName": "given-name"},
        {"File": {"Name": "s1", "UID": "0", "GID": "0", "Mode": 0o444}, "SecretName": "st_s1"},
    ]
    assert container["Configs"] == [{"File": {"Name": "c1", "UID": "0", "GID": "0", "Mode": 0o444},
                                     "ConfigName": "st_c1"}]


def test_container_fields(tmp_path):
    s = spec(tmp_path, """
services:
  web:
    image: busybox
    entrypoint: /bin/sh -c
    command: ["echo", "hi"]
    hostname: h
    user: "1000"
    working_dir: /w
    extra_hosts: ["a:1.2.3.4", "b=[::1]"]
    dns: 8.8.8.8
    dns_search: [example.com]
    stop_grace_period: 1m30s
    stop_signal: SIGUSR1
    init: true
    read_only: true
    tty: true
    stdin_open: true
    sysctls: {net.core.somaxconn: 1024}
    ulimits: {nproc: 5, nofile: {soft: 10, hard: 20}}
    cap_add: [net_admin, CAP_SYS_TIME]
    cap_drop: [net_admin, mknod]
    labels: {l: v}
    logging: {driver: json-file, options: {max-size: 1m}}
""")
    c = s["TaskTemplate"]["ContainerSpec"]
    assert c["Command"] == ["/bin/sh", "-c"] and c["Args"] == ["echo", "hi"]
    assert (c["Hostname"], c["User"], c["Dir"]) == ("h", "1000", "/w")
    assert c["Hosts"] == ["1.2.3.4 a", "::1 b"]
    assert c["DNSConfig"] == {"Nameservers": ["8.8.8.8"], "Search": ["example.com"]}
    assert (c["StopGracePeriod"], c["StopSignal"]) == (90 * 10**9, "SIGUSR1")
    assert (c["Init"], c["ReadOnly"], c["TTY"], c["OpenStdin"]) == (True, True, True, True)
    assert c["Sysctls"] == {"net.core.somaxconn": "1024"}
    assert c["Ulimits"] == [{"Name": "nofile", "Soft": 10, "Hard": 20}, {"Name": "nproc", "Soft": 5, "Hard": 5}]
    # EffectiveCapAddCapDrop: normalised, and a capability both added and dropped is only added
    assert (c["CapabilityAdd"], c["CapabilityDrop"]) == (["CAP_NET_ADMIN", "CAP_SYS_TIME"], ["CAP_MKNOD"])
    assert c["Labels"] == {"l": "v", **NSL}
    assert s["TaskTemplate"]["LogDriver"] == {"Name": "json-file", "Options": {"max-size": "1m"}}


def test_capabilities_all():
    assert convert.capabilities(["ALL", "net_admin"], ["chown"]) == (["ALL"], ["CAP_CHOWN"])
    assert convert.capabilities([], ["all", "RESET"]) == ([], ["ALL"])


# -- the checks on the files as written ---------------------------------------------------------------------
def test_schema_keys():
    for config, message in (
        ({"services": {"web": {"image": "x", "foo": 1, "bar": 2}}},
         "services.web Additional property bar is not allowed"),
        ({"name": "x", "services": {}}, "(root) Additional property name is not allowed"),
        ({"services": {"web": {"image": "x", "deploy": {"foo": 1}}}},
         "services.web.deploy Additional property foo is not allowed"),
        ({"services": {"web": {"image": "x", "profiles": ["a"]}}},
         "services.web Additional property profiles is not allowed"),
        ({"networks": {"n": {"enable_ipv6": True}}}, "networks.n Additional property enable_ipv6 is not allowed"),
    ):
        with pytest.raises(ConvertError) as e:
            convert.check_schema_keys(config)
        assert str(e.value) == message
    convert.check_schema_keys({"x-any": 1, "services": {"web": {"image": "x", "x-ext": 1, "deploy": {"replicas": 1}}}})


def test_forbidden_unsupported_deprecated():
    config = {"services": {"web": {"image": "x", "extends": "y", "cpu_shares": 3},
                           "db": {"build": ".", "restart": "always", "container_name": "c", "expose": [1]}}}
    assert str(convert.forbidden_error(convert.forbidden_properties([config]))) == (
        "Compose file contains unsupported options:\n\n"
        "cpu_shares: Set resource limits using deploy.resources\n\n"
        "extends: Support for `extends` is not implemented yet.\n")
    assert convert.load_warnings([config]) == (
        "Ignoring unsupported options: build, restart\n\n"
        "Ignoring deprecated options:\n\n"
        "container_name: Setting the container name is not supported.\n\n"
        "expose: Exposing ports is unnecessary - services on the same network can access each other's containers "
        "on any port.\n\n")
    assert convert.load_warnings([{"services": {"web": {"image": "x", "depends_on": ["db"]}}}]) == ""


def test_images_checked():
    with pytest.raises(ConvertError, match="^invalid image reference for service web: no image specified$"):
        convert.check_images({"services": {"web": {}}})
    with pytest.raises(ConvertError) as e:
        convert.check_images({"services": {"web": {"image": "Bad:ref"}}})
    assert str(e.value) == ("invalid image reference for service web: invalid reference format: repository name "
                            "(library/Bad) must be lowercase")
