"""The flag types every script uses: each bad value is refused with a message."""

import argparse
import os

import pytest

import script_support


@pytest.mark.parametrize("kind, text, message", [
    (script_support.positive_int, "0", "must be at least 1, got 0"),
    (script_support.positive_int, "-5", "must be at least 1, got -5"),
    (script_support.positive_int, "2.5", "'2.5' is not a whole number"),
    (script_support.positive_float, "fast", "'fast' is not a number"),
    (script_support.positive_float, "0", "must be a positive number"),
    (script_support.positive_float, "-1e-4", "must be a positive number"),
    (script_support.positive_float, "nan", "must be a positive number"),
    (script_support.positive_float, "inf", "must be a positive number"),
    (script_support.probability, "1.5", "must be in (0, 1]"),
    (script_support.probability, "0", "must be a positive number"),
    (script_support.writable_file, "/no/such/dir/w.png", "/no/such/dir does not exist"),
])
def test_bad_values_are_refused(kind, text, message):
    with pytest.raises(argparse.ArgumentTypeError, match=message.replace("(", r"\(")
                       .replace(")", r"\)").replace("]", r"\]")):
        kind(text)


@pytest.mark.parametrize("kind, text, value", [
    (script_support.positive_int, "1000", 1000),
    (script_support.positive_float, "1e-4", 1e-4),
    (script_support.probability, "1", 1.0),
    (script_support.probability, "0.5", 0.5),
])
def test_good_values_pass(kind, text, value):
    assert kind(text) == value


def test_write_atomically_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):  # not bytes: the write fails half way
        script_support.write_atomically(str(target), "text, not bytes")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.bin"]
    new = tmp_path / "new.bin"
    script_support.write_atomically(str(new), b"new")
    assert new.read_bytes() == b"new" and len(list(tmp_path.iterdir())) == 2
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() would have made it
