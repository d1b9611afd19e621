"""go-units humanizers (values from go-units' own test tables and docker's output)."""

import pytest

from pydock.render.humanize import bytes_size, human_duration, human_size


@pytest.mark.parametrize("seconds, text", [
    (0, "Less than a second"), (0.9, "Less than a second"), (1, "1 second"), (1.9, "1 second"),
    (2, "2 seconds"), (59, "59 seconds"), (60, "About a minute"), (119, "About a minute"),
    (120, "2 minutes"), (59 * 60 + 59, "59 minutes"), (3600, "About an hour"), (3600 * 1.49, "About an hour"),
    (3600 * 1.5, "2 hours"), (3600 * 47, "47 hours"), (3600 * 48, "2 days"), (3600 * 24 * 13, "13 days"),
    (3600 * 24 * 14, "2 weeks"), (3600 * 24 * 59, "8 weeks"), (3600 * 24 * 60, "2 months"),
    (3600 * 24 * 364, "12 months"), (3600 * 24 * 365 * 2, "2 years"), (3600 * 24 * 365 * 3, "3 years"),
])
def test_human_duration(seconds, text):
    assert human_duration(seconds) == text


@pytest.mark.parametrize("size, precision, text", [
    (0, 3, "0B"), (999, 3, "999B"), (1000, 3, "1kB"), (1024, 4, "1.024kB"), (1985472, 3, "1.99MB"),
    (1985472, 4, "1.985MB"), (999_999, 3, "1e+03kB"), (1_000_000_000, 3, "1GB"), (12_345_678_901_234, 3, "12.3TB"),
])
def test_human_size(size, precision, text):
    assert human_size(size, precision) == text


@pytest.mark.parametrize("size, text", [
    (0, "0B"), (1023, "1023B"), (1024, "1KiB"), (1536, "1.5KiB"), (1024 * 1024, "1MiB"),
    (int(23.54 * 1024 ** 3), "23.54GiB"), (1024 ** 4, "1TiB"),
])
def test_bytes_size(size, text):
    assert bytes_size(size) == text
