"""mnist_deep.py and mnist_softmax.py when things go wrong: outputs that cannot be written,
a full disk, a second run, a diverging run, bad picture paths and a closed pipe.

Read-only folders and a full disk are made with `unshare -m` (a mount namespace of the
test's own, as root) and a read-only bind mount or a small tmpfs; the tests that need them
are skipped where that is not allowed.
"""

import concurrent.futures
import glob
import os
import shutil
import signal
import struct
import subprocess
import sys
import zlib

import numpy
import pytest

from conftest import (ROOT, STEPS, copy_checkpoints, run_measuring_peak_memory, run_script,
                      run_scripts)
from tutorial_helpers import checkpoint_folder
from tutorial_helpers.checkpoint_folder import LOCK_NAME


def can_mount():
    try:
        return subprocess.run(["unshare", "-m", "mount", "-t", "tmpfs", "tmpfs", "/mnt"],
                              capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_mounts = pytest.mark.skipif(not can_mount(), reason="needs unshare -m and mount (root)")


def with_mounts(*mount_commands, then="true"):
    """A wrapper for run_scripts: Python runs in a mount namespace of its own,
    after these shell commands (mounts the rest of the system does not see), and the shell
    command `then` after it, in the same namespace; the exit status is Python's."""
    script = " && ".join(mount_commands) + f' && {{ "$0" "$@"; status=$?; {then}; exit $status; }}'
    return ["unshare", "-m", "sh", "-c", script]


def read_only(folder):
    return f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"


def assert_one_line_error(result, message, status=1):
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    if status == 1:
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def no_partial_files(folder):
    return not [name for name in os.listdir(folder) if "tempstate" in name or "_temp" in name]


@needs_mounts
def test_outputs_that_cannot_be_written_are_refused_before_training(trained, mnist_dir,
                                                                     tmp_path):
    locked = tmp_path / "read-only"
    locked.mkdir()
    resumable = copy_checkpoints(trained, "read-only-checkpoints")
    logs = str(tmp_path / "logs")
    common = ["mnist_deep.py", "--data_dir", mnist_dir, "--max_steps", "10"]
    results = run_scripts(
        common + ["--checkpoint_dir", str(locked), "--log_dir", logs],
        common + ["--checkpoint_dir", resumable, "--log_dir", logs],  # resuming from it
        common + ["--log_dir", str(locked / "logs")],
        common + ["--filters_png", str(locked / "filters.png"), "--log_dir", logs],
        wrappers=[with_mounts(read_only(locked), read_only(resumable))] * 4)
    for result, flag, folder in zip(results, ["--checkpoint_dir", "--checkpoint_dir",
                                              "--log_dir", None],
                                    [locked, resumable, locked / "logs", locked]):
        assert "step 0" not in result.stdout
        if flag == "--checkpoint_dir":
            assert_one_line_error(result, f"cannot write to {folder} (Read-only file system): "
                                          f"choose another {flag}.")
        elif flag:  # checked with the flags, before TensorFlow builds anything
            assert_one_line_error(result, f"argument --log_dir: cannot write to {folder} "
                                          "(Read-only file system)", status=2)
        else:
            assert_one_line_error(result, f"--filters_png: directory {folder} is not "
                                          "writable", status=2)


@needs_mounts
def test_a_full_disk_keeps_the_newest_complete_checkpoint(mnist_dir, tmp_path):
    disk = tmp_path / "small-disk"
    disk.mkdir()
    checkpoints = disk / "checkpoints"
    # A checkpoint takes 39 MB (the weights and Adam's two slots): the second does not fit.
    result, = run_scripts(
        ["mnist_deep.py", "--data_dir", mnist_dir, "--max_steps", "30", "--checkpoint_every",
         "10", "--checkpoint_dir", str(checkpoints), "--log_dir", str(tmp_path / "logs")],
        wrappers=[with_mounts(f"mount -t tmpfs -o size=60m tmpfs {disk}",
                              then=f"echo; ls -A {checkpoints}")])  # gone with the namespace
    assert_one_line_error(result, f"cannot save the checkpoint of step 20 in {checkpoints}: No "
                                  f"space left on device. The newest complete checkpoint, "
                                  f"{checkpoints}/model.ckpt-10, is kept")
    output, listing = result.stdout.split("\n\n")
    assert "test accuracy" not in output
    assert listing.split() == [LOCK_NAME, "checkpoint"] + [
        f"model.ckpt-10.{kind}" for kind in ("data-00000-of-00001", "index", "meta")]


def test_a_second_run_is_kept_out_of_a_checkpoint_folder_in_use(trained, mnist_dir):
    checkpoints = copy_checkpoints(trained, "in-use")
    command = [sys.executable, "mnist_deep.py", "--data_dir", mnist_dir, "--checkpoint_dir",
               checkpoints, "--log_dir", trained["later_logs"]]
    first = subprocess.Popen(command + ["--checkpoint_every", "1000000"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env=dict(os.environ, PYTHONUNBUFFERED="1"))
    assert first.stdout.readline().startswith("Saving graph to")
    assert first.stdout.readline().startswith("Resuming from")
    second = run_script(*command[1:], "--max_steps", str(STEPS + 10))
    first.kill()  # a crash: the lock goes with the process
    first.communicate()
    assert_one_line_error(second, f"{checkpoints} is in use by another run (process "
                                  f"{first.pid}): wait for it to end, or choose another "
                                  "--checkpoint_dir.")
    with checkpoint_folder.lock(checkpoints) as lock:  # free again, as the next run finds it
        assert open(lock.name).read() == str(os.getpid())


def test_a_diverging_run_stops_and_saves_nothing(trained, mnist_dir):
    checkpoints = copy_checkpoints(trained, "diverging")
    listing = open(os.path.join(checkpoints, "checkpoint")).read()
    logs = trained["later_logs"]
    common = ["mnist_deep.py", "--data_dir", mnist_dir, "--learning_rate", "1e9",
              "--log_dir", logs]
    without, with_checkpoints = run_scripts(
        common + ["--max_steps", "30", "--log_every", "10"],
        common + ["--max_steps", str(STEPS + 30), "--checkpoint_every", "10",
                  "--checkpoint_dir", checkpoints])
    assert_one_line_error(without, "error: the loss became NaN at step 10; lower "
                                   "--learning_rate (it is 1e+09).")
    assert_one_line_error(with_checkpoints, f"the training diverged; lower --learning_rate. "
                                            f"The newest complete checkpoint, {checkpoints}/"
                                            f"model.ckpt-{STEPS}, is kept.")
    assert open(os.path.join(checkpoints, "checkpoint")).read() == listing
    assert not [name for name in os.listdir(checkpoints) if f"ckpt-{STEPS + 10}" in name]


def test_picture_paths_that_name_a_folder_or_nothing_are_refused(tmp_path):
    results = run_scripts(["mnist_deep.py", "--mistakes_png", str(tmp_path)],
                          ["mnist_softmax.py", "--weights_png", ""])
    assert_one_line_error(results[0], f"argument --mistakes_png: {tmp_path} is a folder: give "
                                      f"a file name, such as {tmp_path}/picture.png", status=2)
    assert_one_line_error(results[1], "argument --weights_png: an empty file name", status=2)


def test_a_closed_pipe_stops_the_run_quietly(mnist_dir, tmp_path):
    shell = (f'"{sys.executable}" mnist_deep.py --data_dir "{mnist_dir}" --max_steps 300 '
             f'--log_every 1 --log_dir {tmp_path} 2>{tmp_path}/stderr | head -n 2; '
             f'echo "${{PIPESTATUS[0]}}"; cat {tmp_path}/stderr')
    result = subprocess.run(["bash", "-c", shell], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    lines = result.stdout.splitlines()
    assert lines[1] == "step 0, training accuracy " + lines[1].split()[-1]
    assert lines[2:] == [str(128 + signal.SIGPIPE)]  # and nothing on stderr


def chunk(kind, data):
    """A PNG chunk: length, kind, data, CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(pixels):
    """A grey PNG of a small uint8 array [height, width]."""
    height, width = pixels.shape
    rows = b"".join(b"\0" + row.tobytes() for row in pixels)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0,
                                                              0, 0)) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write_png(path, width, height, bar=True):
    """A grey PNG of any size, written row by row: white, with a dark vertical stroke (a
    "1") in its middle unless `bar` is False (a blank page)."""
    left, stroke = width * 11 // 24, width // 12
    white = b"\0" + b"\xff" * width  # each row starts with its filter type, 0
    ink = b"\0" + b"\xff" * left + b"\0" * stroke + b"\xff" * (width - left - stroke)
    compressor = zlib.compressobj(9)
    rows = [compressor.compress(ink if bar and height // 5 < row < 4 * height // 5 else white)
            for row in range(height)]
    pixels = b"".join(rows) + compressor.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" +
                chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
                chunk(b"IDAT", pixels) + chunk(b"IEND", b""))
    return str(path)


def test_predict_reports_bad_images_one_by_one_in_bounded_memory(trained, mnist_dir, tmp_path):
    huge = write_png(tmp_path / "huge.png", 20000, 20000)  # 0.5 MB on disk, 400 MB decoded
    largest = write_png(tmp_path / "largest.png", 4096, 4096)  # the most --predict decodes
    blank = write_png(tmp_path / "blank.png", 50, 50, bar=False)
    paths = [huge, largest, blank]
    status, lines, peak_mb = run_measuring_peak_memory(
        "mnist_deep.py", "--checkpoint_dir", trained["checkpoints"], "--predict", *paths)
    assert status == 1  # some images could not be classified
    assert lines[0].startswith(f"{largest}: 1 (probability ")
    assert lines[1:] == [
        f"error: {huge}: 20000x20000 pixels, more than --predict reads (16 megapixels): scale "
        "it down first; a few hundred pixels a side is plenty for a digit",
        f"error: {blank}: no digit found: the image is blank"]
    assert peak_mb < 1500  # about 950 MB, most of it TensorFlow's own


def test_predict_decodes_a_large_jpeg_at_a_fraction_of_its_size(monkeypatch):
    import tensorflow.compat.v1 as tf
    from tutorial_helpers import predict
    monkeypatch.setattr(predict, "MAX_PIXELS", 100 * 100)
    with tf.Graph().as_default(), tf.Session() as sess:
        jpeg = sess.run(tf.io.encode_jpeg(tf.zeros([300, 280, 1], tf.uint8)))
    with predict.ImageOps() as ops:
        assert ops.decode(jpeg, "photo.jpg").shape == (75, 70, 1)  # a quarter of each side
        monkeypatch.setattr(predict, "MAX_PIXELS", 30 * 30)
        with pytest.raises(predict.ScriptError, match="photo.jpg: 280x300 pixels, more than"):
            ops.decode(jpeg, "photo.jpg")


def test_tensorflow_errors_are_told_in_one_whole_line():
    from tutorial_helpers.errors import tensorflow_reason as error_reason
    graph_error = ("Graph execution error:\n\nDetected at node 'save/SaveV2' defined at (most "
                   "recent call last):\n    File \"x.py\", line 6\nNode: 'save/SaveV2'\n"
                   "/disk/model.ckpt-2.data-00000-of-00001.tempstate1834; No space left on "
                   "device\n\t [[{{node save/SaveV2}}]]\nHint: If you want to see ...")
    assert error_reason(graph_error) == "No space left on device"
    long = "Key conv1/Variable not found in checkpoint " * 10
    assert error_reason(long, limit=60) == "Key conv1/Variable not found in checkpoint Key ..."


def test_a_batch_that_does_not_fit_in_memory_is_refused(monkeypatch):
    from tutorial_helpers import memory
    monkeypatch.setattr(memory, "available_mb", lambda: 8192)
    memory.check_batch_fits(50)
    memory.check_batch_fits(55000, gpu=True)  # a GPU's memory is not the machine's
    with pytest.raises(memory.ScriptError) as error:
        memory.check_batch_fits(55000)
    assert str(error.value) == ("--batch_size 55000 needs about 17.2 GB of memory for a "
                                "training step, and 8.0 GB is available: use --batch_size "
                                "23640 or less (the tutorial's is 50).")


def checkpoint_list(folder, newest, *older):
    """Writes folder's checkpoint list as tf.train.Saver writes it by default: absolute
    paths."""
    with open(os.path.join(folder, "checkpoint"), "w") as f:
        f.write(f'model_checkpoint_path: "{newest}"\n')
        for path in (*older, newest):
            f.write(f'all_model_checkpoint_paths: "{path}"\n')


def test_a_copied_or_moved_checkpoint_folder_uses_only_its_own_files(trained, mnist_dir,
                                                                     tmp_path):
    original = tmp_path / "A"
    shutil.copytree(trained["checkpoints"], original)
    for step in (100, 200):  # older checkpoints, which the keep-newest rule would prune
        for name in glob.glob(str(original / f"model.ckpt-{STEPS}.*")):
            shutil.copy(name, name.replace(f"-{STEPS}.", f"-{step}."))
    checkpoint_list(original, *(f"{original}/model.ckpt-{step}" for step in (STEPS, 100, 200)))
    (original / f"model.ckpt-{STEPS}.data-00000-of-00001.tempstate99").write_bytes(b"x" * 100)
    copied, moved, elsewhere = tmp_path / "B", tmp_path / "C", tmp_path / "D"
    shutil.copytree(original, copied)  # `cp -a A B`
    shutil.copytree(original, moved)  # `mv A C`, with A kept to check that it is not touched
    before = sorted(os.listdir(original))
    elsewhere.mkdir()  # a list that names A, with none of its files here
    shutil.copy(original / "checkpoint", elsewhere)
    common = ["mnist_deep.py", "--data_dir", mnist_dir, "--log_dir", trained["later_logs"],
              "--max_steps", str(STEPS + 20), "--checkpoint_every", "10", "--log_every", "10"]
    results = run_scripts(*(common + ["--checkpoint_dir", str(folder)]
                            for folder in (copied, moved, elsewhere)))
    for result, folder in zip(results[:2], (copied, moved)):
        assert result.returncode == 0, result.stderr
        assert f"Resuming from {folder}/model.ckpt-{STEPS} at step {STEPS}" in result.stdout
        kept = sorted(name for name in os.listdir(folder) if name.endswith(".index"))
        assert kept == [f"model.ckpt-{step}.index" for step in (STEPS, STEPS + 10, STEPS + 20)]
        assert no_partial_files(folder)  # what a killed save left, removed under the lock
    assert sorted(os.listdir(original)) == before  # nothing outside the folder touched
    assert_one_line_error(results[2], f"{elsewhere}/checkpoint names {original}/model.ckpt-"
                                      f"{STEPS}, outside {elsewhere}, and no model.ckpt-"
                                      f"{STEPS} is in it")


def test_a_checkpoint_list_that_is_not_text_is_one_line(trained, mnist_dir, tmp_path):
    folder = copy_checkpoints(trained, "not-utf-8")
    with open(os.path.join(folder, "checkpoint"), "wb") as f:
        f.write(b'model_checkpoint_path: "model.ckpt-\xe4\xff"\n')
    training, predicting = run_scripts(
        ["mnist_deep.py", "--data_dir", mnist_dir, "--checkpoint_dir", folder, "--max_steps",
         "10"],
        ["mnist_deep.py", "--checkpoint_dir", folder, "--predict", "any.png"])
    for result in (training, predicting):
        assert_one_line_error(result, f"{folder}/checkpoint is damaged: it is not a "
                                      "checkpoint list. It is left untouched")


# Checkpoint lists TensorFlow reads: as its own update_checkpoint_state writes them (the
# list's paths relative, or absolute in a folder with a non-ASCII name) and as edited by
# hand (quotes, comments, escapes); and lists it does not read.
READABLE_LISTS = [
    ("relative", None),
    ("absolute", None),
    ("by hand", "# kept: the newest three\nmodel_checkpoint_path: 'model.ckpt-30' ,\n\n"
                'all_model_checkpoint_paths: "model\\056ckpt-10"\n'  # \056 is "."
                'all_model_checkpoint_paths: "model.ckpt-20"\n'
                "all_model_checkpoint_timestamps: 1.7e+09\n"),
]
DAMAGED_LISTS = [b"hello\n", b'model_checkpoint_path: "model.ckpt-\xe4\xff"\n',
                 b'model_checkpoint_path: ""\n', b'all_model_checkpoint_paths: "a"\n',
                 b'model_checkpoint_path: "model.ckpt-30"\nsize: 3\n',
                 b'model_checkpoint_path: model.ckpt-30\n', b"\x00" * 10]


def test_the_checkpoint_list_is_read_as_tensorflow_reads_it(tmp_path):
    """checkpoint_folder reads the list before TensorFlow loads: the paths TensorFlow reads
    in it, and an error where TensorFlow reads none."""
    import tensorflow.compat.v1 as tf
    for case, text in READABLE_LISTS:
        folder = tmp_path / case / "donn\u00e9es"
        folder.mkdir(parents=True)
        steps = (10, 20, 30)
        prefixes = [str(folder / f"model.ckpt-{step}") if case == "absolute" else
                    f"model.ckpt-{step}" for step in steps]
        for step in steps:
            (folder / f"model.ckpt-{step}.index").write_bytes(b"")
        if text is None:
            tf.train.update_checkpoint_state(str(folder), prefixes[-1], prefixes,
                                             all_model_checkpoint_timestamps=[1.7e9] * 3)
        else:
            (folder / "checkpoint").write_text(text)
        state = tf.train.get_checkpoint_state(str(folder))
        expected = [*(path for path in state.all_model_checkpoint_paths
                      if path != state.model_checkpoint_path), state.model_checkpoint_path]
        assert checkpoint_folder.listed_checkpoints(str(folder)) == expected, case
        assert checkpoint_folder.newest_step(str(folder)) == 30
    for number, content in enumerate(DAMAGED_LISTS):
        folder = tmp_path / f"damaged{number}"
        folder.mkdir()
        (folder / "checkpoint").write_bytes(content)
        try:
            assert tf.train.get_checkpoint_state(str(folder)) is None, content
        except (ValueError, tf.errors.OpError):
            pass  # UnicodeDecodeError is a ValueError
        with pytest.raises(checkpoint_folder.ScriptError, match="is damaged: it is not a "
                                                                "checkpoint list"):
            checkpoint_folder.listed_checkpoints(str(folder))
    assert checkpoint_folder.listed_checkpoints(str(tmp_path)) == []  # no list: no model


def test_predict_refuses_what_is_not_a_regular_file_and_names_latin1_files(trained, tmp_path):
    fifo = tmp_path / "no-writer"
    os.mkfifo(fifo)
    link = tmp_path / "zeros.png"
    link.symlink_to("/dev/zero")
    latin1 = os.path.join(os.fsencode(tmp_path), b"ziffer_\xe4.png")
    with open(latin1, "wb") as f:
        f.write(open(write_png(tmp_path / "digit.png", 40, 40), "rb").read())
    status, lines, peak_mb = run_measuring_peak_memory(
        "mnist_deep.py", "--checkpoint_dir", trained["checkpoints"], "--predict", "/dev/zero",
        str(fifo), str(link), os.fsdecode(latin1), timeout=120)
    assert status == 1
    assert lines[0].startswith(f"{tmp_path}/ziffer_\\xe4.png: 1 (probability ")
    assert lines[1:] == [f"error: {path}: a pipe or device, not an image file: save the "
                         "image to a file first" for path in ("/dev/zero", fifo, link)]
    assert peak_mb < 1500


def test_a_checkpoint_folder_tensorflow_cannot_name_is_refused_before_training(mnist_dir,
                                                                               tmp_path):
    folder = os.path.join(os.fsencode(tmp_path), b"ck_\xe4")
    result = subprocess.run([sys.executable, "mnist_deep.py", "--data_dir", mnist_dir,
                             "--checkpoint_dir", os.fsdecode(folder)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert_one_line_error(result, "ck_\\xe4 is not a UTF-8 name, which TensorFlow cannot "
                                  "write to", status=2)
    assert not os.path.exists(folder)


def test_predict_on_many_images_keeps_memory_flat(trained, mnist_dir, tmp_path):
    import input_data
    digits = input_data.read_data_sets(mnist_dir, dtype=numpy.uint8, reshape=False).test.images
    paths = []
    for index in range(2000):
        paths.append(str(tmp_path / f"{index}.png"))
        with open(paths[-1], "wb") as f:
            f.write(png_bytes(digits[index, :, :, 0]))
    with concurrent.futures.ThreadPoolExecutor() as side_by_side:
        few, many = side_by_side.map(lambda count: run_measuring_peak_memory(
            "mnist_deep.py", "--checkpoint_dir", trained["checkpoints"], "--predict",
            *paths[:count]), (1000, 2000))  # one batch of images, and two
    assert few[0] == many[0] == 0
    assert [line.split(": ")[0] for line in many[1]] == paths  # one line each, in order
    assert many[2] - few[2] < 100  # in one batch, 1000 more images take about 200 MB more
