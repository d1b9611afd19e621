"""Row views: docker's field rendering for ps and images."""

import pytest

from pydock.render.views import (ContainerView, displayable_ports, ellipsis, go_quote, image_rows,
                                 truncate_id)

P = lambda priv, typ="tcp", ip="", pub=0: {"PrivatePort": priv, "Type": typ, **({"IP": ip, "PublicPort": pub} if ip else {})}


def test_ports_example_from_docker_verified_on_the_wire():
    # -p 127.0.0.1:41080-41082:80-82 -p 41900:9000/udp -p 41443:443 --expose 5000-5002
    ports = [P(5000), P(5001), P(5002),
             P(80, ip="127.0.0.1", pub=41080), P(81, ip="127.0.0.1", pub=41081), P(82, ip="127.0.0.1", pub=41082),
             P(443, ip="0.0.0.0", pub=41443), P(443, ip="::", pub=41443),
             P(9000, "udp", ip="0.0.0.0", pub=41900), P(9000, "udp", ip="::", pub=41900)]
    assert displayable_ports(ports) == (
        "5000-5002/tcp, 127.0.0.1:41080->80/tcp, 127.0.0.1:41081->81/tcp, 127.0.0.1:41082->82/tcp, "
        "0.0.0.0:41443->443/tcp, [::]:41443->443/tcp, 0.0.0.0:41900->9000/udp, [::]:41900->9000/udp")


def test_ports_same_public_and_private_collapse_per_ip():
    ports = [P(8080, ip="0.0.0.0", pub=8080), P(8081, ip="0.0.0.0", pub=8081), P(8082, ip="0.0.0.0", pub=8082)]
    assert displayable_ports(ports) == "0.0.0.0:8080-8082->8080-8082/tcp"


def test_ports_gap_splits_group():
    assert displayable_ports([P(80), P(81), P(83)]) == "80-81/tcp, 83/tcp"


def test_ports_empty():
    assert displayable_ports([]) == ""


@pytest.mark.parametrize("s, n, out", [
    ("short", 20, "short"), ("exactly twenty chars", 20, "exactly twenty chars"),
    ("sh -c 'echo this is a long one'", 20, "sh -c 'echo this is…"), ("abc", 1, "a"), ("abc", 0, ""),
    ("日本語日本語日本語日本語", 9, "日本語日…"),
])
def test_ellipsis(s, n, out):
    assert ellipsis(s, n) == out


@pytest.mark.parametrize("s, out", [
    ("sleep 300", '"sleep 300"'), ('say "hi"', '"say \\"hi\\""'), ("a\\b", '"a\\\\b"'), ("tab\there", '"tab\\there"'),
    ("esc\x1b", '"esc\\x1b"'), ("dots…", '"dots…"'), ("nl\n", '"nl\\n"'),
])
def test_go_quote(s, out):
    assert go_quote(s) == out


def test_truncate_id():
    assert truncate_id("sha256:9907f071311b2e886d3e2ad6f4572130654c9e8b") == "9907f071311b"
    assert truncate_id("abc") == "abc"


def _c(**kw):
    base = {"Id": "a" * 64, "Names": ["/web"], "Image": "busybox", "ImageID": "sha256:" + "b" * 64,
            "Command": "sleep 300", "Created": 1000, "Ports": [], "Labels": {}, "State": "running",
            "Status": "Up 2 minutes", "Mounts": []}
    base.update(kw)
    return ContainerView(base, now=1000 + 130)


def test_container_fields():
    v = _c()
    assert (v.ID(), v.Names(), v.Command(), v.RunningFor(), v.Status()) == (
        "a" * 12, "web", '"sleep 300"', "2 minutes ago", "Up 2 minutes")


@pytest.mark.parametrize("image, image_id, shown", [
    ("busybox", "sha256:" + "b" * 64, "busybox"),
    ("docker.io/library/busybox:latest", "sha256:" + "b" * 64, "busybox:latest"),
    ("localhost:5000/team/app@sha256:" + "c" * 64, "sha256:" + "b" * 64, "localhost:5000/team/app"),
    ("localhost:5000/app:v1@sha256:" + "c" * 64, "sha256:" + "b" * 64, "localhost:5000/app:v1"),
    ("sha256:" + "b" * 64, "sha256:" + "b" * 64, "b" * 12),
    ("", "", "<no image>"),
])
def test_container_image(image, image_id, shown):
    assert _c(Image=image, ImageID=image_id).Image() == shown


