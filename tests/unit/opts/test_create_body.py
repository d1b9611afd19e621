"""The create body builder (pydock.opts.create): whole bodies compared with what docker 28 put on the wire
for the same flags (captured from `docker create` against a recording fake engine), key order included."""

from __future__ import annotations

import json

import pytest

from pydock.opts._errors import OptionError
from pydock.opts.create import ContainerOptions, build_body, build_request, compact_json, normalize_capabilities
from pydock.opts.network import Attachment

# `docker create busybox`
DEFAULT_BODY = (
    '{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true'
    ',"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"busybox","Volumes":{'
    '},"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{},"HostConfig":{"Binds":null,"Container'
    'IDFile":"","LogConfig":{"Type":"","Config":{}},"NetworkMode":"default","PortBindings":{},"RestartPol'
    'icy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":false,"VolumeDriver":"","VolumesFrom":null,"Co'
    'nsoleSize":[0,0],"CapAdd":null,"CapDrop":null,"CgroupnsMode":"","Dns":[],"DnsOptions":[],"DnsSearch"'
    ':[],"ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode'
    '":"","Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":'
    '"","UsernsMode":"","ShmSize":0,"Isolation":"","CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"'
    '","BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],"BlkioDevi'
    'ceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealti'
    'meRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"DeviceCgroupRules":null,"DeviceRequests":'
    'null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":-1,"OomKillDisable":false,"PidsLimit":0'
    ',"Ulimits":[],"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":nul'
    'l,"ReadonlyPaths":null},"NetworkingConfig":{"EndpointsConfig":{"default":{"IPAMConfig":null,"Links":'
    'null,"Aliases":null,"MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"","EndpointID":"",'
    '"Gateway":"","IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6Prefi'
    'xLen":0,"DNSNames":null}}}}'
)

