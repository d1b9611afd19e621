"""The pure renderers of `version` and `info` (pydock.render.system), against what docker CLI 28.2.2 prints.

Payloads were recorded from the test engine (GET /v1.41/version and /v1.41/info) or derived from them
(swarm manager on cgroup v2, a swarm node in error); every expected text is docker's own output for that
payload, captured by serving the payload to `docker` from a fake daemon socket.
"""

from __future__ import annotations

import json

import pytest

from pydock.render import system as s


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# docker's own client, so that the client halves compare too
DOCKER_CLIENT = s.client_version(version="28.2.2", api_version="1.41", default_api_version="1.50", runtime="go1.24.3",
                                 os_arch=("linux", "amd64"), context="default", git_commit="e6534b4",
                                 build_time="Fri May 30 12:07:14 2025")
DOCKER_CLIENT_INFO = s.client_info(DOCKER_CLIENT, debug=False)


def _json(value) -> str:
    """encoding/json's compact form, key order kept."""
    return json.dumps(value.marshal_json(), separators=(",", ":"), ensure_ascii=False)


VERSION_PAYLOAD = {'Platform': {'Name': ''},
 'Components': [{'Name': 'Engine',
                 'Version': '20.10.24+dfsg1',
                 'Details': {'ApiVersion': '1.41',
                             'Arch': 'amd64',
                             'BuildTime': '2026-05-07T21:09:36.000000000+00:00',
                             'Experimental': 'false',
                             'GitCommit': '5d6db84',
                             'GoVersion': 'go1.19.8',
                             'KernelVersion': '6.18.44-fc-v657',
                             'MinAPIVersion': '1.12',
                             'Os': 'linux'}},
                {'Name': 'containerd', 'Version': '1.6.20~ds1', 'Details': {'GitCommit': '1.6.20~ds1-1+deb12u3'}},
                {'Name': 'runc', 'Version': '1.1.5+ds1', 'Details': {'GitCommit': '1.1.5+ds1-1+deb12u1'}},
                {'Name': 'docker-init', 'Version': '0.19.0', 'Details': {'GitCommit': ''}}],
 'Version': '20.10.24+dfsg1',
 'ApiVersion': '1.41',
 'MinAPIVersion': '1.12',
 'GitCommit': '5d6db84',
 'GoVersion': 'go1.19.8',
 'Os': 'linux',
 'Arch': 'amd64',
 'KernelVersion': '6.18.44-fc-v657',
 'BuildTime': '2026-05-07T21:09:36.000000000+00:00'}

INFO_PAYLOAD = {'ID': '2BGF:MIZ6:24BI:X4EA:R6AJ:3PIR:7SOM:ESSK:VTZQ:6QUT:Z2Z6:MBP2',
 'Containers': 3,
 'ContainersRunning': 0,
 'ContainersPaused': 0,
 'ContainersStopped': 3,
 'Images': 3,
 'Driver': 'overlay2',
 'DriverStatus': [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Native Overlay Diff', 'true'],
                  ['userxattr', 'false']],
 'Plugins': {'Volume': ['local'],
             'Network': ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
             'Authorization': None,
             'Log': ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'logentries',
                     'splunk', 'syslog']},
 'MemoryLimit': True,
 'SwapLimit': True,
 'KernelMemory': True,
 'KernelMemoryTCP': True,
 'CpuCfsPeriod': True,
 'CpuCfsQuota': True,
 'CPUShares': True,
 'CPUSet': True,
 'PidsLimit': True,
 'IPv4Forwarding': True,
 'BridgeNfIptables': True,
 'BridgeNfIp6tables': True,
 'Debug': False,
 'NFd': 26,
 'OomKillDisable': True,
 'NGoroutines': 40,
 'SystemTime': '2026-11-28T01:48:08.239124719Z',
 'LoggingDriver': 'json-file',
 'CgroupDriver': 'cgroupfs',
 'CgroupVersion': '1',
 'NEventsListener': 0,
 'KernelVersion': '6.18.44-fc-v657',
 'OperatingSystem': 'Debian GNU/Linux 12 (bookworm)',
 'OSVersion': '12',
 'OSType': 'linux',
 'Architecture': 'x86_64',
 'IndexServerAddress': 'https://index.docker.io/v1/',
 'RegistryConfig': {'AllowNondistributableArtifactsCIDRs': [],
                    'AllowNondistributableArtifactsHostnames': [],
                    'InsecureRegistryCIDRs': ['127.0.0.0/8'],
                    'IndexConfigs': {'docker.io': {'Name': 'docker.io',
                                                   'Mirrors': [],
                                                   'Secure': True,
                                                   'Official': True}},
                    'Mirrors': []},
 'NCPU': 2,
 'MemTotal': 25276510208,
 'GenericResources': None,
 'DockerRootDir': '/var/lib/docker',
 'HttpProxy': '',
 'HttpsProxy': '',
 'NoProxy': '',
 'Name': 'vm',
 'Labels': [],
 'ExperimentalBuild': False,
 'ServerVersion': '20.10.24+dfsg1',
 'Runtimes': {'io.containerd.runc.v2': {'path': 'runc'},
              'io.containerd.runtime.v1.linux': {'path': 'runc'},
              'runc': {'path': 'runc'}},
 'DefaultRuntime': 'runc',
 'Swarm': {'NodeID': '',
           'NodeAddr': '',
           'LocalNodeState': 'inactive',
           'ControlAvailable': False,
           'Error': '',
           'RemoteManagers': None},
 'LiveRestoreEnabled': False,
 'Isolation': '',
 'InitBinary': 'docker-init',
 'ContainerdCommit': {'ID': '1.6.20~ds1-1+deb12u3', 'Expected': '1.6.20~ds1-1+deb12u3'},
 'RuncCommit': {'ID': '1.1.5+ds1-1+deb12u1', 'Expected': '1.1.5+ds1-1+deb12u1'},
 'InitCommit': {'ID': '', 'Expected': ''},
 'SecurityOptions': ['name=seccomp,profile=default'],
 'Warnings': None}

