"""tf1.py on TF 0.x/1.x MNIST programs of the kinds learners copy (tests/tf1_programs/,
written for these tests in the style of the published ones, shortened to a few steps):
each runs unchanged under tf1.py and learns."""

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, run_scripts
from test_tf1 import Terminal

PROGRAMS_DIR = os.path.join(ROOT, "tests", "tf1_programs")
TF1 = os.path.join(ROOT, "tf1.py")
# Each file of the folder is a program, and so is each project folder's main file (which
# imports the project's own modules).
PROGRAMS = sorted(name for name in os.listdir(PROGRAMS_DIR) if name.endswith(".py")) + [
    "python2_project/train.py"]
FIGURE_LINE = re.compile(r"tf1\.py: no display, so figure (\d+) was saved as (\S+\.png)")


def numbers(text, label):
    """The numbers after each `label` in text."""
    return [float(v) for v in re.findall(re.escape(label) + r"\s*\[?([-\d.e]+)", text)]


def last_number(text, label):
    return numbers(text, label)[-1]


def loss_fell(text, label):
    """Whether the last loss printed after `label` is below the first."""
    losses = numbers(text, label)
    return losses[-1] < losses[0]


@pytest.fixture(scope="module")
def runs(mnist_dir, tmp_path_factory):
    """Every program run through tf1.py in a folder of its own, without a display, reading
    MNIST through $MNIST_DATA_DIR as a program's own "MNIST_data/" would be, with a home
    of its own (no copy of Keras' datasets: as offline on a new machine).
    Returns {program name: (CompletedProcess, its folder)}."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["MNIST_DATA_DIR"] = mnist_dir
    names = PROGRAMS
    folders = [tmp_path_factory.mktemp(os.path.splitext(name)[0].replace("/", "-"))
               for name in names]
    envs = [dict(env, HOME=str(folder)) for folder in folders]
    args = {"fully_connected_feed.py": ["--max_steps", "300"]}
    done = run_scripts(*([TF1, os.path.join(PROGRAMS_DIR, name), *args.get(name, [])]
                         for name in names), envs=envs, cwds=folders)
    return dict(zip(names, zip(done, folders)))


def output(runs, name):
    result, folder = runs[name]
    assert result.returncode == 0, result.stderr
    return result.stdout


def saved_figures(result):
    """The PNG files a run said it saved, checked to be pictures with something drawn."""
    import matplotlib.image
    paths = [path for _, path in FIGURE_LINE.findall(result.stderr)]
    for path in paths:
        pixels = matplotlib.image.imread(path)
        assert pixels.ndim == 3 and pixels.std() > 0.05, path
    return paths


def test_lecture_cnn_with_xavier_initializer_learns_and_its_figure_is_saved(runs):
    out = output(runs, "lecture_xavier_nn.py")
    assert last_number(out, "Accuracy:") > 0.85
    label, prediction = last_number(out, "Label: "), last_number(out, "Prediction: ")
    assert 0 <= label <= 9 and 0 <= prediction <= 9
    result, folder = runs["lecture_xavier_nn.py"]
    assert saved_figures(result) == [str(folder / "lecture_xavier_nn_figure1.png")]
    assert result.stderr.count("\n") == 1  # the figure's line, nothing else


# Programs judged by the numbers they print: (program, the label of its loss, which must
# fall, or None; the label of its accuracy, which must pass the floor; the floor).
LEARN = [
    ("contrib_rnn_static.py", "Minibatch Loss=", "Testing Accuracy:", 0.3),
    ("slim_cnn.py", "loss", "test accuracy", 0.7),
    ("contrib_eager_network.py", None, "Testset Accuracy:", 0.85),
    ("estimator_dnn_classifier.py", None, "Test Accuracy:", 0.85),
    ("kmeans_contrib.py", "Avg Distance:", "Test Accuracy:", 0.5),
    ("lstm_2016_state.py", "Minibatch Loss=", "Testing Accuracy:", 0.3),
    ("contrib_losses_streaming.py", "loss", "streaming accuracy", 0.85),
    ("book_tf_learn_mlp.py", None, "accuracy", 0.9),
    ("slim_optimize_loss.py", "loss", "accuracy", 0.8),
    ("tf2_eager_tape.py", "loss", "accuracy", 0.85),
    ("tf2_keras_fit.py", "loss", "test accuracy", 0.85),
    ("python2_tf0_2016.py", "loss", "accuracy", 0.85),
    ("old_import_paths.py", "loss", "accuracy", 0.85),
    ("contrib_leftovers_rnn.py", "loss", "accuracy", 0.6),
    ("keras2_standalone_session.py", "loss", "accuracy", 0.7),
    ("internal_paths_contrib_layers.py", "loss", "accuracy", 0.7),
    ("python2_project/train.py", "loss", "accuracy", 0.8),
]


@pytest.mark.parametrize("program, loss_label, accuracy_label, floor", LEARN)
def test_program_learns(runs, program, loss_label, accuracy_label, floor):
    """contrib.rnn's static_rnn, slim's CNN, a contrib.eager Network, a canned DNNClassifier,
    contrib.factorization's KMeans, a 2016 LSTM fed one state tensor (with TF 0.9's
    tensorflow.models.rnn), contrib.losses and a streaming accuracy in contrib's argument
    order, a book's tf.contrib.learn MLP on scikit-learn's fetch_mldata, slim.losses with
    optimize_loss and apply_regularization over an LSTMBlockCell; TensorFlow 2 code run as
    plain TensorFlow 2 runs it (eager, GradientTape, tf.data, Keras 3's fit), a Python 2
    program converted, the tutorials' helpers at their old homes, a two-layer LSTM from one
    cell object with contrib's leftovers; standalone Keras 2 in a Session, TensorFlow's
    internal module paths with contrib's remaining layers, a Python 2 project's main file
    and its own Python 2 module. (An Estimator under RunConfig(train_distribute=) learns in
    REPLACEMENTS below.)"""
    out = output(runs, program)
    assert loss_label is None or loss_fell(out, loss_label)
    assert last_number(out, accuracy_label) > floor


def test_tensorflow2_code_gets_tensorflow2_and_python2_code_is_converted(runs):
    assert "eager: True" in output(runs, "tf2_eager_tape.py")
    assert "Total params: 101,770" in output(runs, "tf2_keras_fit.py")  # Keras 3's summary
    result, _ = runs["python2_tf0_2016.py"]
    assert result.stderr == (f"tf1.py: {os.path.join(PROGRAMS_DIR, 'python2_tf0_2016.py')} is "
                             "Python 2 code: running it converted to Python 3 (in memory; the "
                             "file is unchanged)\n")
    assert "half a batch: 50\n" in result.stdout  # Python 2's division, as it computed it
    assert "one input_data: True\nnumpy_input_fn: True" in output(runs, "old_import_paths.py")


def test_tf1_era_standalone_keras_is_keras_2_with_its_module_paths(runs):
    assert output(runs, "keras2_standalone_session.py").startswith("keras 2\n")
    assert runs["keras2_standalone_session.py"][0].stderr == ""


def test_keras_2s_own_mnist_example_runs_as_on_keras_2(runs):
    """Read as TF1-era code for its RMSprop(lr=...) and predict_classes, which Keras 3
    refuses: Keras 2, whose predict_classes is put back."""
    out = output(runs, "keras2_mnist_mlp.py")
    first, last = map(float, re.search(r"loss (\S+) -> (\S+)", out).groups())
    assert last < first and last_number(out, "Test accuracy:") > 0.8
    assert last_number(out, "predict_classes agree:") == last_number(out, "Test accuracy:")


def test_internal_paths_reach_the_public_objects_and_old_library_calls_work(runs):
    out = output(runs, "internal_paths_contrib_layers.py")
    assert "internal modules True True True True True\n" in out
    assert "augmented (28, 28) object 2\ncolumn (784,)\n" in out  # rotate(angle=[a]), a
    # ragged np.array, real_valued_column("", dimension=784)
    assert "repeat scopes ['conv2/conv2_1', 'conv2/conv2_2']\n" in out  # as slim names them
    assert out.endswith("frozen True\n")  # graph_util's convert_variables_to_constants
    said = runs["internal_paths_contrib_layers.py"][0].stderr
    assert "VisibleDeprecationWarning: Creating an ndarray from ragged nested sequences" in said


def test_a_python2_projects_own_modules_are_converted_too(runs):
    result, _ = runs["python2_project/train.py"]
    folder = os.path.join(PROGRAMS_DIR, "python2_project")
    assert result.stderr.splitlines() == [
        f"tf1.py: {os.path.join(folder, name)} is Python 2 code: running it converted to "
        "Python 3 (in memory; the file is unchanged)" for name in ("train.py", "mnist_helpers.py")]
    assert "batches of 100 in 300 steps an epoch" in result.stdout  # Python 2's division
    assert not os.path.exists(os.path.join(folder, "__pycache__"))  # nothing written there


def test_contrib_leftovers_of_research_code_run(runs):
    out = output(runs, "contrib_leftovers_rnn.py")
    assert "variables 6 " in out  # [cell] * 2: two LSTM layers with weights of their own
    assert "replicas 1" in out and "projector config 1" in out
    assert "internal paths True True" in out  # `import ...python.layers.layers as x` too


def test_tf_layers_cnn_learns_with_no_deprecation_noise(runs):
    out = output(runs, "layers_cnn_class.py")
    costs = numbers(out, "cost =")
    # 60 steps leave batch norm's moving averages young: the test accuracy varies
    assert costs[-1] < costs[0] / 2 and last_number(out, "Accuracy:") > 0.3
    assert runs["layers_cnn_class.py"][0].stderr == ""  # tf_keras' warnings silenced


def test_tf_nn_rnn_cell_lstm_learns(runs):
    assert last_number(output(runs, "rnn_cell_dynamic.py"), "Accuracy:") > 0.5


def test_tf1_era_keras_sequential_fits_in_graph_mode(runs):
    out = output(runs, "keras_sequential_graph.py")
    assert "eager: False" in out and last_number(out, "Accuracy:") > 0.85


def test_contrib_layers_arg_scope_and_batch_norm_learn(runs):
    out = output(runs, "contrib_arg_scope.py")
    assert last_number(out, "Accuracy:") > 0.85
    assert "moving mean updated: True" in out  # updates_collections=None updated in place
    said = runs["contrib_arg_scope.py"][0].stderr.splitlines()  # for three batch_norm calls:
    assert said == ["tf1.py: tf.contrib.layers.batch_norm ignores its argument "
                    "zero_debias_moving_mean (no stand-in for it on TensorFlow 2); the code "
                    "runs without it"]


def test_2016_program_with_tf0_names_and_old_numpy_names_learns(runs):
    out = output(runs, "tf0_softmax_2016.py")
    first, last, first_zero, last_zero = map(float, re.findall(
        r"loss ([\d.]+) -> ([\d.]+) zero loss ([\d.]+) -> ([\d.]+)", out)[0])
    assert last < first / 2 and last_zero < first_zero / 2  # logits and labels not swapped
    assert "split, concat, pack, unpack agree: True" in out
    assert "labels (10000, 1) int64" in out
    assert last_number(out, "zero accuracy") > 0.95
    assert float(out.split()[-1]) > 0.85
    assert os.listdir(runs["tf0_softmax_2016.py"][1] / "logs_2016")  # the SummaryWriter's


def test_2016_rnn_with_ops_modules_and_rnn_rnn_learns(runs):
    out = output(runs, "tf0_rnn_2016.py")
    assert loss_fell(out, "Minibatch Loss=") and last_number(out, "Testing Accuracy:") > 0.3
    assert runs["tf0_rnn_2016.py"][0].stderr == ""


def test_fully_connected_feed_gets_the_examples_model_module(runs):
    out = output(runs, "fully_connected_feed.py")
    assert loss_fell(out, "loss =") and last_number(out, "Precision @ 1:") > 0.5
    assert os.path.exists(runs["fully_connected_feed.py"][1] / "logs" / "fully_connected_feed"
                          / "model.ckpt-299.index")


def test_multi_gpu_towers_run_on_the_cpu_saying_so_once(runs):
    out = output(runs, "multi_gpu_towers.py")
    assert last_number(out, "Testing Accuracy:") > 0.7
    stderr = runs["multi_gpu_towers.py"][0].stderr
    assert stderr == ("tf1.py: this machine has no GPU, so what the code pins to /gpu:0 runs "
                      "where it can (soft placement)\n")


def test_probes_see_what_is_really_there(runs):
    out = output(runs, "probing_contrib.py")
    # no tf.contrib.learn, a tf.contrib with layers, no tensor_forest, the same tf
    assert "probes: False True False True" in out
    assert last_number(out, "Accuracy:") > 0.85


def test_tensorflow_layers_tutorial_estimator_learns_and_resumes_its_model_dir(runs):
    out = output(runs, "estimator_layers_tutorial.py")
    steps = numbers(out, "global step")
    accuracies = numbers(out, "accuracy")
    assert steps == [100, 200]  # the second train() went on from the first's checkpoint
    assert accuracies[-1] > 0.8 and accuracies[-1] >= accuracies[0] - 0.02
    assert "predicted first [7, 2, 1, 0, 4]" in out.replace("np.int64(", "").replace(")", "")


def test_keras_private_path_and_keras_mnist_offline(runs):
    result, folder = runs["keras_private_path.py"]
    out = output(runs, "keras_private_path.py")
    assert "shapes (60000, 28, 28) uint8 (10000, 28, 28)" in out
    assert last_number(out, "Test accuracy:") > 0.8  # after a save and a load, as HDF5
    assert os.path.getsize(folder / "mnist_model.h5") > 10000
    assert os.path.getsize(folder / "mnist_model.keras") > 10000  # saved in graph mode
    assert result.stderr.startswith("tf1.py: Keras has no copy of mnist.npz, so its arrays "
                                    "are built from the MNIST files in ")


def test_scipy_misc_and_tsne_n_iter_of_old_posts_run(runs):
    result, folder = runs["vae_scipy_misc_tsne.py"]
    out = output(runs, "vae_scipy_misc_tsne.py")
    assert "image (112, 112) (28, 28) uint8" in out and (folder / "samples.png").exists()
    assert last_number(out, "t-SNE neighbour accuracy:") > 0.3  # chance is 0.1


def test_sequence_loss_is_the_cross_entropy_and_optimize_loss_counts_steps(runs):
    out = output(runs, "slim_optimize_loss.py")
    assert "sequence_loss as the cross-entropy: True global step 201" in out


def test_vae_with_conv2d_transpose_distributions_and_contrib_keras_learns(runs):
    out = output(runs, "vae_contrib_conv2d_transpose.py")
    losses = numbers(out, "loss")
    assert losses[-1] < losses[0] / 2 and "decoded [ 5 28 28  1]" in out


def test_figures_shown_and_waited_on_are_saved_without_blocking(runs):
    out = output(runs, "autoencoder_figures.py")
    losses = numbers(out, "Minibatch Loss:")
    assert losses[-1] < losses[0] / 3 and out.endswith("Done\n")  # digits, not noise
    result, folder = runs["autoencoder_figures.py"]
    assert saved_figures(result) == [str(folder / "autoencoder_figures_figure1.png")]


def test_piped_program_in_latin1_runs(mnist_dir, tmp_path):
    source = ("# -*- coding: latin-1 -*-\n"
              "# R\u00e9seau de neurones \u00e0 une couche (exemple fran\u00e7ais)\n"
              + open(os.path.join(PROGRAMS_DIR, "probing_contrib.py")).read()
              + "print('termin\u00e9')\n").encode("latin-1")
    env = dict(os.environ, MNIST_DATA_DIR=mnist_dir)
    result = subprocess.run([sys.executable, TF1], input=source, cwd=tmp_path, env=env,
                            capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert last_number(out, "Accuracy:") > 0.85 and out.endswith("termin\u00e9\n")


@pytest.mark.parametrize("display, backend, show_from", [
    ({"DISPLAY": ":0"}, "None", "matplotlib.pyplot"),  # a desktop: left as it was
    ({}, "Agg", "tf1_compat.libraries.figures"),
])
def test_figures_are_files_only_without_a_display(display, backend, show_from):
    code = ("import os, sys\nsys.path.insert(0, {root!r})\n"
            "from tf1_compat.libraries import figures\nfigures.save_when_headless('x.py')\n"
            "import matplotlib.pyplot as plt\n"
            "print(os.environ.get('MPLBACKEND'), plt.show.__module__)\n").format(root=ROOT)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND")}
    result = subprocess.run([sys.executable, "-c", code], env=dict(env, **display),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [backend, show_from]


CANNOT_RUN = {  # old code: the name its one line starts with
    "from tensorflow.contrib.learn import Experiment": "tf.contrib.learn",
    "from tensorflow.contrib.tensor_forest.python import tensor_forest":
        "tf.contrib.tensor_forest",
    "from tensorflow.contrib.boosted_trees.estimator_batch.estimator import "
    "GradientBoostedDecisionTreeClassifier": "tf.contrib.boosted_trees",
    "config = tf.estimator.RunConfig(experimental_distribute="
    "tf.contrib.distribute.DistributeConfig())": "tf.contrib.distribute",
}

# What the replacements tf1.py names do with MNIST, under tf1.py, each by its name in
# removed.NAMES (instead_name).
REPLACEMENTS = """\
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data
import sklearn.ensemble

mnist = input_data.read_data_sets("MNIST_data/", one_hot=False)
x, y = mnist.train.images[:2000], mnist.train.labels[:2000]
x_test, y_test = mnist.test.images[:1000], mnist.test.labels[:1000]

model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation='relu', input_shape=(784,)),
                             tf.keras.layers.Dense(10, activation='softmax')])
