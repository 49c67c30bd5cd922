"""mnist_deep.py --inspect, --filters_png and --mistakes_png on the short run's model, the
pictures' layout, and the progress line on a terminal."""

import contextlib
import io
import math
import os
import pty
import re
import subprocess
import sys

import numpy
import pytest

from conftest import ROOT, STEPS, copy_checkpoints, run_script
from test_pictures import colour_bars, pixels, png_size
from tutorial_helpers import deep_inspect

PARAMETERS = {"h_conv1": 832, "h_conv2": 51264, "h_fc1": 3212288, "y_conv": 10250}
SHAPES = {
    "x": [1, 784], "x_image": [1, 28, 28, 1], "h_conv1": [1, 28, 28, 32],
    "h_pool1": [1, 14, 14, 32], "h_conv2": [1, 14, 14, 64], "h_pool2": [1, 7, 7, 64],
    "h_pool2_flat": [1, 3136], "h_fc1": [1, 1024], "y_conv": [1, 10],
}


@pytest.fixture(scope="module")
def inspected(trained, mnist_dir):
    """--inspect and both pictures from the short run's checkpoint, with no more training."""
    checkpoints = copy_checkpoints(trained, "inspect")
    base = trained["base"]
    pngs = {"filters": str(base / "filters.png"), "mistakes": str(base / "mistakes.png")}
    result = run_script("mnist_deep.py", "--data_dir", mnist_dir, "--max_steps", str(STEPS),
                        "--checkpoint_dir", checkpoints, "--log_dir", str(base / "inspect-logs"),
                        "--inspect", "--filters_png", pngs["filters"],
                        "--mistakes_png", pngs["mistakes"])
    assert result.returncode == 0, result.stderr
    return dict(pngs, result=result, checkpoints=checkpoints)


def test_a_model_trained_to_max_steps_is_not_trained_again(inspected, trained):
    out = inspected["result"].stdout
    assert not [line for line in out.splitlines() if line.startswith("step ")]
    assert "Checkpoint saved" not in out  # nothing new to save
    test_line = [line for line in trained["result"].stdout.splitlines()
                 if line.startswith("test accuracy")][0]
    assert test_line in out.splitlines()  # the same weights came back


def test_layer_shapes_and_parameter_counts(inspected):
    lines = inspected["result"].stdout.splitlines()
    rows = {line.split()[0]: line for line in lines if line.startswith("  ") and "[" in line}
    for name, shape in SHAPES.items():
        assert rows[name].split("]")[0].split("[")[1] == ", ".join(map(str, shape))
    for name, count in PARAMETERS.items():
        assert f"{count:,}" in rows[name].split("]")[1]
    total = [line for line in lines if line.strip().startswith("total ")][0]
    assert total.split()[-1] == "3,274,634" == f"{sum(PARAMETERS.values()):,}"
    assert "98.1% of them are in fc1" in inspected["result"].stdout


def test_confusion_matrix_agrees_with_the_test_accuracy(inspected):
    lines = inspected["result"].stdout.splitlines()
    accuracy = float([line for line in lines if line.startswith("test accuracy")][0].split()[-1])
    start = lines.index("Confusion matrix (rows: the true digit, columns: the predicted digit):")
    rows = lines[start + 2:start + 12]
    matrix = numpy.array([[int(n) for n in line.split()[1:]] for line in rows])
    assert matrix.shape == (10, 10) and matrix.sum() == 10000
    assert numpy.trace(matrix) / 10000 == pytest.approx(accuracy, abs=5e-5)
    per_digit = [float(v) for v in lines[lines.index(
        "Test accuracy per digit (10000 test images, 1000 at a time):") + 2].split()[1:]]
    assert per_digit == pytest.approx(numpy.diag(matrix) / matrix.sum(axis=1), abs=5e-5)
    confusions = re.findall(r"  (\d) taken for (\d): (\d+) times", "\n".join(lines))
    off_diagonal = matrix * (1 - numpy.eye(10, dtype=int))
    assert [int(n) for _, _, n in confusions] == sorted(off_diagonal.flatten())[::-1][:3]
    for true, predicted, n in confusions:
        assert matrix[int(true), int(predicted)] == int(n)


def test_first_test_image_is_a_seven_with_probabilities_summing_to_one(inspected):
    out = inspected["result"].stdout
    softmax_line = [line for line in out.splitlines() if line.startswith("  softmax ")][0]
    assert sum(float(v) for v in softmax_line.split()[1:]) == pytest.approx(1, abs=1e-3)
    assert "true label 7" in out