OLD_VERSION_PAYLOAD = {'Version': '17.03.2-ce',
 'ApiVersion': '1.27',
 'MinAPIVersion': '1.12',
 'GitCommit': 'f5ec1e2',
 'GoVersion': 'go1.7.5',
 'Os': 'linux',
 'Arch': 'amd64',
 'KernelVersion': '4.4.0',
 'Experimental': True,
 'BuildTime': '2017-06-27T02:31:19.000000000+00:00'}

INFO_SWARM_CGROUP2 = {'ID': '2BGF:MIZ6:24BI:X4EA:R6AJ:3PIR:7SOM:ESSK:VTZQ:6QUT:Z2Z6:MBP2',
 'Containers': 3,
 'ContainersRunning': 0,
 'ContainersPaused': 0,
 'ContainersStopped': 3,
 'Images': 3,
 'Driver': 'overlay2',
 'DriverStatus': [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Native Overlay Diff', 'true'],
                  ['userxattr', 'false']],
 'Plugins': {'Volume': ['local'],
             'Network': ['bridge', 'host', 'overlay'],
             'Authorization': ['authz-broker', 'opa'],
             'Log': ['json-file', 'local']},
 'MemoryLimit': True,
 'SwapLimit': True,
 'KernelMemory': False,
 'KernelMemoryTCP': False,
 'CpuCfsPeriod': True,
 'CpuCfsQuota': True,
 'CPUShares': True,
 'CPUSet': True,
 'PidsLimit': True,
 'IPv4Forwarding': True,
 'BridgeNfIptables': False,
 'BridgeNfIp6tables': True,
 'Debug': True,
 'NFd': 33,
 'OomKillDisable': True,
 'NGoroutines': 51,
 'SystemTime': '2026-11-28T01:48:08.239124719Z',
 'LoggingDriver': 'json-file',
 'CgroupDriver': 'systemd',
 'CgroupVersion': '2',
 'NEventsListener': 1,
 'KernelVersion': '6.18.44-fc-v657',
 'OperatingSystem': 'Debian GNU/Linux 12 (bookworm)',
 'OSVersion': '12',
 'OSType': 'linux',
 'Architecture': 'x86_64',
 'IndexServerAddress': 'https://index.docker.io/v1/',
 'RegistryConfig': {'AllowNondistributableArtifactsCIDRs': None,
                    'AllowNondistributableArtifactsHostnames': None,
                    'InsecureRegistryCIDRs': ['10.0.0.0/8', 'fd00::/8'],
                    'IndexConfigs': {'docker.io': {'Name': 'docker.io',
                                                   'Mirrors': ['https://mirror.example/'],
                                                   'Secure': True,
                                                   'Official': True},
                                     'reg.local:5000': {'Name': 'reg.local:5000',
                                                        'Mirrors': [],
                                                        'Secure': False,
                                                        'Official': False}},
                    'Mirrors': ['https://mirror.example/']},
 'NCPU': 2,
 'MemTotal': 2097356800,
 'GenericResources': None,
 'DockerRootDir': '/var/lib/docker',
 'HttpProxy': 'http://proxy.example:3128',
 'HttpsProxy': 'https://proxy.example:3129',
 'NoProxy': 'localhost,127.0.0.1',
 'Name': 'vm',
 'Labels': ['provider=digitalocean', 'zone=eu-1'],
 'ExperimentalBuild': False,
 'ServerVersion': '20.10.24+dfsg1',
 'Runtimes': {'runc': {'path': 'runc', 'status': {'org.opencontainers.runtime-spec.features': '{}'}},
              'crun': {'path': '/usr/bin/crun', 'runtimeArgs': ['--debug']}},
 'DefaultRuntime': 'runc',
 'Swarm': {'NodeID': 'qo2dfdig9mmxqkawulggepdih',
           'NodeAddr': '165.227.107.89',
           'LocalNodeState': 'active',
           'ControlAvailable': True,
           'Error': '',
           'RemoteManagers': [{'NodeID': 'qo2dfdig9mmxqkawulggepdih', 'Addr': '165.227.107.89:2377'},
                              {'NodeID': 'x', 'Addr': '10.0.0.2:2377'}],
           'Nodes': 1,
           'Managers': 1,
           'Cluster': {'ID': '9vs5ygs0gguyyec4iqf2314c0',
                       'Version': {'Index': 11},
                       'CreatedAt': '2017-08-24T17:34:19.278062352Z',
                       'UpdatedAt': '2017-08-24T17:34:42.398815481Z',
                       'Spec': {'Name': 'default',
                                'Labels': None,
                                'Orchestration': {'TaskHistoryRetentionLimit': 5},
                                'Raft': {'SnapshotInterval': 10000,
                                         'KeepOldSnapshots': 0,
                                         'LogEntriesForSlowFollowers': 500,
                                         'ElectionTick': 3,
                                         'HeartbeatTick': 1},
                                'Dispatcher': {'HeartbeatPeriod': 5000000000},
                                'CAConfig': {'NodeCertExpiry': 7776000000000000,
                                             'ExternalCAs': [{'Protocol': 'cfssl',
                                                              'URL': 'https://ca.example/',
                                                              'CACert': ''}],
                                             'SigningCACert': '-----BEGIN CERTIFICATE-----\n'
                                                              'MIIB\n'
                                                              '-----END CERTIFICATE-----\n',
                                             'ForceRotate': 2},
                                'TaskDefaults': {},
                                'EncryptionConfig': {'AutoLockManagers': True}},
                       'TLSInfo': {'TrustRoot': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
                                   'CertIssuerSubject': 'MBMxETAPBgNVBAMTCHN3YXJtLWNh',
                                   'CertIssuerPublicKey': 'cGs='},
                       'RootRotationInProgress': False,
                       'DefaultAddrPool': ['10.0.0.0/8', '192.168.0.0/16'],
                       'SubnetSize': 24,
                       'DataPathPort': 4789}},
 'LiveRestoreEnabled': False,
 'Isolation': '',
 'InitBinary': 'docker-init',
 'ContainerdCommit': {'ID': '1.6.20~ds1-1+deb12u3', 'Expected': '1.6.20~ds1-1+deb12u3'},
 'RuncCommit': {'ID': '1.1.5+ds1-1+deb12u1', 'Expected': '1.1.5+ds1-1+deb12u1'},
 'InitCommit': {'ID': 'de40ad0'},
 'SecurityOptions': ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns', 'name=rootless',
                     'name=userns'],
 'Warnings': ['WARNING: API is accessible on http://0.0.0.0:2375 without encryption.',
              'WARNING: No swap limit support'],
 'DefaultAddressPools': [{'Base': '10.10.0.0/16', 'Size': 24}],
 'CDISpecDirs': ['/etc/cdi', '/var/run/cdi'],
 'ProductLicense': 'Community Engine',
 'Containerd': {'Address': '/run/containerd/containerd.sock',
                'Namespaces': {'Containers': 'moby', 'Plugins': 'plugins.moby'}},
 'FirewallBackend': {'Driver': 'iptables'},
 'DiscoveredDevices': [{'Source': 'cdi', 'ID': 'vendor.com/gpu=0'}],
 'SomethingNew': {'a': 1}}

