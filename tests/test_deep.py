"""mnist_deep.py: a short run on the real data, the graph, TensorBoard, checkpoints,
--predict and bad input."""

import os
import shutil
import signal
import subprocess
import sys
import types

import numpy

from conftest import ROOT, STEPS, copy_checkpoints, run_script, run_scripts
from tutorial_helpers.checkpoint_folder import LOCK_NAME


def test_short_run_beats_90_percent_with_the_tutorials_lines(trained):
    result = trained["result"]
    assert result.stderr == ""  # no TensorFlow noise
    lines = result.stdout.splitlines()
    steps = [line for line in lines if line.startswith("step ")]
    assert [line.split(",")[0] for line in steps] == ["step 0", "step 100", "step 200"]
    assert all(0 <= float(line.split()[-1]) <= 1 for line in steps)
    assert lines[-1].startswith("test accuracy ")
    assert float(lines[-1].split()[-1]) > 0.90
    assert lines[0] == f"Saving graph to: {trained['logs']}"


def tf_v1():
    import tensorflow.compat.v1 as tf
    tf.disable_eager_execution()
    return tf


def test_graph_has_the_tutorials_variables_and_scopes(trained):
    tf = tf_v1()
    meta = os.path.join(trained["checkpoints"], f"model.ckpt-{STEPS}.meta")
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(meta)
        shapes = sorted(v.shape.as_list() for v in tf.trainable_variables())
        scopes = {op.name.split("/")[0] for op in graph.get_operations()}
    assert shapes == sorted([[5, 5, 1, 32], [32], [5, 5, 32, 64], [64], [3136, 1024], [1024],
                             [1024, 10], [10]])
    assert {"reshape", "conv1", "pool1", "conv2", "pool2", "fc1", "dropout", "fc2", "loss",
            "adam_optimizer", "accuracy"} <= scopes


def test_tensorboard_events_hold_the_graph_and_the_scalars(trained):
    tf = tf_v1()
    tags, has_graph = set(), False
    for name in os.listdir(trained["logs"]):
        for event in tf.train.summary_iterator(os.path.join(trained["logs"], name)):
            has_graph |= event.HasField("graph_def")
            tags |= {value.tag for value in event.summary.value}
    assert has_graph
    assert {"train/accuracy", "train/loss", "validation/accuracy"} <= tags


def test_the_install_brings_a_tensorboard_that_fits_tensorflow():
    """requirements.txt (and `pip install .`) installs the `tensorboard` command the docs
    tell readers to run."""
    import tensorflow as tf
    with open(os.path.join(ROOT, "requirements", "runtime.txt")) as f:
        assert any(line.startswith("tensorboard>=") for line in f)
    tensorboard = shutil.which("tensorboard", path=os.path.dirname(sys.executable) + os.pathsep +
                               os.environ.get("PATH", ""))
    assert tensorboard, "pip install -r requirements.txt should install the tensorboard command"
    import tensorboard as tensorboard_package
    assert tensorboard_package.__version__.split(".")[0] == tf.__version__.split(".")[0]


def test_batched_evaluation_equals_one_full_batch(trained, mnist_dir):
    tf = tf_v1()
    import input_data
    import mnist_deep
    from tutorial_helpers import evaluation
    validation = input_data.read_data_sets(mnist_dir, one_hot=True).validation
    images = types.SimpleNamespace(images=validation.images[:2000], num_examples=2000,
                                   labels=validation.labels[:2000])  # 2000, for speed
    with tf.Graph().as_default(), tf.Session() as sess:
        x = tf.placeholder(tf.float32, [None, 784])
        y_ = tf.placeholder(tf.float32, [None, 10])
        y_conv, keep_prob = mnist_deep.deepnn(x)
        correct = tf.cast(tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1)), tf.float32)
        accuracy = tf.reduce_mean(correct)
        tf.train.Saver().restore(sess, tf.train.latest_checkpoint(trained["checkpoints"]))
        full = sess.run(accuracy, {x: images.images, y_: images.labels, keep_prob: 1.0})
        for batch_size in (1000, 777):
            batched = evaluation.batched_accuracy(sess, correct, (x, y_, keep_prob), images,
                                                  batch_size)
            assert batched == full and batched.dtype == numpy.float32


