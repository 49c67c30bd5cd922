"""The flags every script shares and writing files: each bad value is refused with a message."""

import argparse
import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from tutorial_helpers import cli, files


@pytest.mark.parametrize("kind, text, message", [
    (cli.positive_int, "0", "must be at least 1, got 0"),
    (cli.positive_int, "-5", "must be at least 1, got -5"),
    (cli.positive_int, "2.5", "'2.5' is not a whole number"),
    (cli.positive_float, "fast", "'fast' is not a number"),
    (cli.positive_float, "0", "must be a positive number"),
    (cli.positive_float, "-1e-4", "must be a positive number"),
    (cli.positive_float, "nan", "must be a positive number"),
    (cli.positive_float, "inf", "must be a positive number"),
    (cli.probability, "1.5", "must be in (0, 1]"),
    (cli.probability, "0", "must be a positive number"),
    (cli.writable_file, "/no/such/dir/w.png", "/no/such/dir does not exist"),
])
def test_bad_values_are_refused(kind, text, message):
    with pytest.raises(argparse.ArgumentTypeError, match=message.replace("(", r"\(")
                       .replace(")", r"\)").replace("]", r"\]")):
        kind(text)


@pytest.mark.parametrize("kind, text, value", [
    (cli.positive_int, "1000", 1000),
    (cli.positive_float, "1e-4", 1e-4),
    (cli.probability, "1", 1.0),
    (cli.probability, "0.5", 0.5),
])
def test_good_values_pass(kind, text, value):
    assert kind(text) == value


def test_write_atomically_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):  # not bytes: the write fails half way
        files.write_atomically(str(target), "text, not bytes")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.bin"]
    new = tmp_path / "new.bin"
    files.write_atomically(str(new), b"new")
    assert new.read_bytes() == b"new" and len(list(tmp_path.iterdir())) == 2
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() would have made it


@pytest.mark.parametrize("flags, message", [
    (["--seed", "-1"], "argument --seed: must be from 0 to 2147483647, got -1"),
    (["--seed", "99999999999"], "argument --seed: must be from 0 to 2147483647"),
    (["--batch_size", "60000"],
     "argument --batch_size: must be from 1 to 55000 (the training images), got 60000"),
    (["--batch_size", "0"], "argument --batch_size: must be from 1 to 55000"),
])
def test_shared_flags_refuse_values_out_of_range(flags, message, capsys):
    parser = cli.parser("Doc.", max_steps=10, batch_size=5, learning_rate=0.1, optimizer="SGD")
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(flags)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_shared_flags_take_the_extremes_of_their_ranges():
    parser = cli.parser("Doc.", max_steps=10, batch_size=5, learning_rate=0.1, optimizer="SGD")
    args = parser.parse_args(["--seed", "0", "--batch_size", "55000"])
    assert (args.seed, args.batch_size) == (0, 55000)
    assert parser.parse_args(["--seed", "2147483647"]).seed == 2147483647


def timed(*args):
    start = time.monotonic()
    result = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    return result, time.monotonic() - start


def test_flags_are_answered_before_tensorflow_loads():
    _, tensorflow_import = timed("-c", "import tensorflow")
    for script in ("mnist_softmax.py", "mnist_softmax_eager.py", "mnist_deep.py"):
        helped, help_time = timed(script, "--help")
        assert helped.returncode == 0 and "--max_steps" in helped.stdout
        mistyped, typo_time = timed(script, "--max_step", "10")  # no abbreviation taken
        assert mistyped.returncode == 2 and "Traceback" not in mistyped.stderr
        assert mistyped.stderr.endswith("error: unrecognized arguments: --max_step 10 (did you "
                                        "mean --max_steps?)\n")
        assert max(help_time, typo_time) < tensorflow_import / 3, (help_time, typo_time)


def test_each_run_logs_to_a_folder_of_its_own(tmp_path, monkeypatch):
    from tutorial_helpers import flags
    monkeypatch.chdir(tmp_path)
    first = flags.deep("Doc.", argv=[])
    assert os.path.dirname(first.log_dir) == os.path.join("logs", "mnist_deep")
    assert first.new_log_folders == [str(tmp_path / first.log_dir), str(tmp_path / "logs" /
                                     "mnist_deep"), str(tmp_path / "logs")]
    os.makedirs(first.log_dir)  # as its training does
    second = flags.deep("Doc.", argv=[]).log_dir
    assert second != first.log_dir and os.path.dirname(second) == os.path.dirname(first.log_dir)
    assert flags.deep("Doc.", argv=["--log_dir", "mine"]).log_dir == "mine"
    assert flags.deep("Doc.", argv=["--predict", "a.png", "--checkpoint_dir", "c"]).log_dir \
        is None
    assert os.listdir(tmp_path / "logs" / "mnist_deep") == [os.path.basename(first.log_dir)]
    assert not os.path.exists("mine")  # the flags make no folder