INFO_ERROR_CHANGES = {'Swarm': {'NodeID': 'n1',
           'NodeAddr': '10.0.0.3',
           'LocalNodeState': 'error',
           'ControlAvailable': False,
           'Error': 'rpc error: code = Unavailable',
           'RemoteManagers': None},
 'SecurityOptions': ['name=seccomp,profile'],
 'Runtimes': {},
 'RegistryConfig': None,
 'ServerVersion': '',
 'Name': ''}

DOCKER_VERSION = _text(
    'Client:',
    ' Version:           28.2.2',
    ' API version:       1.41 (downgraded from 1.50)',
    ' Go version:        go1.24.3',
    ' Git commit:        e6534b4',
    ' Built:             Fri May 30 12:07:14 2025',
    ' OS/Arch:           linux/amd64',
    ' Context:           default',
    '',
    'Server:',
    ' Engine:',
    '  Version:          20.10.24+dfsg1',
    '  API version:      1.41 (minimum version 1.12)',
    '  Go version:       go1.19.8',
    '  Git commit:       5d6db84',
    '  Built:            Thu May  7 21:09:36 2026',
    '  OS/Arch:          linux/amd64',
    '  Experimental:     false',
    ' containerd:',
    '  Version:          1.6.20~ds1',
    '  GitCommit:        1.6.20~ds1-1+deb12u3',
    ' runc:',
    '  Version:          1.1.5+ds1',
    '  GitCommit:        1.1.5+ds1-1+deb12u1',
    ' docker-init:',
    '  Version:          0.19.0',
    '  GitCommit:        ',
)

DOCKER_VERSION_OLD = _text(
    'Client:',
    ' Version:           28.2.2',
    ' API version:       1.27 (downgraded from 1.50)',
    ' Go version:        go1.24.3',
    ' Git commit:        e6534b4',
    ' Built:             Fri May 30 12:07:14 2025',
    ' OS/Arch:           linux/amd64',
    ' Context:           default',
    '',
    'Server:',
    ' Engine:',
    '  Version:          17.03.2-ce',
    '  API version:      1.27 (minimum version 1.12)',
    '  Go version:       go1.7.5',
    '  Git commit:       f5ec1e2',
    '  Built:            Tue Jun 27 02:31:19 2017',
    '  OS/Arch:          linux/amd64',
    '  Experimental:     true',
)

DOCKER_VERSION_PLATFORM = _text(
    'Client:',
    ' Version:           28.2.2',
    ' API version:       1.27 (downgraded from 1.50)',
    ' Go version:        go1.24.3',
    ' Git commit:        e6534b4',
    ' Built:             Fri May 30 12:07:14 2025',
    ' OS/Arch:           linux/amd64',
    ' Context:           default',
    '',
    'Server: Docker Engine - Community',
    ' Engine:',
    '  Version:          20.10.24+dfsg1',
    '  API version:      1.41 (minimum version 1.12)',
    '  Go version:       go1.19.8',
    '  Git commit:       5d6db84',
    '  Built:            Wed Jan 31 12:34:56 2024',
    '  OS/Arch:          linux/amd64',
    '  Experimental:     false',
    ' containerd:',
    '  Version:          1.6.20~ds1',
    '  GitCommit:        1.6.20~ds1-1+deb12u3',
    ' runc:',
    '  Version:          1.1.5+ds1',
    '  GitCommit:        1.1.5+ds1-1+deb12u1',
    ' docker-init:',
    '  Version:          0.19.0',
    '  GitCommit:        ',
    ' buildkit:',
    '  Version:          v0.12',
    '  Alpha:            a',
    '  GitCommit:        abc',
    '  Zeta:             z',
)

DOCKER_INFO = _text(
    'Client:',
    ' Version:    28.2.2',
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ' Containers: 3',
    '  Running: 0',
    '  Paused: 0',
    '  Stopped: 3',
    ' Images: 3',
    ' Server Version: 20.10.24+dfsg1',
    ' Storage Driver: overlay2',
    '  Backing Filesystem: extfs',
    '  Supports d_type: true',
    '  Native Overlay Diff: true',
    '  userxattr: false',
    ' Logging Driver: json-file',
    ' Cgroup Driver: cgroupfs',
    ' Cgroup Version: 1',
    ' Plugins:',
    '  Volume: local',
    '  Network: bridge host ipvlan macvlan null overlay',
    '  Log: awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog',
    ' Swarm: inactive',
    ' Runtimes: io.containerd.runc.v2 io.containerd.runtime.v1.linux runc',
    ' Default Runtime: runc',
    ' Init Binary: docker-init',
    ' containerd version: 1.6.20~ds1-1+deb12u3',
    ' runc version: 1.1.5+ds1-1+deb12u1',
    ' init version: ',
    ' Security Options:',
    '  seccomp',
    '   Profile: default',
    ' Kernel Version: 6.18.44-fc-v657',
    ' Operating System: Debian GNU/Linux 12 (bookworm)',
    ' OSType: linux',
    ' Architecture: x86_64',
    ' CPUs: 2',
    ' Total Memory: 23.54GiB',
    ' Name: vm',
    ' ID: 2BGF:MIZ6:24BI:X4EA:R6AJ:3PIR:7SOM:ESSK:VTZQ:6QUT:Z2Z6:MBP2',
    ' Docker Root Dir: /var/lib/docker',
    ' Debug Mode: false',
    ' Experimental: false',
    ' Insecure Registries:',
    '  127.0.0.0/8',
    ' Live Restore Enabled: false',
    '',
)

