"""`--platform os[/arch[/variant]]` as containerd's platforms.Parse reads it, and the normalised form
the Go client sends as `platform=` on create (path.Join(os, arch, variant))."""

from __future__ import annotations

import platform as host_platform
import re

from ._errors import OptionError
from .network import go_quote

_COMPONENT = re.compile(r"^[A-Za-z0-9_.-]+$")
_OS_AND_VERSION = re.compile(r"^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$")
KNOWN_OS = ("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl",
            "netbsd", "openbsd", "plan9", "solaris", "windows", "zos")
KNOWN_ARCH = ("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le", "loong64", "mips",
              "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x",
              "sparc", "sparc64", "wasm")
_MACHINE_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64", "i386": "386",
                 "i686": "386", "armv7l": "arm", "ppc64le": "ppc64le", "s390x": "s390x", "riscv64": "riscv64"}


def client_arch() -> str:
    """runtime.GOARCH of the client."""
    return _MACHINE_ARCH.get(host_platform.machine().lower(), host_platform.machine().lower())


def normalize_arch(arch: str, variant: str) -> tuple[str, str]:
    arch, variant = arch.lower(), variant.lower()
    if arch == "i386":
        return "386", ""
    if arch in ("x86_64", "x86-64", "amd64"):
        return "amd64", "" if variant == "v1" else variant
    if arch in ("aarch64", "arm64"):
        return "arm64", {"8": "", "v8": "", "v8.0": "", "9": "v9", "9.0": "v9", "v9.0": "v9"}.get(variant, variant)
    if arch == "armhf":
        return "arm", "v7"
    if arch == "armel":
        return "arm", "v6"
    if arch == "arm":
        return "arm", {"": "v7", "7": "v7", "5": "v5", "6": "v6", "8": "v8"}.get(variant, variant)
    return arch, variant


def _invalid(message: str) -> OptionError:
    return OptionError(f"{message}: invalid argument")


def parse_platform(specifier: str) -> tuple[str, str, str]:
    """→ (os, architecture, variant), with containerd's error messages."""
    if "*" in specifier:
        raise _invalid(f"{go_quote(specifier)}: wildcards not yet supported")
    parts = specifier.split("/", 3)
    match = _OS_AND_VERSION.match(parts[0])
    if match is None:
        raise _invalid(f"{go_quote(parts[0])} is an invalid OS component of {go_quote(specifier)}: OSAndVersion "
                       f"specifier component must match {go_quote(_OS_AND_VERSION.pattern)}")
    for part in parts[1:]:
        if not _COMPONENT.match(part):
            raise _invalid(f"{go_quote(part)} is an invalid component of {go_quote(specifier)}: platform specifier "
                           f"component must match {go_quote(_COMPONENT.pattern)}")
    os_name = match.group(1).lower()
    return _by_length(specifier, parts, "darwin" if os_name == "macos" else os_name)


def _by_length(specifier: str, parts: list[str], os_name: str) -> tuple[str, str, str]:
    if len(parts) == 1:
        if os_name in KNOWN_OS:
            return os_name, client_arch(), ""
        arch, variant = normalize_arch(parts[0], "")
        variant = "" if arch == "arm" and variant == "v7" else variant
        if arch in KNOWN_ARCH:
            return "linux", arch, variant
        raise _invalid(f"{go_quote(specifier)}: unknown operating system or architecture")
    if len(parts) == 2:
        arch, variant = normalize_arch(parts[1], "")
        return os_name, arch, "" if arch == "arm" and variant == "v7" else variant
    if len(parts) == 3:
        arch, variant = normalize_arch(parts[1], parts[2])
        return os_name, arch, "v8" if arch == "arm64" and not variant else variant
    raise _invalid(f"{go_quote(specifier)}: cannot parse platform specifier")


def format_platform(specifier: str) -> str:
    """The `platform=` query value: os/arch[/variant]."""
    return "/".join(p for p in parse_platform(specifier) if p)
