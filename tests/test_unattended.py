"""A run nobody watches: under nohup or in the background, off a terminal, started wrong.

Each check that can be made without TensorFlow is made before it loads (measured against
the time TensorFlow takes to import here), and a start that fails leaves no folder.
"""

import io
import os
import signal
import subprocess
import sys
import time

from conftest import ROOT, run_script
from tutorial_helpers import checkpoint_folder, files, progress

DEEP = os.path.join(ROOT, "mnist_deep.py")
SOFTMAX = os.path.join(ROOT, "mnist_softmax.py")


def ignoring(*signums):
    """For a child: its own process group, the given signals ignored, as nohup (SIGHUP)
    and a shell's background job (SIGINT) leave them."""
    def prepare():
        os.setpgid(0, 0)
        for signum in signums:
            signal.signal(signum, signal.SIG_IGN)
    return prepare


def test_a_run_under_nohup_goes_on_when_the_terminal_closes(mnist_dir, tmp_path):
    process = subprocess.Popen(
        [sys.executable, DEEP, "--data_dir", mnist_dir, "--max_steps", "120", "--log_every",
         "30", "--seed", "1"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"),
        preexec_fn=ignoring(signal.SIGHUP, signal.SIGINT))
    for line in process.stdout:
        if line.startswith("step 30,"):
            break
    process.send_signal(signal.SIGHUP)  # the terminal closed
    process.send_signal(signal.SIGINT)  # Ctrl-C at the terminal: not for a background job
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert "step 90," in out and "stopped" not in err
    assert float(out.split("test accuracy ")[1]) > 0.7  # trained to the end


def timed(*args, cwd, env=None):
    start = time.monotonic()
    result = run_script(*args, cwd=cwd, env=env)
    return result, time.monotonic() - start


def test_each_check_before_tensorflow_loads_is_told_in_one_line(tmp_path, mnist_dir):
    _, tensorflow_import = timed("-c", "import tensorflow", cwd=tmp_path)
    offline = dict(os.environ, http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
    offline.pop("MNIST_DATA_DIR", None)
    locked, damaged = tmp_path / "locked", tmp_path / "damaged"
    locked.mkdir()
    damaged.mkdir()
    listing = 'model_checkpoint_path: "model.ckpt-7"\n'  # its files are gone
    (damaged / "checkpoint").write_text(listing)
    gone = f"error: {damaged}/checkpoint names no checkpoint that can be read: it is damaged"
    cases = [
        ([DEEP, "--predict", "seven.png"], None, 2,
         "--predict needs --checkpoint_dir, the directory of a trained model"),
        ([DEEP, "--predict", "seven.png", "--checkpoint_dir", "nothing"], None, 1,
         "error: no checkpoint in nothing: train a model first with python mnist_deep.py "
         "--checkpoint_dir nothing"),
        ([SOFTMAX, "--data_dir", "empty"], dict(os.environ, MNIST_DATA_DIR="/no/such"), 1,
         "error: MNIST_DATA_DIR is set to '/no/such', which does not exist"),
        ([DEEP, "--data_dir", mnist_dir, "--checkpoint_dir", str(locked)], None, 1,
         f"error: {locked} is in use by another run (process {os.getpid()})"),
        ([DEEP, "--data_dir", mnist_dir, "--checkpoint_dir", str(damaged)], None, 1, gone),
        ([DEEP, "--checkpoint_dir", str(damaged), "--predict", "seven.png"], None, 1, gone),
        ([DEEP], offline, 1, "error: train-images-idx3-ubyte.gz is not in MNIST_data "
         "($MNIST_DATA_DIR is not set), and no mirror gave it (3 tried: "),
        ([DEEP], offline, 1, "Without network: run `python input_data.py MNIST_data` on a "
         "machine that has it"),
    ]
    with checkpoint_folder.lock(str(locked)):
        for args, env, status, message in cases:
            result, seconds = timed(*args, cwd=tmp_path, env=env)
            assert result.returncode == status, result.stderr
            assert message in result.stderr and "Traceback" not in result.stderr
            if status == 1:
                assert result.stderr.count("\n") == 1, result.stderr  # one line
            assert seconds < tensorflow_import / 2, (args, seconds, tensorflow_import)
    assert sorted(os.listdir(tmp_path)) == ["damaged", "locked"]  # no logs/, no MNIST_data/
    assert os.listdir(locked) == [checkpoint_folder.LOCK_NAME]
    assert os.listdir(damaged) == ["checkpoint"] and (damaged / "checkpoint").read_text() == \
        listing  # left untouched


def test_ctrl_c_while_tensorflow_loads_leaves_nothing(mnist_dir, tmp_path):
    process = subprocess.Popen([sys.executable, DEEP, "--data_dir", mnist_dir], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # the flags and data are checked at once; TensorFlow takes seconds
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, "", "")
    assert os.listdir(tmp_path) == []


def test_a_log_folder_is_removed_when_the_run_ends_before_its_first_step(tmp_path):
    made = tmp_path / "logs" / "run"
    folders = files.missing_folders(str(made))
    with_step = tmp_path / "kept"
    for kept, folder in ((False, made), (True, with_step)):
        try:
            with files.removed_unless(lambda: kept, files.missing_folders(str(folder))):
                os.makedirs(folder)
                (folder / "events.out.tfevents.1.host").write_bytes(b"graph")
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
    assert folders == [str(made), str(tmp_path / "logs")]
    assert sorted(os.listdir(tmp_path)) == ["kept"]  # logs/run and logs/ gone
    other = tmp_path / "mine"
    with files.removed_unless(lambda: False, files.missing_folders(str(other))):
        os.makedirs(other)
        (other / "notes.txt").write_text("the user's")
    assert os.listdir(other) == ["notes.txt"]  # anything else there is kept, with its folder


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_off_a_terminal_is_a_line_a_minute():
    stream, clock = io.StringIO(), Clock()
    with progress.Progress(0, 1000, stream=stream, clock=clock) as shown:
        for step in range(1, 1001):
            clock.now += 0.5  # two steps a second: 500 s in all
            shown.update(step)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 500 // progress.OFF_TERMINAL_SECONDS  # 8, not one per step
    assert lines[0] == "progress: step 120/1000 (12%), elapsed 1:00, 2.0 steps/s, about 7:20 left"
    assert "\r" not in stream.getvalue()  # no refreshing in place in a log file