DOCKER_INFO_SWARM_CGROUP2 = _text(
    'Client:',
    ' Version:    28.2.2',
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ' Containers: 3',
    '  Running: 0',
    '  Paused: 0',
    '  Stopped: 3',
    ' Images: 3',
    ' Server Version: 20.10.24+dfsg1',
    ' Storage Driver: overlay2',
    '  Backing Filesystem: extfs',
    '  Supports d_type: true',
    '  Native Overlay Diff: true',
    '  userxattr: false',
    ' Logging Driver: json-file',
    ' Cgroup Driver: systemd',
    ' Cgroup Version: 2',
    ' Plugins:',
    '  Volume: local',
    '  Network: bridge host overlay',
    '  Authorization: authz-broker opa',
    '  Log: json-file local',
    ' CDI spec directories:',
    '  /etc/cdi',
    '  /var/run/cdi',
    ' Discovered Devices:',
    '  cdi: vendor.com/gpu=0',
    ' Swarm: active',
    '  NodeID: qo2dfdig9mmxqkawulggepdih',
    '  Is Manager: true',
    '  ClusterID: 9vs5ygs0gguyyec4iqf2314c0',
    '  Managers: 1',
    '  Nodes: 1',
    '  Default Address Pool: 10.0.0.0/8  192.168.0.0/16  ',
    '  SubnetSize: 24',
    '  Data Path Port: 4789',
    '  Orchestration:',
    '   Task History Retention Limit: 5',
    '  Raft:',
    '   Snapshot Interval: 10000',
    '   Number of Old Snapshots to Retain: 0',
    '   Heartbeat Tick: 1',
    '   Election Tick: 3',
    '  Dispatcher:',
    '   Heartbeat Period: 5 seconds',
    '  CA Configuration:',
    '   Expiry Duration: 3 months',
    '   Force Rotate: 2',
    '   Signing CA Certificate: ',
    '-----BEGIN CERTIFICATE-----',
    'MIIB',
    '-----END CERTIFICATE-----',
    '',
    '   External CAs:',
    '     cfssl: https://ca.example/',
    '  Autolock Managers: true',
    '  Root Rotation In Progress: false',
    '  Node Address: 165.227.107.89',
    '  Manager Addresses:',
    '   10.0.0.2:2377',
    '   165.227.107.89:2377',
    ' Runtimes: crun runc',
    ' Default Runtime: runc',
    ' Init Binary: docker-init',
    ' containerd version: 1.6.20~ds1-1+deb12u3',
    ' runc version: 1.1.5+ds1-1+deb12u1',
    ' init version: de40ad0',
    ' Security Options:',
    '  apparmor',
    '  seccomp',
    '   Profile: builtin',
    '  cgroupns',
    '  rootless',
    '  userns',
    ' Kernel Version: 6.18.44-fc-v657',
    ' Operating System: Debian GNU/Linux 12 (bookworm)',
    ' OSType: linux',
    ' Architecture: x86_64',
    ' CPUs: 2',
    ' Total Memory: 1.953GiB',
    ' Name: vm',
    ' ID: 2BGF:MIZ6:24BI:X4EA:R6AJ:3PIR:7SOM:ESSK:VTZQ:6QUT:Z2Z6:MBP2',
    ' Docker Root Dir: /var/lib/docker',
    ' Debug Mode: true',
    '  File Descriptors: 33',
    '  Goroutines: 51',
    '  System Time: 2026-11-28T01:48:08.239124719Z',
    '  EventsListeners: 1',
    ' HTTP Proxy: http://proxy.example:3128',
    ' HTTPS Proxy: https://proxy.example:3129',
    ' No Proxy: localhost,127.0.0.1',
    ' Labels:',
    '  provider=digitalocean',
    '  zone=eu-1',
    ' Experimental: false',
    ' Insecure Registries:',
    '  reg.local:5000',
    '  10.0.0.0/8',
    '  fd00::/8',
    ' Registry Mirrors:',
    '  https://mirror.example/',
    ' Live Restore Enabled: false',
    ' Product License: Community Engine',
    ' Default Address Pools:',
    '   Base: 10.10.0.0/16, Size: 24',
    '',
)

DOCKER_INFO_ERROR = _text(
    'Client:',
    ' Version:    28.2.2',
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ' Containers: 3',
    '  Running: 0',
    '  Paused: 0',
    '  Stopped: 3',
    ' Images: 3',
    ' Storage Driver: overlay2',
    '  Backing Filesystem: extfs',
    '  Supports d_type: true',
    '  Native Overlay Diff: true',
    '  userxattr: false',
    ' Logging Driver: json-file',
    ' Cgroup Driver: cgroupfs',
    ' Cgroup Version: 1',
    ' Plugins:',
    '  Volume: local',
    '  Network: bridge host ipvlan macvlan null overlay',
    '  Log: awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog',
    ' Swarm: error',
    '  NodeID: n1',
    '  Error: rpc error: code = Unavailable',
    '  Is Manager: false',
    '  Node Address: 10.0.0.3',
    ' Init Binary: docker-init',
    ' containerd version: 1.6.20~ds1-1+deb12u3',
    ' runc version: 1.1.5+ds1-1+deb12u1',
    ' init version: ',
    ' Kernel Version: 6.18.44-fc-v657',
    ' Operating System: Debian GNU/Linux 12 (bookworm)',
    ' OSType: linux',
    ' Architecture: x86_64',
    ' CPUs: 2',
    ' Total Memory: 23.54GiB',
    ' ID: 2BGF:MIZ6:24BI:X4EA:R6AJ:3PIR:7SOM:ESSK:VTZQ:6QUT:Z2Z6:MBP2',
    ' Docker Root Dir: /var/lib/docker',
    ' Debug Mode: false',
    ' Experimental: false',
    ' Live Restore Enabled: false',
    '',
)

