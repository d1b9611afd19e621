"""What Podman's Docker-compatible service answers where Docker answers otherwise, through the pure layers
(the engine-level comparison with the docker CLI is tests/engine/test_podman.py)."""

from pydock.cli.image.pull import TransferStats
from pydock.render.views import image_rows
from pydock.stats.calc import entry
from pydock.stats.view import StatsView


def test_stats_id_under_podmans_key():
    """Podman: `Id` and a name without `/`; Go decodes `Id` into `id` (keys match whatever their case)."""
    row = StatsView(entry({"Id": "ab" * 32, "name": "web"}))
    assert (row.ID(), row.Name()) == ("ab" * 6, "web")
    docker = StatsView(entry({"id": "cd" * 32, "name": "/web"}))
    assert (docker.ID(), docker.Name()) == ("cd" * 6, "web")


def test_unique_size_has_four_digits():
    """docker: units.HumanSize(Size - SharedSize): `2.127MB` where Podman sends SharedSize 0."""
    [row] = image_rows([{"Id": "sha256:" + "0" * 64, "RepoTags": ["a:1"], "Size": 2127000, "SharedSize": 0}],
                       digests=False, trunc=True)
    assert (row.UniqueSize(), row.SharedSize()) == ("2.127MB", "0B")


def test_transfer_summary_without_byte_counts():
    podman_pull = [{"status": "Already exists", "id": "73daf2d47aa8"},
                   {"status": "Pulling fs layer", "id": "b87d9ab112ac"},
                   {"status": "Download complete", "id": "b87d9ab112ac"}]
    stats = TransferStats()
    for m in podman_pull:
        stats.see(m)
    assert stats.describe("downloaded") == "1 layer downloaded (sizes not reported)"
    podman_push = [{"status": "The push refers to repository [r:1]"}, {"status": "1: digest: sha256:x size: 589"}]
    stats = TransferStats()
    for m in podman_push:
        stats.see(m)
    assert stats.describe("uploaded") == "no layer progress reported"
    stats = TransferStats()
    stats.see({"status": "Layer already exists", "id": "73daf2d47aa8"})
    assert stats.describe("uploaded") == "nothing uploaded"