def test_resume_continues_from_the_saved_step(trained, mnist_dir):
    checkpoints = copy_checkpoints(trained, "resume")
    result = run_script("mnist_deep.py", "--data_dir", mnist_dir, "--max_steps", str(STEPS + 50),
                        "--checkpoint_dir", checkpoints, "--log_dir", trained["later_logs"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == f"Resuming from {checkpoints}/model.ckpt-{STEPS} at step {STEPS}"
    assert [line for line in lines if line.startswith("step ")][0].startswith(f"step {STEPS},")
    assert os.path.exists(os.path.join(checkpoints, f"model.ckpt-{STEPS + 50}.index"))
    assert float(lines[-1].split()[-1]) > 0.90  # the trained weights came back


def test_ctrl_c_sigterm_or_a_closed_terminal_saves_a_checkpoint(trained, mnist_dir):
    cases = [(signal.SIGINT, 130, "interrupted"),  # Ctrl-C
             (signal.SIGTERM, 143, "stopped by SIGTERM"),  # kill, a time limit
             (signal.SIGHUP, 129, "stopped by SIGHUP")]  # a closed terminal, a dropped ssh
    for signum, status, message in cases:
        checkpoints = str(trained["base"] / f"stopped-{signum}")
        process = subprocess.Popen(
            [sys.executable, "mnist_deep.py", "--data_dir", mnist_dir, "--log_every", "10",
             "--checkpoint_dir", checkpoints, "--log_dir", trained["later_logs"]],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, PYTHONUNBUFFERED="1"))
        for line in process.stdout:
            if line.startswith("step 20,"):
                break
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
        assert process.returncode == status
        assert "Run the same command again to resume" in out
        assert err == message + "\n"
        step = int(out.split("Stopped at step ")[1].split(";")[0])
        assert step >= 20
        assert sorted(os.listdir(checkpoints)) == [LOCK_NAME, "checkpoint"] + [
            f"model.ckpt-{step}.{kind}" for kind in ("data-00000-of-00001", "index", "meta")]


def write_digit_images(directory, mnist_dir):
    """Five test digits as image files of other sizes and styles; returns (paths, labels)."""
    tf = tf_v1()
    import input_data
    test = input_data.read_data_sets(mnist_dir, dtype=numpy.uint8, reshape=False).test
    digits = test.images[:5, :, :, 0]
    variants = [
        ("large.png", numpy.kron(digits[0], numpy.ones((5, 5), numpy.uint8))),  # 140x140
        ("dark_on_light.png", 255 - digits[1]),  # ink on paper
        ("colour_wide.png", numpy.pad(digits[2], ((6, 6), (30, 10)))[:, :, None].repeat(3, 2)),
        ("small.jpg", digits[3][::2, ::2]),  # 14x14, JPEG
        # Black ink on a transparent background, as drawing programs export it.
        ("transparent.png", numpy.stack([numpy.zeros_like(digits[4])] * 3 + [digits[4]], -1)),
    ]
    paths = []
    with tf.Graph().as_default(), tf.Session() as sess:
        for name, image in variants:
            image = image if image.ndim == 3 else image[:, :, None]
            encode = tf.io.encode_jpeg if name.endswith(".jpg") else tf.io.encode_png
            path = os.path.join(directory, name)
            with open(path, "wb") as f:
                f.write(sess.run(encode(image)))
            paths.append(path)
    return paths, test.labels[:5].tolist()


def test_predict_classifies_digits_of_any_size_and_style(trained, mnist_dir):
    paths, labels = write_digit_images(str(trained["base"]), mnist_dir)
    result = run_script("mnist_deep.py", "--checkpoint_dir", trained["checkpoints"],
                        "--predict", *paths)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    for path, label, line in zip(paths, labels, lines):
        assert line.startswith(f"{path}: {label} (probability ")


def assert_one_line_error(result, message):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and message in result.stderr


def test_predict_errors(trained, tmp_path):
    not_image = tmp_path / "notes.png"
    not_image.write_text("not an image")
    not_an_image, no_checkpoint = run_scripts(
        ["mnist_deep.py", "--checkpoint_dir", trained["checkpoints"], "--predict", str(not_image)],
        ["mnist_deep.py", "--checkpoint_dir", str(tmp_path), "--predict", str(not_image)])
    assert_one_line_error(not_an_image, "not an image that can be read")
    assert_one_line_error(no_checkpoint, f"no checkpoint in {tmp_path}")


def modification_times(checkpoints):
    """When each file of a checkpoint folder last changed (the lock file left out)."""
    return {name: os.path.getmtime(os.path.join(checkpoints, name))
            for name in os.listdir(checkpoints) if name != LOCK_NAME}


def test_corrupt_checkpoint_is_an_error_and_left_untouched(trained, mnist_dir):
    checkpoints = copy_checkpoints(trained, "corrupt")
    data_file = os.path.join(checkpoints, f"model.ckpt-{STEPS}.data-00000-of-00001")
    with open(data_file, "r+b") as f:
        f.truncate(1000)
    before = modification_times(checkpoints)
    result = run_script("mnist_deep.py", "--data_dir", mnist_dir, "--max_steps", "10",
                        "--checkpoint_dir", checkpoints, "--log_dir", checkpoints + "-logs")
    assert_one_line_error(result, "cannot be restored: it is damaged or holds another network")
    assert modification_times(checkpoints) == before


def test_checkpoint_of_another_graph_is_an_error(tmp_path, mnist_dir):
    tf = tf_v1()
    with tf.Graph().as_default(), tf.Session() as sess:
        with tf.name_scope("conv1"):
            tf.Variable(tf.zeros([784, 10]))
        sess.run(tf.global_variables_initializer())
        tf.train.Saver().save(sess, str(tmp_path / "model.ckpt"), global_step=5)
    result = run_script("mnist_deep.py", "--data_dir", mnist_dir, "--max_steps", "10",
                        "--checkpoint_dir", str(tmp_path), "--log_dir", str(tmp_path / "logs"))
    assert_one_line_error(result, "cannot be restored: it is damaged or holds another network")


def test_bad_flag_gives_a_usage_error():
    result = run_script("mnist_deep.py", "--keep_prob", "1.5")
    assert result.returncode == 2
    assert result.stderr.startswith("usage:") and "--keep_prob: must be in (0, 1]" in result.stderr
    assert "Traceback" not in result.stderr


def test_unusable_output_directory_fails_before_training(tmp_path, mnist_dir):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    commands = []
    for flag in ("--log_dir", "--checkpoint_dir"):
        dirs = {"--log_dir": str(tmp_path / "logs"), "--checkpoint_dir": str(tmp_path / "ckpt")}
        dirs[flag] = str(blocker / "sub")
        commands.append(["mnist_deep.py", "--data_dir", mnist_dir, "--max_steps", "10",
                         *(item for pair in dirs.items() for item in pair)])
    log_dir, checkpoint_dir = run_scripts(*commands)
    assert log_dir.returncode == 2 and "Traceback" not in log_dir.stderr  # a usage error
    assert f"argument --log_dir: cannot write to {blocker}/sub (Not a directory)" in \
        log_dir.stderr
    assert_one_line_error(checkpoint_dir, str(blocker))
    assert "step 0" not in log_dir.stdout + checkpoint_dir.stdout