DOCKER_VERSION_JSON = (
    '{"Client":{"Version":"28.2.2","ApiVersion":"1.41","DefaultAPIVersion":"1.50","GitCommit":"e6534b4",'
    '"GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025",'
    '"Context":"default"},"Server":{"Platform":{"Name":""},"Components":[{"Name":"Engine",'
    '"Version":"20.10.24+dfsg1","Details":{"ApiVersion":"1.41","Arch":"amd64",'
    '"BuildTime":"Thu May  7 21:09:36 2026","Experimental":"false","GitCommit":"5d6db84",'
    '"GoVersion":"go1.19.8","KernelVersion":"6.18.44-fc-v657","MinAPIVersion":"1.12","Os":"linux"}},'
    '{"Name":"containerd","Version":"1.6.20~ds1","Details":{"GitCommit":"1.6.20~ds1-1+deb12u3"}},'
    '{"Name":"runc","Version":"1.1.5+ds1","Details":{"GitCommit":"1.1.5+ds1-1+deb12u1"}},'
    '{"Name":"docker-init","Version":"0.19.0","Details":{"GitCommit":""}}],"Version":"20.10.24+dfsg1",'
    '"ApiVersion":"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84","GoVersion":"go1.19.8","Os":"linux",'
    '"Arch":"amd64","KernelVersion":"6.18.44-fc-v657","BuildTime":"2026-05-07T21:09:36.000000000+00:00"}}'
)

DOCKER_INFO_JSON = (
    '{"ID":"2BGF:MIZ6:24BI:X4EA:R6AJ:3PIR:7SOM:ESSK:VTZQ:6QUT:Z2Z6:MBP2","Containers":3,"ContainersRunning":0,'
    '"ContainersPaused":0,"ContainersStopped":3,"Images":3,"Driver":"overlay2",'
    '"DriverStatus":[["Backing Filesystem","extfs"],["Supports d_type","true"],["Native Overlay Diff","true"],'
    '["userxattr","false"]],"Plugins":{"Volume":["local"],"Network":["bridge","host","ipvlan","macvlan",'
    '"null","overlay"],"Authorization":null,"Log":["awslogs","fluentd","gcplogs","gelf","journald",'
    '"json-file","local","logentries","splunk","syslog"]},"MemoryLimit":true,"SwapLimit":true,'
    '"KernelMemory":true,"KernelMemoryTCP":true,"CpuCfsPeriod":true,"CpuCfsQuota":true,"CPUShares":true,'
    '"CPUSet":true,"PidsLimit":true,"IPv4Forwarding":true,"Debug":false,"NFd":26,"OomKillDisable":true,'
    '"NGoroutines":40,"SystemTime":"2026-11-28T01:48:08.239124719Z","LoggingDriver":"json-file",'
    '"CgroupDriver":"cgroupfs","CgroupVersion":"1","NEventsListener":0,"KernelVersion":"6.18.44-fc-v657",'
    '"OperatingSystem":"Debian GNU/Linux 12 (bookworm)","OSVersion":"12","OSType":"linux",'
    '"Architecture":"x86_64","IndexServerAddress":"https://index.docker.io/v1/",'
    '"RegistryConfig":{"IndexConfigs":{"docker.io":{"Mirrors":[],"Name":"docker.io","Official":true,'
    '"Secure":true}},"InsecureRegistryCIDRs":["127.0.0.0/8"],"Mirrors":[]},"NCPU":2,"MemTotal":25276510208,'
    '"GenericResources":null,"DockerRootDir":"/var/lib/docker","HttpProxy":"","HttpsProxy":"","NoProxy":"",'
    '"Name":"vm","Labels":[],"ExperimentalBuild":false,"ServerVersion":"20.10.24+dfsg1",'
    '"Runtimes":{"io.containerd.runc.v2":{"path":"runc"},"io.containerd.runtime.v1.linux":{"path":"runc"},'
    '"runc":{"path":"runc"}},"DefaultRuntime":"runc","Swarm":{"NodeID":"","NodeAddr":"",'
    '"LocalNodeState":"inactive","ControlAvailable":false,"Error":"","RemoteManagers":null},'
    '"LiveRestoreEnabled":false,"Isolation":"","InitBinary":"docker-init",'
    '"ContainerdCommit":{"ID":"1.6.20~ds1-1+deb12u3","Expected":"1.6.20~ds1-1+deb12u3"},'
    '"RuncCommit":{"ID":"1.1.5+ds1-1+deb12u1","Expected":"1.1.5+ds1-1+deb12u1"},"InitCommit":{"ID":""},'
    '"SecurityOptions":["name=seccomp,profile=default"],"CDISpecDirs":null,"Warnings":null,'
    '"ClientInfo":{"Debug":false,"Version":"28.2.2","DefaultAPIVersion":"1.50","GitCommit":"e6534b4",'
    '"GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025",'
    '"Context":"default","Plugins":[],"Warnings":null}}'
)

