"""`-p/--publish` and `--expose` (pydock.opts.ports): only OptionError escapes, and every mapping a spec
parses to renders back to a spec that parses to the same mapping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pydock.opts._errors import OptionError
from pydock.opts.ports import parse_expose, parse_port_spec, parse_publish, split_host_port, to_standard_notation

from ._fuzz import check_typed, junk, near, numbers, spliced

ips = st.one_of(st.sampled_from(["", "127.0.0.1", "0.0.0.0", "[::1]", "::1", "[::]", "::", "[fe80::1%eth0]",
                                 "fe80::1%eth0", "1.2.3", "01.2.3.4", "::ffff:1.2.3.4", "[::ffff:1.2.3.4]",
                                 "[1.2.3.4]", "[::1", "::1]", "localhost"]),
                st.ip_addresses(v=4).map(str), st.ip_addresses(v=6).map(lambda a: f"[{a}]"))
port_range = st.one_of(numbers, spliced(numbers, "-", numbers, junk_rate=10))
protos = st.sampled_from(["", "/tcp", "/udp", "/sctp", "/TCP", "/Udp", "/", "/xyz", "/tcp/udp", "//"])

port_specs = st.one_of(
    spliced(port_range, protos),
    spliced(port_range, ":", port_range, protos),
    spliced(ips, ":", port_range, ":", port_range, protos),
    spliced(ips, "::", port_range, protos),
    junk,
)
long_specs = spliced(st.sampled_from(["published=", "target=", "protocol=", "mode=", "bogus", "="]), near(numbers),
                     st.sampled_from(["", ","]), st.sampled_from(["target=", "protocol=", "published=", "host_ip="]),
                     near(numbers), st.sampled_from(["", ",protocol=udp", ",mode=host", ",", ",x"]))


def render(port_key: str, binding: dict) -> str:
    """A (port key, binding) pair as a `-p` spec: `[ip:][hostPort:]port/proto`."""
    ip, host_port = binding["HostIp"], binding["HostPort"]
    if ":" in ip:
        ip = f"[{ip}]"
    if ip:
        return f"{ip}:{host_port}:{port_key}"
    return f"{host_port}:{port_key}" if host_port else port_key


@given(port_specs)
def test_port_spec_raises_only_option_error_and_round_trips(spec):
    mappings, _ = check_typed(parse_port_spec, spec, errors=(OptionError,))
    for port_key, binding in mappings or ():
        again = parse_port_spec(render(port_key, binding))
        assert again == [(port_key, binding)], (spec, render(port_key, binding))


@given(st.lists(st.one_of(port_specs, long_specs), max_size=4))
def test_publish_raises_only_option_error_and_is_stable(specs):
    result, _ = check_typed(parse_publish, specs, errors=(OptionError,))
    if result is None:
        return
    exposed, bindings = result
    assert set(exposed) == set(bindings)
    rendered = [render(key, b) for key, bs in bindings.items() for b in bs]
    assert parse_publish(rendered) == (exposed, bindings)


@given(long_specs)
def test_long_syntax_raises_only_option_error(spec):
    standard, _ = check_typed(to_standard_notation, spec, errors=(OptionError,))
    if standard is not None:
        check_typed(parse_port_spec, standard, errors=(OptionError,))


@given(st.lists(st.one_of(spliced(port_range, protos), junk), max_size=3))
def test_expose_raises_only_option_error_and_is_stable(specs):
    exposed, _ = check_typed(parse_expose, specs, {}, errors=(OptionError,))
    if exposed is not None:
        assert parse_expose(list(exposed), {}) == exposed


@given(st.one_of(spliced(ips, ":", numbers), junk))
def test_split_host_port_raises_only_option_error(hostport):
    check_typed(split_host_port, hostport, errors=(OptionError,))