# `docker create --name n1 --platform linux/amd64 -h host --domainname dom -u 1:2 -w /w -e A=1 --env-file ef
#  -l a=b --label-file lf -i -t -a stdout --entrypoint /bin/sh -p 127.0.0.1:42000:80/udp -P --expose 90
#  -v /tmp:/x:ro -v /anon --mount type=tmpfs,dst=/t,tmpfs-size=1m --tmpfs /run:size=1m --volumes-from abc:ro
#  --network bridge --link foo:bar --restart on-failure:3 -m 64m --memory-swap 128m --memory-reservation 32m
#  --kernel-memory 10m --cpus 1.5 --cpu-shares 100 --cpu-period 100000 --cpu-quota 50000 --cpuset-cpus 0
#  --cpuset-mems 0 --pids-limit 10 --oom-kill-disable --privileged --read-only --cap-add net_admin
#  --cap-drop mknod --security-opt no-new-privileges --dns 1.1.1.1 --dns-search ex.com --dns-option ndots:2
#  --add-host h:1.2.3.4 --init --shm-size 64m --stop-signal SIGINT --stop-timeout 5
#  --sysctl net.ipv4.ip_forward=1 --ulimit nofile=10:20 --pid host --ipc private --uts host --userns host
#  --cgroupns private --device /dev/null:/dev/n:r --group-add 10 --log-driver json-file --log-opt max-size=1m
#  --health-cmd true --health-interval 1s --health-timeout 2s --health-retries 3 --health-start-period 4s
#  --cidfile /tmp/pdA/cid1 --runtime runc --isolation default --oom-score-adj 5 --memory-swappiness 50
#  --blkio-weight 100 --storage-opt size=1G --cgroup-parent cg --volume-driver local
#  --device-cgroup-rule 'c 1:3 rwm' busybox echo hi`   (ef: "E1=x", lf: "L1=y" and "LBARE")
FULL_BODY = (
    '{"Hostname":"host","Domainname":"dom","User":"1:2","AttachStdin":true,"AttachStdout":true,"AttachStd'
    'err":false,"ExposedPorts":{"80/udp":{},"90/tcp":{}},"Tty":true,"OpenStdin":true,"StdinOnce":true,"En'
    'v":["E1=x","A=1"],"Cmd":["echo","hi"],"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":10000000'
    '00,"Timeout":2000000000,"StartPeriod":4000000000,"Retries":3},"Image":"busybox","Volumes":{"/anon":{'
    '}},"WorkingDir":"/w","Entrypoint":["/bin/sh"],"OnBuild":null,"Labels":{"L1":"y","a":"b"},"StopSignal'
    '":"SIGINT","StopTimeout":5,"HostConfig":{"Binds":["/tmp:/x:ro"],"ContainerIDFile":"/tmp/pdA/cid1","L'
    'ogConfig":{"Type":"json-file","Config":{"max-size":"1m"}},"NetworkMode":"bridge","PortBindings":{"80'
    '/udp":[{"HostIp":"127.0.0.1","HostPort":"42000"}]},"RestartPolicy":{"Name":"on-failure","MaximumRetr'
    'yCount":3},"AutoRemove":false,"VolumeDriver":"local","VolumesFrom":["abc:ro"],"ConsoleSize":[0,0],"C'
    'apAdd":["CAP_NET_ADMIN"],"CapDrop":["CAP_MKNOD"],"CgroupnsMode":"private","Dns":["1.1.1.1"],"DnsOpti'
    'ons":["ndots:2"],"DnsSearch":["ex.com"],"ExtraHosts":["h:1.2.3.4"],"GroupAdd":["10"],"IpcMode":"priv'
    'ate","Cgroup":"","Links":["foo:bar"],"OomScoreAdj":5,"PidMode":"host","Privileged":true,"PublishAllP'
    'orts":true,"ReadonlyRootfs":true,"SecurityOpt":["no-new-privileges"],"StorageOpt":{"size":"1G"},"Tmp'
    'fs":{"/run":"size=1m"},"UTSMode":"host","UsernsMode":"host","ShmSize":67108864,"Sysctls":{"net.ipv4.'
    'ip_forward":"1"},"Runtime":"runc","Isolation":"default","CpuShares":100,"Memory":67108864,"NanoCpus"'
    ':1500000000,"CgroupParent":"cg","BlkioWeight":100,"BlkioWeightDevice":[],"BlkioDeviceReadBps":[],"Bl'
    'kioDeviceWriteBps":[],"BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":100000,"CpuQuot'
    'a":50000,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"0","CpusetMems":"0","Devices":[{'
    '"PathOnHost":"/dev/null","PathInContainer":"/dev/n","CgroupPermissions":"r"}],"DeviceCgroupRules":["'
    'c 1:3 rwm"],"DeviceRequests":null,"KernelMemory":10485760,"MemoryReservation":33554432,"MemorySwap":'
    '134217728,"MemorySwappiness":50,"OomKillDisable":true,"PidsLimit":10,"Ulimits":[{"Name":"nofile","Ha'
    'rd":20,"Soft":10}],"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"Mounts":[{"'
    'Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":1048576}}],"MaskedPaths":null,"ReadonlyPaths'
    '":null,"Init":true},"NetworkingConfig":{"EndpointsConfig":{}}}'
)

MiB = 1 << 20


def go_json(body: dict) -> str:
    return json.dumps(body, separators=(",", ":"))


def test_default_body():
    assert go_json(build_body(ContainerOptions(image="busybox"))) == DEFAULT_BODY