DOCKER_INFO_SWARM_JSON = (
    '{"ID":"2BGF:MIZ6:24BI:X4EA:R6AJ:3PIR:7SOM:ESSK:VTZQ:6QUT:Z2Z6:MBP2","Containers":3,"ContainersRunning":0,'
    '"ContainersPaused":0,"ContainersStopped":3,"Images":3,"Driver":"overlay2",'
    '"DriverStatus":[["Backing Filesystem","extfs"],["Supports d_type","true"],["Native Overlay Diff","true"],'
    '["userxattr","false"]],"Plugins":{"Volume":["local"],"Network":["bridge","host","overlay"],'
    '"Authorization":["authz-broker","opa"],"Log":["json-file","local"]},"MemoryLimit":true,"SwapLimit":true,'
    '"CpuCfsPeriod":true,"CpuCfsQuota":true,"CPUShares":true,"CPUSet":true,"PidsLimit":true,'
    '"IPv4Forwarding":true,"Debug":true,"NFd":33,"OomKillDisable":true,"NGoroutines":51,'
    '"SystemTime":"2026-11-28T01:48:08.239124719Z","LoggingDriver":"json-file","CgroupDriver":"systemd",'
    '"CgroupVersion":"2","NEventsListener":1,"KernelVersion":"6.18.44-fc-v657",'
    '"OperatingSystem":"Debian GNU/Linux 12 (bookworm)","OSVersion":"12","OSType":"linux",'
    '"Architecture":"x86_64","IndexServerAddress":"https://index.docker.io/v1/",'
    '"RegistryConfig":{"IndexConfigs":{"docker.io":{"Mirrors":["https://mirror.example/"],"Name":"docker.io",'
    '"Official":true,"Secure":true},"reg.local:5000":{"Mirrors":[],"Name":"reg.local:5000","Official":false,'
    '"Secure":false}},"InsecureRegistryCIDRs":["10.0.0.0/8","fd00::/8"],'
    '"Mirrors":["https://mirror.example/"]},"NCPU":2,"MemTotal":2097356800,"GenericResources":null,'
    '"DockerRootDir":"/var/lib/docker","HttpProxy":"http://proxy.example:3128",'
    '"HttpsProxy":"https://proxy.example:3129","NoProxy":"localhost,127.0.0.1","Name":"vm",'
    '"Labels":["provider=digitalocean","zone=eu-1"],"ExperimentalBuild":false,'
    '"ServerVersion":"20.10.24+dfsg1","Runtimes":{"crun":{"path":"/usr/bin/crun","runtimeArgs":["--debug"]},'
    '"runc":{"path":"runc","status":{"org.opencontainers.runtime-spec.features":"{}"}}},'
    '"DefaultRuntime":"runc","Swarm":{"NodeID":"qo2dfdig9mmxqkawulggepdih","NodeAddr":"165.227.107.89",'
    '"LocalNodeState":"active","ControlAvailable":true,"Error":"",'
    '"RemoteManagers":[{"NodeID":"qo2dfdig9mmxqkawulggepdih","Addr":"165.227.107.89:2377"},{"NodeID":"x",'
    '"Addr":"10.0.0.2:2377"}],"Nodes":1,"Managers":1,"Cluster":{"ID":"9vs5ygs0gguyyec4iqf2314c0",'
    '"Version":{"Index":11},"CreatedAt":"2017-08-24T17:34:19.278062352Z",'
    '"UpdatedAt":"2017-08-24T17:34:42.398815481Z","Spec":{"Name":"default","Labels":null,'
    '"Orchestration":{"TaskHistoryRetentionLimit":5},"Raft":{"SnapshotInterval":10000,"KeepOldSnapshots":0,'
    '"LogEntriesForSlowFollowers":500,"ElectionTick":3,"HeartbeatTick":1},'
    '"Dispatcher":{"HeartbeatPeriod":5000000000},"CAConfig":{"NodeCertExpiry":7776000000000000,'
    '"ExternalCAs":[{"Protocol":"cfssl","URL":"https://ca.example/","CACert":""}],'
    '"SigningCACert":"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n","ForceRotate":2},'
    '"TaskDefaults":{},"EncryptionConfig":{"AutoLockManagers":true}},'
    '"TLSInfo":{"TrustRoot":"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n",'
    '"CertIssuerSubject":"MBMxETAPBgNVBAMTCHN3YXJtLWNh","CertIssuerPublicKey":"cGs="},'
    '"RootRotationInProgress":false,"DefaultAddrPool":["10.0.0.0/8","192.168.0.0/16"],"SubnetSize":24,'
    '"DataPathPort":4789}},"LiveRestoreEnabled":false,"Isolation":"","InitBinary":"docker-init",'
    '"ContainerdCommit":{"ID":"1.6.20~ds1-1+deb12u3","Expected":"1.6.20~ds1-1+deb12u3"},'
    '"RuncCommit":{"ID":"1.1.5+ds1-1+deb12u1","Expected":"1.1.5+ds1-1+deb12u1"},"InitCommit":{"ID":"de40ad0"},'
    '"SecurityOptions":["name=apparmor","name=seccomp,profile=builtin","name=cgroupns","name=rootless",'
    '"name=userns"],"ProductLicense":"Community Engine","DefaultAddressPools":[{"Base":"10.10.0.0/16",'
    '"Size":24}],"FirewallBackend":{"Driver":"iptables"},"CDISpecDirs":["/etc/cdi","/var/run/cdi"],'
    '"DiscoveredDevices":[{"Source":"cdi","ID":"vendor.com/gpu=0"}],'
    '"Containerd":{"Address":"/run/containerd/containerd.sock","Namespaces":{"Containers":"moby",'
    '"Plugins":"plugins.moby"}},'
    '"Warnings":["WARNING: API is accessible on http://0.0.0.0:2375 without encryption.",'
    '"WARNING: No swap limit support"],"ClientInfo":{"Debug":false,"Version":"28.2.2",'
    '"DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64",'
    '"BuildTime":"Fri May 30 12:07:14 2025","Context":"default","Plugins":[],"Warnings":null}}'
)