model.compile('adam', 'sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(x, y, epochs=3, verbose=0)
print("tensorflow.keras.Sequential", model.evaluate(x_test, y_test, verbose=0)[1])
for name in ["RandomForestClassifier", "GradientBoostingClassifier"]:
    model = getattr(sklearn.ensemble, name)(n_estimators=10, random_state=0)
    print("sklearn.ensemble." + name, model.fit(x[:500], y[:500]).score(x_test, y_test))


def model_fn(features, labels, mode):
    logits = tf.layers.dense(features["x"], 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    if mode == tf.estimator.ModeKeys.EVAL:
        accuracy = tf.metrics.accuracy(labels, tf.argmax(logits, 1))
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops={"accuracy": accuracy})
    train_op = tf.train.GradientDescentOptimizer(0.5).minimize(
        loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


def input_fn(images, labels, train):
    def make():
        data = tf.data.Dataset.from_tensor_slices(({"x": images}, labels.astype(np.int32)))
        return data.repeat().shuffle(1000).batch(100) if train else data.batch(1000)
    return make


config = tf.estimator.RunConfig(train_distribute=tf.distribute.MirroredStrategy(),
                                model_dir="mirrored")
estimator = tf.estimator.Estimator(model_fn, config=config)
estimator.train(input_fn(x, y, True), steps=100)
print("tensorflow.distribute.MirroredStrategy",
      estimator.evaluate(input_fn(x_test, y_test, False))["accuracy"])
"""


def test_what_cannot_run_ends_in_one_line_naming_a_replacement_that_works(mnist_dir, tmp_path):
    """Each line typed at tf1.py's console (one process for all; the scripts' form of the
    line, with its file and line number, is test_tf1's), and the replacements run."""
    from tf1_compat.tensorflow1 import removed
    console = Terminal(sys.executable, TF1)
    (tmp_path / "replacements.py").write_text(REPLACEMENTS)
    replaced = subprocess.run([sys.executable, TF1, "replacements.py"], cwd=tmp_path,
                              env=dict(os.environ, MNIST_DATA_DIR=mnist_dir),
                              capture_output=True, text=True, timeout=600)
    for line in ["import tensorflow as tf", "images = labels = None", *CANNOT_RUN]:
        console.type(line)
    assert console.close() == 0
    errors = [line for line in console.screen.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(CANNOT_RUN)
    for error, name in zip(errors, CANNOT_RUN.values()):
        row = removed.ROWS[name]
        assert error.startswith(f"error: {name}") and error.endswith(
            f"{name} was removed in {row.gone} ({row.why}), so this code cannot run as it "
            f"is; use {row.instead} instead")
    assert "Traceback" not in console.screen
    assert replaced.returncode == 0, replaced.stderr
    accuracies = dict(line.split() for line in replaced.stdout.splitlines())
    assert set(accuracies) == {row.instead_name for row in removed.NAMES.rows}
    for name, accuracy in accuracies.items():
        assert float(accuracy) > 0.5, name  # chance is 0.1