def test_full_body():
    o = ContainerOptions(
        image="busybox", command=("echo", "hi"), hostname="host", domainname="dom", user="1:2", workdir="/w",
        env=("A=1",), env_file=(("ef", b"E1=x\n"),), label=("a=b",), label_file=(("lf", b"L1=y\nLBARE\n"),),
        interactive=True, tty=True, attach=("stdout",), entrypoint="/bin/sh", publish=("127.0.0.1:42000:80/udp",),
        publish_all=True, expose=("90",), volume=("/tmp:/x:ro", "/anon"), mount=("type=tmpfs,dst=/t,tmpfs-size=1m",),
        tmpfs=("/run:size=1m",), volumes_from=("abc:ro",), network=(Attachment("bridge"),), link=("foo:bar",),
        restart="on-failure:3", memory=64 * MiB, memory_swap=128 * MiB, memory_reservation=32 * MiB,
        kernel_memory=10 * MiB, cpus=1_500_000_000, cpu_shares=100, cpu_period=100000, cpu_quota=50000,
        cpuset_cpus="0", cpuset_mems="0", pids_limit=10, oom_kill_disable=True, privileged=True, read_only=True,
        cap_add=("net_admin",), cap_drop=("mknod",), security_opt=("no-new-privileges",), dns=("1.1.1.1",),
        dns_search=("ex.com",), dns_option=("ndots:2",), add_host=("h:1.2.3.4",), init=True, shm_size=64 * MiB,
        stop_signal="SIGINT", stop_timeout=5, sysctl=("net.ipv4.ip_forward=1",),
        ulimit=({"Name": "nofile", "Hard": 20, "Soft": 10},), pid="host", ipc="private", uts="host", userns="host",
        cgroupns="private", device=("/dev/null:/dev/n:r",), group_add=("10",), log_driver="json-file",
        log_opt=("max-size=1m",), health_cmd="true", health_interval=10**9, health_timeout=2 * 10**9,
        health_retries=3, health_start_period=4 * 10**9, cidfile="/tmp/pdA/cid1", runtime="runc",
        isolation="default", oom_score_adj=5, memory_swappiness=50, blkio_weight=100, storage_opt=("size=1G",),
        cgroup_parent="cg", volume_driver="local", device_cgroup_rule=("c 1:3 rwm",))
    req = build_request(o, name="n1", platform="linux/amd64")
    assert go_json(req.body) == FULL_BODY
    assert (req.name, req.platform, req.pull, req.cidfile, req.warnings) == ("n1", "linux/amd64", "missing",
                                                                              "/tmp/pdA/cid1", ())


def body(**options) -> dict:
    return build_body(ContainerOptions(image="busybox", **options))


@pytest.mark.parametrize("options, config", [
    ({}, {"AttachStdin": False, "AttachStdout": True, "AttachStderr": True, "OpenStdin": False, "StdinOnce": False}),
    ({"interactive": True}, {"AttachStdin": True, "AttachStdout": True, "AttachStderr": True, "OpenStdin": True,
                             "StdinOnce": True}),
    ({"attach": ("stdin",)}, {"AttachStdin": True, "AttachStdout": False, "AttachStderr": False, "OpenStdin": False,
                              "StdinOnce": False}),
    ({"attach": ("stderr",), "interactive": True},
     {"AttachStdin": True, "AttachStdout": False, "AttachStderr": True, "OpenStdin": True, "StdinOnce": True}),
])
def test_attach_fields(options, config):
    got = body(**options)
    assert {k: got[k] for k in config} == config


@pytest.mark.parametrize("entrypoint, expected", [(None, None), ("", [""]), ("/bin/sh -c", ["/bin/sh -c"])])
def test_entrypoint_is_never_split(entrypoint, expected):
    assert body(entrypoint=entrypoint)["Entrypoint"] == expected


def test_env_order_files_first_then_deduplicated_flags():
    got = body(env=("A=1", "B", "C=", "SET", "A=2"), env_file=(("f", b"X=1\nX=2\nSET\nUNSET\n"),),
               environ={"SET": "host"})
    assert got["Env"] == ["X=1", "X=2", "SET=host", "A=2", "B", "C=", "SET=host"]


def test_labels_flags_override_files():
    assert body(label=("a=flag", "b"), label_file=(("f", b"a=file\nc=3\nbare\n"),))["Labels"] == {
        "a": "flag", "b": "", "c": "3"}


@pytest.mark.parametrize("options, healthcheck", [
    ({"health_cmd": "curl -f x"}, {"Test": ["CMD-SHELL", "curl -f x"]}),
    ({"health_interval": 10**9}, {"Interval": 10**9}),
    ({"health_retries": 2, "health_timeout": 5}, {"Timeout": 5, "Retries": 2}),
    ({"no_healthcheck": True}, {"Test": ["NONE"]}),
])
def test_healthcheck(options, healthcheck):
    assert body(**options)["Healthcheck"] == healthcheck


def test_no_healthcheck_field_without_flags():
    assert "Healthcheck" not in body()


def test_capabilities_normalised_unique_sorted():
    assert normalize_capabilities(("net_admin", "CAP_SYS_TIME", "Net_Admin", "all")) == [
        "ALL", "CAP_NET_ADMIN", "CAP_SYS_TIME"]
    assert normalize_capabilities(()) is None