DOCKER_INFO_UNREACHABLE_JSON = (
    '{"ID":"","Containers":0,"ContainersRunning":0,"ContainersPaused":0,"ContainersStopped":0,"Images":0,'
    '"Driver":"","DriverStatus":null,"Plugins":{"Volume":null,"Network":null,"Authorization":null,"Log":null},'
    '"MemoryLimit":false,"SwapLimit":false,"CpuCfsPeriod":false,"CpuCfsQuota":false,"CPUShares":false,'
    '"CPUSet":false,"PidsLimit":false,"IPv4Forwarding":false,"Debug":false,"NFd":0,"OomKillDisable":false,'
    '"NGoroutines":0,"SystemTime":"","LoggingDriver":"","CgroupDriver":"","NEventsListener":0,'
    '"KernelVersion":"","OperatingSystem":"","OSVersion":"","OSType":"","Architecture":"",'
    '"IndexServerAddress":"","RegistryConfig":null,"NCPU":0,"MemTotal":0,"GenericResources":null,'
    '"DockerRootDir":"","HttpProxy":"","HttpsProxy":"","NoProxy":"","Name":"","Labels":null,'
    '"ExperimentalBuild":false,"ServerVersion":"","Runtimes":null,"DefaultRuntime":"","Swarm":{"NodeID":"",'
    '"NodeAddr":"","LocalNodeState":"","ControlAvailable":false,"Error":"","RemoteManagers":null},'
    '"LiveRestoreEnabled":false,"Isolation":"","InitBinary":"","ContainerdCommit":{"ID":""},'
    '"RuncCommit":{"ID":""},"InitCommit":{"ID":""},"SecurityOptions":null,"CDISpecDirs":null,"Warnings":null,'
    '"ClientInfo":{"Debug":false,"Version":"28.2.2","DefaultAPIVersion":"1.50","GitCommit":"e6534b4",'
    '"GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025",'
    '"Context":"default","Plugins":[],"Warnings":null}}'
)


def _platform_payload() -> dict:
    engine = dict(VERSION_PAYLOAD["Components"][0])
    engine["Details"] = dict(engine["Details"], BuildTime="2024-01-31T12:34:56.123+01:00")
    extra = {"Name": "buildkit", "Version": "v0.12", "Details": {"Zeta": "z", "Alpha": "a", "GitCommit": "abc"}}
    return dict(VERSION_PAYLOAD, Platform={"Name": "Docker Engine - Community"},
                Components=[engine, *VERSION_PAYLOAD["Components"][1:], extra])


# -- version --------------------------------------------------------------------------------------------


def test_version_layout_is_dockers():
    assert s.render_version(s.version_info(DOCKER_CLIENT, VERSION_PAYLOAD)) == DOCKER_VERSION


def test_version_json_is_dockers():
    assert _json(s.version_info(DOCKER_CLIENT, VERSION_PAYLOAD)) == DOCKER_VERSION_JSON


def test_version_makes_up_the_engine_component_for_old_daemons():
    client = dict(DOCKER_CLIENT, ApiVersion="1.27")
    assert s.render_version(s.version_info(client, OLD_VERSION_PAYLOAD)) == DOCKER_VERSION_OLD


def test_version_platform_name_sorted_details_and_build_time_offset():
    client = dict(DOCKER_CLIENT, ApiVersion="1.27")
    assert s.render_version(s.version_info(client, _platform_payload())) == DOCKER_VERSION_PLATFORM


def test_version_without_server_is_the_client_part_only():
    client = dict(DOCKER_CLIENT, ApiVersion="1.50")
    assert s.render_version(s.version_info(client, None)) == DOCKER_VERSION.split("\n\n")[0].replace(
        "1.41 (downgraded from 1.50)", "1.50") + "\n"


def test_version_runtime_label_keeps_the_alignment():
    text = s.render_version(s.version_info(DOCKER_CLIENT, VERSION_PAYLOAD), runtime_label="Python version")
    assert " Python version:    go1.24.3\n" in text
    assert text.replace("Python version:    ", "Go version:        ") == DOCKER_VERSION


def test_version_fields_by_go_name_json_by_tag():
    vi = s.version_info(DOCKER_CLIENT, VERSION_PAYLOAD)
    assert vi.Server.APIVersion == "1.41" and vi.Client.APIVersion == "1.41"
    assert type(vi.Server).go_type == "*types.Version"
    with pytest.raises(AttributeError):
        vi.Server.ApiVersion  # noqa: B018 (Go's field is APIVersion; ApiVersion is only its JSON tag)
    assert str(vi.Client) == "{<nil> 28.2.2 1.41 1.50 e6534b4 go1.24.3 linux amd64 Fri May 30 12:07:14 2025 default}"


@pytest.mark.parametrize("value, expected", [
    ("2026-05-07T21:09:36.000000000+00:00", "Thu May  7 21:09:36 2026"),
    ("2024-01-31T12:34:56.123+01:00", "Wed Jan 31 12:34:56 2024"),
    ("2017-06-27T02:31:19Z", "Tue Jun 27 02:31:19 2017"),
    ("Fri May 30 12:07:14 2025", "Fri May 30 12:07:14 2025"),
    ("", ""),
])
def test_reformat_date(value, expected):
    assert s.reformat_date(value) == expected


@pytest.mark.parametrize("platform, machine, expected", [
    ("linux", "x86_64", ("linux", "amd64")), ("linux", "aarch64", ("linux", "arm64")),
    ("darwin", "arm64", ("darwin", "arm64")), ("win32", "AMD64", ("windows", "amd64")),
    ("linux", "armv7l", ("linux", "arm")), ("linux", "i686", ("linux", "386")),
])
def test_go_platform(platform, machine, expected):
    assert s.go_platform(platform, machine) == expected


# -- info -----------------------------------------------------------------------------------------------


def test_info_layout_is_dockers():
    result = s.render_info(INFO_PAYLOAD, DOCKER_CLIENT_INFO)
    assert (result.out, result.err, result.failed) == (DOCKER_INFO, "", False)


def test_info_json_is_dockers():
    assert _json(s.docker_info(INFO_PAYLOAD, DOCKER_CLIENT_INFO)) == DOCKER_INFO_JSON


def test_info_swarm_manager_on_cgroup_v2():
    result = s.render_info(INFO_SWARM_CGROUP2, DOCKER_CLIENT_INFO)
    assert result.out == DOCKER_INFO_SWARM_CGROUP2
    assert result.err == ("WARNING: API is accessible on http://0.0.0.0:2375 without encryption.\n"
                          "WARNING: No swap limit support\n")
    assert not result.failed


def test_info_swarm_manager_json_drops_what_docker_does_not_know():
    assert "SomethingNew" in INFO_SWARM_CGROUP2 and "BridgeNfIptables" in INFO_SWARM_CGROUP2
    assert _json(s.docker_info(INFO_SWARM_CGROUP2, DOCKER_CLIENT_INFO)) == DOCKER_INFO_SWARM_JSON