def test_filters_png_is_the_filters_picture(inspected):
    data = open(inspected["filters"], "rb").read()
    assert png_size(data) == (1500, 950)
    assert colour_bars(data) > 15  # the filters' scale, and the maps' (twice)
    assert len(numpy.unique(pixels(data).reshape(-1, 3), axis=0)) > 1000  # not blank


def test_a_finished_model_is_read_not_trained_and_logs_nothing(inspected, trained):
    out = inspected["result"].stdout
    assert out.startswith(f"Reading the model in {inspected['checkpoints']}/model.ckpt-{STEPS}, "
                          f"trained for {STEPS} steps (--max_steps is {STEPS}: nothing more "
                          "to train)\ntest accuracy ")
    assert "step " not in out and "Saving graph" not in out
    assert not os.path.exists(trained["base"] / "inspect-logs")


def test_mistakes_png_holds_one_digit_per_mistake_up_to_100(inspected):
    out = inspected["result"].stdout
    accuracy = float(re.search(r"test accuracy (\S+)", out).group(1))
    mistakes = round((1 - accuracy) * 10000)
    drawn = min(mistakes, 100)
    assert f"{drawn} of the {mistakes} mistakes drawn to {inspected['mistakes']}" in out
    columns, rows = min(drawn, 10), math.ceil(drawn / 10)
    assert png_size(open(inspected["mistakes"], "rb").read()) == (
        round(100 * (columns + 0.4)), round(100 * (1.2 * rows + 0.9)))


def test_more_than_100_mistakes_are_sampled_across_the_true_digits():
    true_digits = numpy.repeat(numpy.arange(10), 50)  # 500 mistakes, digits 0..9 in order
    drawn = deep_inspect.sample_across_digits(true_digits, numpy.arange(500), 100)
    assert len(drawn) == 100 and (numpy.bincount(true_digits[drawn]) == 10).all()
    assert (numpy.diff(true_digits[drawn]) >= 0).all()  # sorted by true digit
    few = deep_inspect.sample_across_digits(true_digits, numpy.array([3, 60, 61]), 100)
    assert few.tolist() == [3, 60, 61]  # fewer than 100: every one


def test_confusion_matrix_counts_true_by_predicted():
    matrix = deep_inspect.confusion_matrix(numpy.array([4, 4, 9, 7]), numpy.array([9, 4, 9, 1]))
    assert matrix[4, 9] == matrix[4, 4] == matrix[9, 9] == matrix[7, 1] == 1
    assert matrix.sum() == 4


def test_progress_shows_on_a_terminal_without_touching_stdout(mnist_dir, tmp_path):
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "mnist_deep.py", "--data_dir", mnist_dir, "--max_steps", "45",
         "--log_every", "15", "--log_dir", str(tmp_path)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=terminal, text=True)
    os.close(terminal)
    out, _ = process.communicate(timeout=300)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.returncode == 0
    steps = [line for line in out.splitlines() if line.startswith("step ")]
    assert all(re.fullmatch(r"step \d+, training accuracy \S+", line) for line in steps)
    assert len(steps) == 3
    progress = shown.decode()
    assert re.search(r"step \d+/45 \(\d+%\), elapsed 0:\d\d, [\d.]+ steps/s, about 0:\d\d left",
                     progress), progress
    assert progress.endswith("\r\x1b[K")  # the line is cleared at the end


def test_the_look_inside_finds_the_layers_of_the_model_it_is_given():
    """A notebook cell run twice builds the model twice in one graph (conv1, then conv1_1):
    the layers, parameters and pictures are those of the y_conv passed."""
    import mnist_deep
    tf = mnist_deep.tf
    tf.disable_v2_behavior()
    with tf.Graph().as_default():
        models = [mnist_deep.build_graph(1e-4) for _ in range(2)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            image = numpy.zeros(784, numpy.float32)
            image[300:320] = 1
            for model in models:
                figure = deep_inspect.filters_picture(sess, model.x, model.keep_prob,
                                                      model.y_conv, image)
                [conv1] = [v for v in deep_inspect._variables(model.y_conv, "conv1")
                           if v.shape.ndims == 4]
                shown = [ax.images[0].get_array() for ax in figure.axes if ax.images][1]
                assert (shown == sess.run(conv1)[:, :, 0, 0]).all()
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                deep_inspect.print_layers(sess, models[1].x, models[1].keep_prob,
                                          models[1].y_conv, image)
    assert "3,274,634" in printed.getvalue()
