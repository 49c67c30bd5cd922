"""mnist_softmax.py and its eager twin, run as a user runs them, on the real data."""

import math
import os
import re

import pytest

from conftest import ROOT, run_script, run_scripts
from test_pictures import colour_bars, png_size


@pytest.fixture(scope="module")
def runs(mnist_dir, tmp_path_factory):
    """A default run, and one with the same seed, --inspect and --weights_png (and
    TF_CPP_MIN_LOG_LEVEL set but empty)."""
    png = tmp_path_factory.mktemp("png") / "weights.png"
    common = ["mnist_softmax.py", "--data_dir", mnist_dir, "--seed", "0"]
    return {
        "first": run_script(*common),
        "inspect": run_script(*common, "--inspect", "--weights_png", str(png),
                              env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="")),
        "png": png,
    }


def test_default_run_reaches_90_percent_and_prints_only_the_accuracy(runs):
    result = runs["first"]
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no TensorFlow start-up or deprecation noise
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert float(lines[0]) >= 0.90


def test_an_empty_log_level_counts_as_unset(runs):
    assert runs["inspect"].returncode == 0
    assert runs["inspect"].stderr == ""  # no "MLIR V1 optimization pass is not enabled"


def test_same_seed_same_accuracy(runs):
    # The same seed gives the same accuracy; --inspect only looks, so training is unchanged.
    assert runs["inspect"].stdout.splitlines()[0] == runs["first"].stdout.strip()


def section(output, title):
    """The lines of the --inspect section that starts with `title`."""
    block = output.split("\n" + title, 1)[1]
    return block.split("\n\n", 1)[0].splitlines()


def numbers(line):
    return [float(v) for v in re.findall(r"[-+]?\d+\.\d+", line)]


def test_inspect_shapes(runs):
    lines = section(runs["inspect"].stdout, "Shapes for one batch of 100")
    shapes = {line.split()[0]: re.search(r"\[[\d, ]+\]", line).group() for line in lines[1:]}
    assert shapes == {"x": "[100, 784]", "W": "[784, 10]", "tf.matmul(x,": "[100, 10]",
                      "y": "[100, 10]"}


def test_inspect_first_test_image(runs):
    lines = section(runs["inspect"].stdout, "First test image")
    logits, probabilities = numbers(lines[1]), numbers(lines[2])
    assert len(logits) == len(probabilities) == 10
    assert sum(probabilities) == pytest.approx(1.0, abs=1e-3)
    softmax = [math.exp(v) / sum(math.exp(u) for u in logits) for v in logits]
    assert probabilities == pytest.approx(softmax, abs=2e-3)
    assert "predicted digit 7" in lines[3] and "true label 7" in lines[3]


def test_inspect_first_ten(runs):
    lines = section(runs["inspect"].stdout, "First ten test images")
    predicted, true = (line.split()[-10:] for line in lines[1:3])
    assert true == "7 2 1 0 4 1 4 9 5 9".split()
    assert sum(p == t for p, t in zip(predicted, true)) >= 8


def test_inspect_weights_of_two_pixels(runs):
    lines = section(runs["inspect"].stdout, "Weights of two pixels")
    corner = [float(v) for v in lines[1].split()[-10:]]
    centre = [float(v) for v in lines[2].split()[-10:]]
    assert lines[1].lstrip().startswith("W[0]") and corner == [0.0] * 10
    assert lines[2].lstrip().startswith("W[380]") and any(v != 0 for v in centre)
    assert "positive" in lines[3] and "negative" in lines[3]


def test_inspect_cross_entropy_before_and_after(runs):
    lines = section(runs["inspect"].stdout, "Cross-entropy summed")
    before, after = numbers(lines[1])[0], numbers(lines[2])[0]
    assert before == pytest.approx(10000 * math.log(10), abs=1.0)
    assert 0 < after < before / 5


def test_inspect_gradients_shrink(runs):
    lines = section(runs["inspect"].stdout, "Gradients of a batch")
    norms = [float(line.rsplit("norm", 1)[1]) for line in lines[2:6]]
    first_W, first_b, last_W, last_b = norms
    assert len(numbers(lines[2].split("norm")[0])) == 10
    assert last_W < first_W and last_b < first_b


def test_weights_png_is_the_weights_picture(runs):
    data = runs["png"].read_bytes()
    assert png_size(data) == (1200, 260) and colour_bars(data) > 5
    assert f"weights written to {runs['png']}" in runs["inspect"].stdout


def test_eager_twin_reaches_90_percent_and_the_same_through_tf1(mnist_dir):
    """mnist_softmax_eager.py as written; and through tf1.py, as on plain TensorFlow 2."""
    plain, through_tf1 = run_scripts(
        ["mnist_softmax_eager.py", "--data_dir", mnist_dir, "--seed", "1"],
        [os.path.join(ROOT, "tf1.py"), "mnist_softmax_eager.py", "--data_dir", mnist_dir,
         "--seed", "1"])
    assert plain.returncode == through_tf1.returncode == 0, plain.stderr + through_tf1.stderr
    assert plain.stderr == through_tf1.stderr == ""
    assert float(plain.stdout) >= 0.90
    assert abs(float(through_tf1.stdout) - float(plain.stdout)) < 0.01


BAD_FLAGS = [
    (["mnist_softmax.py", "--batch_size", "60000"],
     "--batch_size: must be from 1 to 55000 (the training images), got 60000"),
    (["mnist_softmax_eager.py", "--learning_rate", "fast"],
     "--learning_rate: 'fast' is not a number"),
]


def test_bad_flags_give_a_usage_error():
    results = run_scripts(*(command for command, _ in BAD_FLAGS))
    for result, (_, message) in zip(results, BAD_FLAGS):
        assert result.returncode == 2
        assert result.stderr.startswith("usage:") and message in result.stderr
        assert "Traceback" not in result.stderr


def test_unwritable_png_path_is_refused_before_training():
    result = run_script("mnist_softmax.py", "--weights_png", "/no/such/dir/w.png")
    assert result.returncode == 2 and "directory /no/such/dir does not exist" in result.stderr


def test_missing_data_is_one_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    without_shared_data = {k: v for k, v in os.environ.items() if k != "MNIST_DATA_DIR"}
    result = run_script("mnist_softmax.py", "--data_dir", str(blocker / "MNIST_data"),
                        env=without_shared_data)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: cannot write to the data directory")
    assert "Traceback" not in result.stderr


def test_a_failing_tensorflow_import_still_shows_why(tmp_path):
    broken = tmp_path / "tensorflow"
    broken.mkdir()
    (broken / "__init__.py").write_text(
        "import sys\nsys.stderr.write('noise from the C++ side\\n')\n"
        "raise ImportError('libcudart.so.12: cannot open shared object file')\n")
    code = ("import sys; sys.path.insert(0, %r); from tutorial_helpers import startup; "
            "startup.silence_tensorflow_startup()" % str(tmp_path))
    result = run_script("-c", code)
    assert result.returncode == 1
    assert "libcudart.so.12: cannot open shared object file" in result.stderr
    assert "noise from the C++ side" in result.stderr and "Traceback" in result.stderr