def test_security_opts():
    profile = b'{ "defaultAction" : "SCMP_ACT_ALLOW",\n "a": [1, 2.50, "x y"] }\n'
    host = body(security_opt=("seccomp=p.json", "systempaths=unconfined", "label:disable"),
                seccomp_files={"p.json": profile})["HostConfig"]
    assert host["SecurityOpt"] == ['seccomp={"defaultAction":"SCMP_ACT_ALLOW","a":[1,2.50,"x y"]}', "label:disable"]
    assert (host["MaskedPaths"], host["ReadonlyPaths"]) == ([], [])
    assert body(security_opt=("systempaths=unconfined",))["HostConfig"]["SecurityOpt"] == []


def test_compact_json_keeps_strings_and_numbers():
    assert compact_json('{ "a b" : "c \\" d", "n": 1e2 }') == '{"a b":"c \\" d","n":1e2}'


def test_mac_address_goes_to_config_and_endpoint():
    got = body(mac_address="02:42:ac:11:00:99")
    assert got["MacAddress"] == "02:42:ac:11:00:99"
    assert list(got)[list(got).index("MacAddress") + 1] == "OnBuild"
    assert got["NetworkingConfig"]["EndpointsConfig"]["default"]["MacAddress"] == "02:42:ac:11:00:99"


def test_localhost_dns_warning():
    req = build_request(ContainerOptions(image="busybox", dns=("1.1.1.1", "127.0.0.1", "::1")))
    assert req.warnings == ("Localhost DNS (127.0.0.1) may fail in containers.",)


@pytest.mark.parametrize("options, message", [
    ({"mac_address": "bad"}, "bad is not a valid mac address"),
    ({"memory_swappiness": 200}, "invalid value: 200. Valid memory swappiness range is 0-100"),
    ({"volume": ("/tmp::/x",)}, "invalid spec: /tmp::/x: empty section between colons"),
    ({"publish": ("abc",)}, "invalid containerPort: abc"),
    ({"expose": ("80:80",)}, "invalid port format for --expose: 80:80"),
    ({"device": ("/dev/null:rel",)}, "rel is not an absolute path"),
    ({"env_file": (("nosuch", FileNotFoundError(2, "x")),)}, "open nosuch: no such file or directory"),
    ({"label_file": (("f", b"a b=1"),)}, "invalid env file (f): variable 'a b' contains whitespaces"),
    ({"pid": "bogus"}, "--pid: invalid PID mode"),
    ({"pid": "container:"}, "--pid: invalid PID mode"),
    ({"uts": "container:x"}, "--uts: invalid UTS mode"),
    ({"userns": "private"}, "--userns: invalid USER mode"),
    ({"cgroupns": "bogus"}, "--cgroupns: invalid CGROUP mode"),
    ({"restart": ":3"}, "invalid restart policy format: no policy provided before colon"),
    ({"log_driver": "none", "log_opt": ("a=b",)}, "invalid logging opts for driver none"),
    ({"security_opt": ("bogus",)}, 'Invalid --security-opt: "bogus"'),
    ({"security_opt": ("seccomp=x.json",), "seccomp_files": {"x.json": FileNotFoundError(2, "x")}},
     "opening seccomp profile (x.json) failed: open x.json: no such file or directory"),
    ({"storage_opt": ("bad",)}, "invalid storage option"),
    ({"no_healthcheck": True, "health_retries": 1}, "--no-healthcheck conflicts with --health-* options"),
    ({"health_interval": -1}, "--health-interval cannot be negative"),
    ({"health_start_period": -1}, "--health-start-period cannot be negative"),
    ({"rm": True, "restart": "always"}, "conflicting options: cannot specify both --restart and --rm"),
    ({"network_alias": ("web",)}, "network-scoped aliases are only supported for user-defined networks"),
    # docker checks in this order: ports before the restart policy, the policy before --rm
    ({"publish": ("abc",), "restart": ":3"}, "invalid containerPort: abc"),
    ({"rm": True, "restart": "on-failure:x"}, "invalid restart policy format: maximum retry count must be an integer"),
])
def test_errors(options, message):
    with pytest.raises(OptionError) as e:
        body(**options)
    assert str(e.value) == message


def test_pull_option():
    assert build_request(ContainerOptions(image="x"), pull="always").pull == "always"
    with pytest.raises(OptionError) as e:
        build_request(ContainerOptions(image="x", publish=("abc",)), pull="sometimes")
    assert str(e.value) == "invalid pull option: 'sometimes': must be one of \"always\", \"missing\" or \"never\""