def test_info_swarm_error_state_and_a_bad_security_option():
    result = s.render_info({**INFO_PAYLOAD, **INFO_ERROR_CHANGES}, DOCKER_CLIENT_INFO)
    assert result.out == DOCKER_INFO_ERROR
    assert result.err == 'ERROR: invalid security option "profile"\n'
    assert result.failed  # the command then fails with "errors pretty printing info"


def test_info_without_server_prints_the_headers_only():
    result = s.render_info(None, DOCKER_CLIENT_INFO)
    assert result.out == "Client:\n Version:    28.2.2\n Context:    default\n Debug Mode: false\n\nServer:\n"
    assert (result.err, result.failed) == ("", False)


def test_info_daemon_error_is_an_error_line():
    result = s.render_info(None, DOCKER_CLIENT_INFO, server_errors=("Error response from daemon: boom",))
    assert result.err == "ERROR: Error response from daemon: boom\n" and result.failed


def test_info_json_without_server_is_a_zero_info():
    assert _json(s.docker_info(None, DOCKER_CLIENT_INFO)) == DOCKER_INFO_UNREACHABLE_JSON


def test_info_debug_lines_when_the_client_debugs():
    out = s.render_info(INFO_PAYLOAD, DOCKER_CLIENT_INFO, client_debug=True).out
    assert (" Debug Mode: false\n  File Descriptors: 26\n  Goroutines: 40\n"
            "  System Time: 2026-11-28T01:48:08.239124719Z\n  EventsListeners: 0\n") in out


def test_info_username_line_after_the_proxies():
    out = s.render_info(INFO_PAYLOAD, DOCKER_CLIENT_INFO, username="alice").out
    assert " Docker Root Dir: /var/lib/docker\n Debug Mode: false\n Username: alice\n Experimental: false\n" in out


def test_info_fields_print_as_go_prints_them():
    info = s.docker_info(INFO_SWARM_CGROUP2, DOCKER_CLIENT_INFO)
    assert str(info.Plugins) == "{[local] [bridge host overlay] [authz-broker opa] [json-file local]}"
    assert str(info.ContainerdCommit) == "{1.6.20~ds1-1+deb12u3 1.6.20~ds1-1+deb12u3}"
    assert str(info.ClientInfo) == ("{false {<nil> 28.2.2  1.50 e6534b4 go1.24.3 linux amd64 Fri May 30 12:07:14 2025 "
                                    "default} [] []}")
    assert s.go_sprint(info.Runtimes) == ("map[crun:{{/usr/bin/crun [--debug]  map[]} map[]} "
                                          "runc:{{runc []  map[]} map[org.opencontainers.runtime-spec.features:{}]}]")
    assert info.HTTPProxy == "http://proxy.example:3128" and info.ClientInfo.Version == "28.2.2"


def test_security_options_decoding():
    assert s.decode_security_options(["name=seccomp,profile=default", "apparmor", "name=rootless"]) == [
        ("seccomp", [("profile", "default")]), ("apparmor", []), ("rootless", [])]
    with pytest.raises(ValueError, match="invalid empty security option"):
        s.decode_security_options(["name=,x=y"])


# -- templates ------------------------------------------------------------------------------------------


def _run(template: str, data, name: str = "") -> tuple[str, str | None]:
    return s.execute_template(s.parse_template(template, name), data, name)


def test_templates_reach_go_field_names():
    vi = s.version_info(DOCKER_CLIENT, VERSION_PAYLOAD)
    assert _run("{{.Server.APIVersion}}", vi, "version") == ("1.41", None)
    assert _run("{{.Server.ApiVersion}}", vi, "version") == ("", 'template: version:1:9: executing "version" at '
                                                             "<.Server.ApiVersion>: can't evaluate field ApiVersion "
                                                             "in type *types.Version")
    info = s.docker_info(INFO_PAYLOAD, DOCKER_CLIENT_INFO)
    assert _run("{{.ServerVersion}} {{.Swarm.LocalNodeState}} {{.HTTPProxy}}|", info) == ("20.10.24+dfsg1 inactive |", None)
    assert _run("{{.Foo}}", info)[1] == ('template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type '
                                        "system.dockerInfo")


def test_template_json_is_dockers_and_not_html_escaped():
    assert _run("json", s.version_info(DOCKER_CLIENT, VERSION_PAYLOAD), "version") == (DOCKER_VERSION_JSON, None)
    info = s.docker_info(dict(INFO_PAYLOAD, NoProxy="a<b&c"), DOCKER_CLIENT_INFO)
    assert _run("{{json .NoProxy}}", info) == ('"a<b&c"', None)


def test_template_parse_error_exits_64_with_dockers_text():
    from pydock.errors import PydockError

    with pytest.raises(PydockError) as e:
        s.parse_template("{{.Foo", "version")
    assert (str(e.value), e.value.exit_code) == ("template parsing error: template: version:1: unclosed action", 64)


# -- the client half ------------------------------------------------------------------------------------


def test_client_info_has_no_api_version_and_no_plugins():
    assert s.client_info(DOCKER_CLIENT, debug=True) == {
        "Debug": True, "Version": "28.2.2", "DefaultAPIVersion": "1.50", "GitCommit": "e6534b4", "GoVersion": "go1.24.3",
        "Os": "linux", "Arch": "amd64", "BuildTime": "Fri May 30 12:07:14 2025", "Context": "default", "Plugins": [],
        "Warnings": None}


@pytest.mark.parametrize("auths, expected", [
    ({"https://index.docker.io/v1/": {"auth": "YWxpY2U6c2VjcmV0"}}, "alice"),
    ({"https://index.docker.io/v1/": {}}, ""),
    ({"https://index.docker.io/v1/": {"username": "bob"}}, "bob"),
    ({"https://index.docker.io/v1/": {"auth": "!!"}}, ""),
    ({"registry.example": {"auth": "YWxpY2U6c2VjcmV0"}}, ""),
    (None, ""),
])
def test_hub_username(auths, expected):
    from pydock.cli.system.info import hub_username

    assert hub_username({"auths": auths} if auths is not None else {}) == expected