def test_container_names_prefer_name_without_slash_when_truncating():
    v = _c(Names=["/other/link", "/web"])
    assert v.Names() == "web"
    assert ContainerView(v.c, trunc=False).Names() == "other/link,web"


def test_container_labels_sorted_and_label_method():
    v = _c(Labels={"b": "2", "a": "1"})
    assert v.Labels() == "a=1,b=2"
    assert v.Label("b") == "2" and v.Label("zzz") == ""
    # Go sorts the joined "k=v" strings: "a.b=..." sorts before "a=..." because '.' < '='
    assert _c(Labels={"a": "1", "a.b": "2"}).Labels() == "a.b=2,a=1"


def test_container_size():
    assert _c(SizeRw=0, SizeRootFs=1985472).Size() == "0B (virtual 1.99MB)"
    assert _c(SizeRw=12).Size() == "12B"


def test_container_mounts_and_local_volumes():
    v = _c(Mounts=[{"Name": "averyveryverylongvolumename", "Driver": "local"}, {"Source": "/srv", "Driver": ""}])
    assert v.Mounts() == "averyveryveryl…,/srv"
    assert v.LocalVolumes() == "1"


def test_json_has_every_field_sorted():
    keys = list(_c().to_json())
    assert keys == sorted(keys)
    assert keys == ["Command", "CreatedAt", "ID", "Image", "Labels", "LocalVolumes", "Mounts", "Names", "Networks",
                    "Platform", "Ports", "RunningFor", "Size", "State", "Status"]


def _img(tags, digests):
    return {"Id": "sha256:" + "d" * 64, "RepoTags": tags, "RepoDigests": digests, "Created": 0, "Size": 1985472,
            "SharedSize": -1, "Containers": -1}


def test_image_rows_dangling():
    rows = image_rows([_img([], [])], digests=False, trunc=True)
    assert [(r.Repository(), r.Tag(), r.Digest()) for r in rows] == [("<none>", "<none>", "<none>")]
    rows = image_rows([_img(["<none>:<none>"], ["<none>@<none>"])], digests=False, trunc=True)
    assert [(r.Repository(), r.Tag()) for r in rows] == [("<none>", "<none>")]


def test_image_rows_tags_and_digests():
    dg = "sha256:" + "e" * 64
    img = _img(["busybox:latest", "busybox:1", "localhost:5000/bb:v1"], ["busybox@" + dg])
    plain = [(r.Repository(), r.Tag(), r.Digest()) for r in image_rows([img], digests=False, trunc=True)]
    assert plain == [("busybox", "latest", "<none>"), ("busybox", "1", "<none>"), ("localhost:5000/bb", "v1", "<none>")]
    with_digests = [(r.Repository(), r.Tag(), r.Digest()) for r in image_rows([img], digests=True, trunc=True)]
    assert with_digests == [("busybox", "latest", dg), ("busybox", "1", dg), ("localhost:5000/bb", "v1", "<none>")]


def test_image_rows_digest_only_reference():
    dg = "sha256:" + "e" * 64
    img = _img([], ["localhost:5000/bb@" + dg])
    assert [(r.Repository(), r.Tag(), r.Digest()) for r in image_rows([img], digests=False, trunc=True)] == [
        ("localhost:5000/bb", "<none>", "")]
    assert [(r.Repository(), r.Tag(), r.Digest()) for r in image_rows([img], digests=True, trunc=True)] == [
        ("localhost:5000/bb", "<none>", dg)]


def test_image_fields():
    r = image_rows([_img(["busybox:latest"], [])], digests=False, trunc=True)[0]
    assert (r.ID(), r.Size(), r.Containers(), r.SharedSize(), r.UniqueSize()) == ("d" * 12, "1.99MB", "N/A", "N/A", "N/A")
