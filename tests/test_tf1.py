"""tf1.py: TF1-era code, as the tutorials and blog posts print it, runs unchanged."""

import os
import pty
import re
import select
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, run_script, run_scripts

# The beginners' tutorial's lines as printed, with the raw cross-entropy of its text.
with open(os.path.join(ROOT, "examples", "beginners.py")) as _f:
    BEGINNERS_LINES = _f.read()

# The expert tutorial's program in its InteractiveSession style, shortened to 200 seeded
# steps and tested on 1000 images.
EXPERT_SCRIPT = """\
import tensorflow.examples.tutorials.mnist.input_data as input_data
import tensorflow as tf
mnist = input_data.read_data_sets({data_dir!r}, one_hot=True, seed=0)
tf.set_random_seed(0)
sess = tf.InteractiveSession()
x = tf.placeholder(tf.float32, shape=[None, 784])
y_ = tf.placeholder(tf.float32, shape=[None, 10])

def weight_variable(shape):
  initial = tf.truncated_normal(shape, stddev=0.1)
  return tf.Variable(initial)

def bias_variable(shape):
  initial = tf.constant(0.1, shape=shape)
  return tf.Variable(initial)

def conv2d(x, W):
  return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding='SAME')

def max_pool_2x2(x):
  return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME')

W_conv1 = weight_variable([5, 5, 1, 32])
b_conv1 = bias_variable([32])
x_image = tf.reshape(x, [-1,28,28,1])
h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1)
h_pool1 = max_pool_2x2(h_conv1)
W_conv2 = weight_variable([5, 5, 32, 64])
b_conv2 = bias_variable([64])
h_conv2 = tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2)
h_pool2 = max_pool_2x2(h_conv2)
W_fc1 = weight_variable([7 * 7 * 64, 1024])
b_fc1 = bias_variable([1024])
h_pool2_flat = tf.reshape(h_pool2, [-1, 7*7*64])
h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1)
keep_prob = tf.placeholder(tf.float32)
h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)
W_fc2 = weight_variable([1024, 10])
b_fc2 = bias_variable([10])
y_conv = tf.matmul(h_fc1_drop, W_fc2) + b_fc2

cross_entropy = tf.reduce_mean(
    tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y_conv))
train_step = tf.train.AdamOptimizer(1e-4).minimize(cross_entropy)
correct_prediction = tf.equal(tf.argmax(y_conv,1), tf.argmax(y_,1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
sess.run(tf.global_variables_initializer())
for i in range(200):
  batch = mnist.train.next_batch(50)
  if i%100 == 0:
    train_accuracy = accuracy.eval(feed_dict={{
        x:batch[0], y_: batch[1], keep_prob: 1.0}})
    print("step %d, training accuracy %g"%(i, train_accuracy))
  train_step.run(feed_dict={{x: batch[0], y_: batch[1], keep_prob: 0.5}})

print("test accuracy %g"%accuracy.eval(feed_dict={{
    x: mnist.test.images[:1000], y_: mnist.test.labels[:1000], keep_prob: 1.0}}))
"""

# A TF 1.x script in the style of the tutorial's mnist_softmax.py: argparse flags,
# tf.app.run, sparse int64 labels, tf.losses, tf.gfile and a FileWriter.
APP_RUN_SCRIPT = """\
import argparse
import sys

import input_data
import tensorflow as tf

FLAGS = None


def main(_):
  mnist = input_data.read_data_sets(FLAGS.data_dir)
  assert mnist.train.labels.dtype.name == 'uint8' and mnist.train.labels.ndim == 1
  x = tf.placeholder(tf.float32, [None, 784])
  W = tf.Variable(tf.zeros([784, 10]))
  b = tf.Variable(tf.zeros([10]))
  y = tf.matmul(x, W) + b
  y_ = tf.placeholder(tf.int64, [None])
  cross_entropy = tf.losses.sparse_softmax_cross_entropy(labels=y_, logits=y)
  train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
  if not tf.gfile.Exists(FLAGS.log_dir):
    tf.gfile.MakeDirs(FLAGS.log_dir)
  sess = tf.InteractiveSession()
  tf.summary.FileWriter(FLAGS.log_dir, sess.graph).close()
  tf.global_variables_initializer().run()
  for _ in range(FLAGS.steps):
    batch_xs, batch_ys = mnist.train.next_batch(100)
    sess.run(train_step, feed_dict={x: batch_xs, y_: batch_ys})
  correct_prediction = tf.equal(tf.argmax(y, 1), y_)
  accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
  print('accuracy', sess.run(accuracy, feed_dict={x: mnist.test.images,
                                                  y_: mnist.test.labels}))


if __name__ == '__main__':
  parser = argparse.ArgumentParser()
  parser.add_argument('--data_dir', type=str, default='/tmp/tensorflow/mnist/input_data')
  parser.add_argument('--log_dir', type=str, default='/tmp/logs')
  parser.add_argument('--steps', type=int, default=1000)
  FLAGS, unparsed = parser.parse_known_args()
  tf.app.run(main=main, argv=[sys.argv[0]] + unparsed)
"""


def run_tf1(*args, stdin=None, cwd=ROOT):
    return subprocess.run([sys.executable, os.path.join(ROOT, "tf1.py"), *args], input=stdin,
                          cwd=cwd, capture_output=True, text=True, timeout=600)


def test_beginners_tutorial_lines_through_the_console_reach_90_percent(mnist_dir):
    result = run_tf1(stdin=BEGINNERS_LINES)  # MNIST_data/, else $MNIST_DATA_DIR
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no TensorFlow start-up or deprecation noise
    assert float(result.stdout.strip().splitlines()[-1]) >= 0.90


def test_expert_tutorial_script_trains_as_written(mnist_dir, tmp_path):
    script = tmp_path / "deep_mnist.py"
    script.write_text(EXPERT_SCRIPT.format(data_dir=mnist_dir))
    result = run_tf1(str(script))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(",")[0] for line in lines[:2]] == ["step 0", "step 100"]
    assert lines[-1].startswith("test accuracy ") and float(lines[-1].split()[-1]) > 0.85


def test_app_run_script_with_flags_and_sparse_labels(mnist_dir, tmp_path):
    script = tmp_path / "mnist_softmax_tf1.py"
    script.write_text(APP_RUN_SCRIPT)
    result = run_tf1(str(script), "--data_dir", mnist_dir, "--log_dir", str(tmp_path / "logs"),
                     "--steps", "300", cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.split()[-1]) > 0.85
    assert os.listdir(tmp_path / "logs")  # the FileWriter wrote its events file


def test_script_sees_its_own_argv_name_file_helpers_exit_status_and_the_real_modules(tmp_path):
    """A script run through tf1.py as `python` runs it; its `import keras` is Keras 2, as
    TF1-era standalone Keras was, while tf.compat.v2, the real TensorFlow module and the
    `keras` of sys.modules stay what they are beside its TF1 API."""
    (tmp_path / "helper.py").write_text(textwrap.dedent("""\
        import tensorflow as tf
        def placeholder_type():
            return tf.placeholder(tf.float32).op.type
    """))
    script = tmp_path / "main.py"
    script.write_text(textwrap.dedent("""\
        import sys
        import helper
        import tensorflow as tf
        import keras
        import tensorflow.compat.v2 as tf2
        print(__name__, __file__, sys.argv[1:], helper.placeholder_type())
        real = sys.modules["tensorflow"]
        print(tf is not real, keras is not sys.modules.get("keras") and
              keras.__version__.startswith("2."), tf2 is real.compat.v2,
              hasattr(keras.layers, "Dense"), tf.placeholder is real.compat.v1.placeholder)
        sys.exit(3)
    """))
    result = run_tf1(str(script), "--flag", "value", cwd=str(tmp_path))
    assert result.returncode == 3, result.stderr
    ran, modules = result.stdout.splitlines()
    assert ran.split() == ["__main__", str(script), "['--flag',", "'value']", "Placeholder"]
    assert modules.split() == ["True"] * 5


def test_import_tf1_leaves_modules_imported_before_it_alone():
    code = textwrap.dedent("""\
        import sys, json, numpy, tensorflow
        before = dict(sys.modules)
        version = tensorflow.__version__
        import tf1
        changed = [name for name, module in before.items() if sys.modules.get(name) is not module]
        import tensorflow as tf
        from tensorflow.examples.tutorials.mnist import input_data
        print(changed, tensorflow.function is not None, tf.placeholder is not None,
              input_data is sys.modules["input_data"])
        tf1.uninstall()
        import tensorflow as tf
        print(tf is tensorflow, tf.executing_eagerly(), "tensorflow.examples" in sys.modules)
    """)
    result = run_script("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[] True True True", "True True False"]


OLD_CODE = [  # (source, the one line it gets)
    ("import tensorflow as tf\nx = 1\nexperiment = tf.contrib.learn.Experiment(x, x, x)\n",
     "error: {path}, line 3: tf.contrib.learn.Experiment: tf.contrib.learn was removed in "
     "TensorFlow 2.0 with tf.contrib (of it, tf1.py has DNNClassifier, LinearClassifier, "
     "SKCompat and the MNIST data set; its Estimator, Experiment and the rest became "
     "tf.estimator's with another API), so this code cannot run as it is; use tf.keras "
     "(tf.keras.Sequential, then compile and fit) instead"),
    ("from tensorflow.contrib.tensor_forest.python import tensor_forest\n",
     "error: {path}, line 1: tf.contrib.tensor_forest was removed in TensorFlow 2.0"),
]


def test_python2_code_is_converted_in_memory_and_runs(tmp_path):
    script = tmp_path / "old.py"
    source = ("import tensorflow as tf\nsteps = 5 / 2  # Python 2: 2, a whole number\n"
              "for i in xrange(2):\n    print 'hello', i, range(steps), 5.0 / 2\n")
    script.write_text(source)
    result = run_tf1(str(script))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hello 0 [0, 1] 2.5\nhello 1 [0, 1] 2.5\n"  # Python 2's `/`
    assert result.stderr == (f"tf1.py: {script} is Python 2 code: running it converted to "
                             "Python 3 (in memory; the file is unchanged)\n")
    assert script.read_text() == source


def test_contrib_and_python2_get_one_line(tmp_path):
    scripts = [tmp_path / f"old{number}.py" for number in range(len(OLD_CODE))]
    for script, (source, _) in zip(scripts, OLD_CODE):
        script.write_text(source)
    results = run_scripts(*([os.path.join(ROOT, "tf1.py"), str(script)]
                            for script in scripts))
    for result, script, (_, message) in zip(results, scripts, OLD_CODE):
        assert result.returncode == 1
        assert result.stderr.startswith(message.format(path=script))
        assert result.stderr.count("\n") == message.count("\n") + 1
        assert "Traceback" not in result.stderr


def test_errors_in_the_users_code_keep_their_traceback(tmp_path):
    script = tmp_path / "buggy.py"
    script.write_text("import tensorflow as tf\n\ndef f():\n    return 1 / 0\n\nf()\n")
    result = run_tf1(str(script))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1] == f'  File "{script}", line 6, in <module>'  # tf1.py's frames cut
    assert lines[-1] == "ZeroDivisionError: division by zero"


def test_import_errors_show_no_frame_of_tf1(tmp_path):
    (tmp_path / "helper.py").write_text("import tensorflow as tf\nfrom os import no_such_name\n")
    script = tmp_path / "main.py"
    script.write_text("import tensorflow as tf\nimport helper\n")
    result = run_tf1(str(script), cwd=str(tmp_path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[1:5] == [f'  File "{script}", line 2, in <module>', "    import helper",
                          f'  File "{tmp_path / "helper.py"}", line 2, in <module>',
                          "    from os import no_such_name"]
    assert lines[-1].startswith("ImportError: cannot import name 'no_such_name' from 'os'")
    assert "tf1_compat" not in result.stderr


def test_list_is_the_table_in_the_docs():
    result = run_tf1("--list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("| old name | under tf1.py | gone since |\n")
    with open(os.path.join(ROOT, "docs", "tf1.md")) as f:
        assert result.stdout in f.read()


@pytest.mark.parametrize("target, problem", [("no_such.py", "does not exist"),
                                             (".", "is a directory")])
def test_missing_script_or_directory_is_a_usage_error(target, problem):
    result = run_tf1(target)
    assert result.returncode == 2
    assert f"error: the script {target} {problem}" in result.stderr
    assert "Traceback" not in result.stderr


SMALL_TF1_PROGRAM = """\
import tensorflow as tf
W = tf.Variable(tf.zeros([1]))
x = tf.placeholder(tf.float32)
loss = tf.reduce_mean(tf.square(W * x - 2 * x))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
sess = tf.Session()
sess.run(tf.initialize_all_variables())
for _ in range(50):
    sess.run(train, {x: [1.0, 2.0]})
print("W", round(float(sess.run(W)[0]), 2))
"""


def test_a_program_from_a_pipe_runs_as_python_runs_it(tmp_path):
    """`python tf1.py <(cat prog.py)`, `cat prog.py | python tf1.py /dev/stdin` and
    `python tf1.py - < prog.py`, as `python` runs all three."""
    program = tmp_path / "prog.py"
    program.write_text(SMALL_TF1_PROGRAM)
    tf1 = f"{sys.executable} {os.path.join(ROOT, 'tf1.py')}"
    results = run_scripts(*(["-c", "import subprocess, sys; sys.exit(subprocess.run("
                             f"['bash', '-c', {command!r}]).returncode)"]
                            for command in (f"{tf1} <(cat {program})",
                                            f"cat {program} | {tf1} /dev/stdin",
                                            f"{tf1} - < {program}")))
    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stdout == "W 2.0\n"  # it learned W * x = 2 * x


class Terminal:
    """A program on a pseudo-terminal, typed at as a person would: a line after each prompt."""

    def __init__(self, *args):
        self.controller, terminal = pty.openpty()
        self.process = subprocess.Popen(list(args), cwd=ROOT, stdin=terminal, stdout=terminal,
                                        stderr=terminal)
        os.close(terminal)
        self.screen = ""
        self.seen = 0  # how much of the screen had been shown when the last line was typed

    def read_until(self, text, timeout=120):
        """Reads what the program shows until it ends with text (or one of several)."""
        while not self.screen[self.seen:].endswith(text):
            ready, _, _ = select.select([self.controller], [], [], timeout)
            assert ready, f"no {text!r} after:\n{self.screen}"
            self.screen += os.read(self.controller, 65536).decode().replace("\r\n", "\n")

    def type(self, line):
        self.read_until((">>> ", "... "))
        self.seen = len(self.screen)
        os.write(self.controller, (line + "\n").encode())

    def close(self):
        self.read_until(">>> ")
        os.write(self.controller, b"\x04")
        status = self.process.wait(timeout=60)
        os.close(self.controller)
        return status


# A package that is not installed or cannot run today, and its one line (one per kind of
# entry in tf1_compat/tables/packages.tsv): typed at the console, all in one process.
PACKAGE_LINES = [
    ("import cv2", "No module named 'cv2': install it with `pip install opencv-python`"),
    ("from skimage import io", "No module named 'skimage': install it with `pip install "
                               "scikit-image`"),
    ("import no_such_package_anywhere", "No module named 'no_such_package_anywhere': install "
                                        "the package that has it, usually `pip install "
                                        "no_such_package_anywhere`"),
    ("import prettytensor as pt", "prettytensor cannot run today: PrettyTensor 0.7.4, its last "
                                  "release, fails at import on Python 3.10 and later"),
]


def test_a_package_that_is_missing_in_a_script_is_one_line_naming_its_line(tmp_path):
    line, message = PACKAGE_LINES[0]
    program = tmp_path / "program.py"
    program.write_text(f"import tensorflow as tf\n{line}\n")
    result = run_tf1(str(program))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error: {program}, line 2: {message}")
    assert result.stderr.count("\n") == 1


def test_console_on_a_terminal_runs_pasted_blocks_and_explains_old_code():
    console = Terminal(sys.executable, os.path.join(ROOT, "tf1.py"))
    for line in ["import tensorflow as tf",
                 "x = tf.placeholder(tf.float32, [None, 784])",
                 "for i in range(2):",
                 "  print('line', i)",
                 "print(x.shape.as_list())",  # no blank line ended the block
                 "tf.contrib.tensor_forest.RandomForestGraphs(x)",
                 "print 'hello'",
                 *(line for line, _ in PACKAGE_LINES),
                 "print('still here')"]:
        console.type(line)
    assert console.close() == 0
    screen = console.screen
    assert "with the TensorFlow 1 API" in screen
    assert "line 0\nline 1\n" in screen and "[None, 784]\n" in screen
    assert "error: tf.contrib.tensor_forest was removed in TensorFlow 2.0" in screen
    assert "error: this is Python 2 code (a print statement)" in screen
    for _, message in PACKAGE_LINES:
        assert f"\nerror: {message}" in screen
    assert "still here" in screen and "Traceback" not in screen


def test_import_tf1_in_ipython_makes_the_next_cells_tf1_code():
    pytest.importorskip("IPython")
    cells = "\n".join([
        "import tf1",
        "import tensorflow as tf",
        "x = tf.placeholder(tf.float32, [None, 784])",
        "print('shape', x.shape.as_list())",
        "from tensorflow.examples.tutorials.mnist import input_data",
        "print('input_data', input_data.__file__)",
        "%load_ext watermark",
        "print('after', tf.executing_eagerly())",
    ]) + "\n"
    result = subprocess.run([sys.executable, "-m", "IPython", "--no-banner", "--colors=NoColor"],
                            input=cells, cwd=ROOT, capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert "shape [None, 784]" in out
    assert f"input_data {os.path.join(ROOT, 'input_data.py')}" in out
    assert "error: <ipython-input-7" in out and ": No module named 'watermark': install it " \
        "with `pip install watermark`" in out and "Traceback" not in out
    assert "after False" in out  # graph mode, as TF1


TF2_CELL = ("import tensorflow as tf\n"  # TensorFlow 2 as it is, until the first TF1 cell
            "print('eager', tf.executing_eagerly(), tf.one_hot([1], 3).numpy().tolist())\n"
            "from tensorflow import keras\n"
            "print('keras', keras.__version__.split('.')[0].isdigit())")
NOTEBOOK_CELLS = [
    "%matplotlib inline\n"  # a magic line: the cell is read as IPython runs it
    "from tensorflow.examples.tutorials.mnist import input_data\n"
    "mnist = input_data.read_data_sets('MNIST_data/', one_hot=True)",
    "x = tf.placeholder(tf.float32, [None, 784])\n"  # the TF2 cell's `tf`, now the TF1 API
    "W = tf.Variable(tf.zeros([784, 10]))\n"
    "b = tf.Variable(tf.zeros([10]))\n"
    "y = tf.nn.softmax(tf.matmul(x, W) + b)\n"
    "y_ = tf.placeholder(tf.float32, [None, 10])\n"
    "cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y), reduction_indices=[1]))\n"
    "train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)",
    "sess = tf.InteractiveSession()\n"
    "tf.global_variables_initializer().run()\n"
    "for _ in range(200):\n"
    "  batch_xs, batch_ys = mnist.train.next_batch(100)\n"
    "  sess.run(train_step, feed_dict={x: batch_xs, y_: batch_ys})",
    "correct_prediction = tf.equal(tf.argmax(y,1), tf.argmax(y_,1))\n"
    "accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))\n"
    "print('accuracy', sess.run(accuracy, feed_dict={x: mnist.test.images, "
    "y_: mnist.test.labels}))",
    "print 'a quarter', len(mnist.test.labels[:len(mnist.test.labels) / 4])",  # Python 2
    "half = len(mnist.test.labels) / 2\nprint('half', mnist.test.labels[:half].shape)",
    "%load_ext watermark",
    "tf.enable_eager_execution()",  # too late: graph mode is on
]


@pytest.mark.parametrize("first_cell", ["import tf1", "%load_ext tf1"])
def test_a_notebook_of_tf2_then_tf1_cells_runs_headless_and_learns(mnist_dir, tmp_path,
                                                                   monkeypatch, first_cell):
    nbclient = pytest.importorskip("nbclient")
    import nbformat
    monkeypatch.setenv("PYTHONPATH", ROOT)  # for the kernel: tf1 from this project
    monkeypatch.setenv("MNIST_DATA_DIR", mnist_dir)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)
                                               for source in [first_cell, TF2_CELL] +
                                               NOTEBOOK_CELLS])
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    streams = {name: "".join(output.get("text", "") for cell in notebook.cells
                             for output in cell.outputs if output.get("name") == name)
               for name in ("stdout", "stderr")}
    assert streams["stdout"].startswith("eager True [[0.0, 1.0, 0.0]]\nkeras True\n")
    accuracy = float(re.search(r"accuracy ([\d.]+)", streams["stdout"]).group(1))
    assert accuracy > 0.85
    assert "No module named 'watermark': install it with `pip install watermark`" in \
        streams["stderr"]
    assert "a quarter 2500\nhalf (5000, 10)\n" in streams["stdout"]  # Python 2's division
    assert "tf1: this cell is Python 2 code: running it converted to Python 3" in \
        streams["stderr"]
    assert re.search(r"error: \S+, line 1: tf\.enable_eager_execution\(\): TF1 code turned "
                     "graph mode on", streams["stderr"])
    assert "restart the interpreter (the notebook's kernel)" in streams["stderr"]
    assert not [output for cell in notebook.cells for output in cell.outputs
                if output.get("output_type") == "error"]  # no traceback in any cell


UNINSTALL = """\
import sys
sys.path.insert(0, {root!r})
import tf1
import tensorflow as tf
if sys.argv[1] == "graph":
    x = tf.placeholder(tf.float32)
    print("built", tf.Session().run(x * 2, {{x: 3.0}}))
try:
    tf1.uninstall()
except Exception as error:
    print(type(error).__name__, error)
import tensorflow as tf
print("placeholder", hasattr(tf, "placeholder"), "eager", tf.executing_eagerly())
"""


def test_uninstall_undoes_import_tf1_or_says_in_one_line_that_a_restart_must(tmp_path):
    program = tmp_path / "uninstall.py"
    program.write_text(UNINSTALL.format(root=ROOT))
    before, after = run_scripts([str(program), "nothing"], [str(program), "graph"])
    assert before.returncode == 0, before.stderr
    assert before.stdout.splitlines()[-1] == "placeholder False eager True"  # TensorFlow 2
    assert after.returncode == 0, after.stderr
    assert "CannotUndo tf1.uninstall(): this program (or notebook) has built a TF1 graph" in \
        after.stdout and "restart the interpreter" in after.stdout
    assert after.stdout.splitlines()[-1] == "placeholder True eager False"  # TF1, whole


def test_docs_table_names_only_what_tf1_has():
    """Each old name in the docs' table of what tf1.py covers is in tf1_compat's tables
    (or the TF1 API itself) under tf1.py, or in its table of what cannot run."""
    with open(os.path.join(ROOT, "docs", "tf1.md")) as f:
        page = f.read()
    table = page.split("| old code | under `tf1.py` |")[1].split("\n\n")[0]
    names = sorted({name for name in re.findall(r"`((?:tf|np)\.[\w.]+)", table)})
    code = textwrap.dedent("""\
        import sys, numpy as np
        import tf1
        import tensorflow as tf
        from tf1_compat.tensorflow1 import removed
        missing = []
        for name in sys.argv[1:]:
            if name in removed.ROWS:
                continue
            value = {"tf": tf, "np": np}[name.split(".")[0]]
            try:
                for part in name.split(".")[1:]:
                    value = getattr(value, part)
            except AttributeError:
                missing.append(name)
        print(len(sys.argv) - 1, missing)
    """)
    result = run_script("-c", code, *names)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(maxsplit=1) == [str(len(names)), "[]\n"]
    assert len(names) > 40


REPLICA_SCRIPT = """\
# Between-graph replication as TensorFlow's mnist_replica.py did it: a parameter server,
# workers that share its variables, MonitoredTrainingSession, tf.app.flags.
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

flags = tf.app.flags
flags.DEFINE_string("job_name", "", "ps or worker")
flags.DEFINE_integer("task_index", 0, "index of the task in its job")
flags.DEFINE_string("ps_hosts", "", "comma-separated host:port")
flags.DEFINE_string("worker_hosts", "", "comma-separated host:port")
FLAGS = flags.FLAGS


def main(_):
    cluster = tf.train.ClusterSpec({"ps": FLAGS.ps_hosts.split(","),
                                    "worker": FLAGS.worker_hosts.split(",")})
    server = tf.train.Server(cluster, job_name=FLAGS.job_name, task_index=FLAGS.task_index)
    if FLAGS.job_name == "ps":
        server.join()
    mnist = input_data.read_data_sets("MNIST_data", one_hot=True)
    with tf.device(tf.train.replica_device_setter(
            worker_device="/job:worker/task:%d" % FLAGS.task_index, cluster=cluster)):
        global_step = tf.train.get_or_create_global_step()
        x = tf.placeholder(tf.float32, [None, 784])
        y_ = tf.placeholder(tf.float32, [None, 10])
        W = tf.Variable(tf.zeros([784, 10]))
        b = tf.Variable(tf.zeros([10]))
        y = tf.matmul(x, W) + b
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
        train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss, global_step=global_step)
        correct = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
        accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
    # Each worker talks to the ps and itself only: one that finished does not hold it up.
    config = tf.ConfigProto(device_filters=["/job:ps", "/job:worker/task:%d" % FLAGS.task_index])
    with tf.train.MonitoredTrainingSession(master=server.target, is_chief=FLAGS.task_index == 0,
                                           config=config) as sess:
        losses = []
        for _ in range(100):
            batch_xs, batch_ys = mnist.train.next_batch(100)
            _, value = sess.run([train_op, loss], {x: batch_xs, y_: batch_ys})
            losses.append(value)
        print("worker %d: loss %g -> %g, global step %d, accuracy %g" % (
            FLAGS.task_index, losses[0], losses[-1], sess.run(global_step),
            sess.run(accuracy, {x: mnist.test.images, y_: mnist.test.labels})))


if __name__ == "__main__":
    tf.app.run()
"""


def free_ports(count):
    """Ports on 127.0.0.1 that nothing listens on now."""
    import socket
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def test_a_parameter_server_and_two_workers_on_localhost_train(mnist_dir, tmp_path):
    script = tmp_path / "mnist_replica.py"
    script.write_text(REPLICA_SCRIPT)
    ps, *workers = (f"127.0.0.1:{port}" for port in free_ports(3))
    hosts = ["--ps_hosts", ps, "--worker_hosts", ",".join(workers)]
    env = dict(os.environ, MNIST_DATA_DIR=mnist_dir)
    tasks = [("ps", 0)] + [("worker", index) for index in range(len(workers))]
    processes = [subprocess.Popen([sys.executable, os.path.join(ROOT, "tf1.py"), str(script),
                                   "--job_name", job, "--task_index", str(index), *hosts],
                                  cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for job, index in tasks]
    parameter_server, *worker_processes = processes
    try:
        results = [process.communicate(timeout=300) for process in worker_processes]
    finally:
        parameter_server.kill()  # it serves until it is ended, by its PID
        parameter_server.communicate()
    steps, first_losses = [], []
    for index, (process, (out, err)) in enumerate(zip(worker_processes, results)):
        assert process.returncode == 0, err
        first, last, step, accuracy = re.search(
            rf"worker {index}: loss (\S+) -> (\S+), global step (\d+), accuracy (\S+)",
            out).groups()
        assert float(last) < 1.0 and float(accuracy) > 0.8  # chance: loss 2.30, 0.1
        steps.append(int(step))
        first_losses.append(float(first))
    assert max(first_losses) > 2.0  # the first worker began untrained: the loss fell
    assert max(steps) > 100  # the other worker's steps counted too: one shared model


EAGER_AFTER_GRAPH = ("import tensorflow as tf\n"
                     "x = tf.placeholder(tf.float32)\n"
                     "print(tf.constant([1.0]).numpy())\n")
NUMPY_IN_GRAPH = (".numpy() needs eager execution, but TF1 code turned graph mode on for this "
                  "program, which TensorFlow cannot undo in the same process: get the value "
                  "with sess.run(tensor) (or tensor.eval() in a session), or run the "
                  "TensorFlow 2 code in a program (or kernel) of its own")


NUMPY_IN_TF_FUNCTION = ("import tensorflow as tf\n"
                        "@tf.function\n"
                        "def double(x):\n"
                        "    return x.numpy() * 2\n"
                        "double(tf.constant(1.0))\n")


def test_eager_execution_after_tf1_code_is_one_line_in_scripts_pipes_and_import_tf1(tmp_path):
    script = tmp_path / "eager_after_graph.py"
    script.write_text(EAGER_AFTER_GRAPH)
    tf1 = os.path.join(ROOT, "tf1.py")
    tf2 = tmp_path / "numpy_in_tf_function.py"
    tf2.write_text(NUMPY_IN_TF_FUNCTION)
    as_script, with_import, plain, through_tf1 = run_scripts(
        [tf1, str(script)],
        ["-c", f"import sys; sys.path.insert(0, {ROOT!r}); import tf1\n" + EAGER_AFTER_GRAPH],
        [str(tf2)], [tf1, str(tf2)])
    piped = subprocess.run([sys.executable, tf1], input=EAGER_AFTER_GRAPH, capture_output=True,
                           text=True, timeout=300)
    # TensorFlow 2 code that calls .numpy() inside a tf.function fails as on plain
    # TensorFlow 2, with its own traceback: graph mode there is not TF1 code's doing.
    assert plain.returncode == through_tf1.returncode == 1
    assert plain.stderr.splitlines()[-1] == through_tf1.stderr.splitlines()[-1]
    assert "Traceback" in through_tf1.stderr and "TF1 code" not in through_tf1.stderr
    for result, where in ((as_script, str(script)), (piped, "<stdin>"),
                          (with_import, "<string>")):
        assert result.returncode == 1
        line = 3 if where != "<string>" else 4
        assert result.stderr == f"error: {where}, line {line}: {NUMPY_IN_GRAPH}\n"


SERVER_SCRIPT = """\
import sys
import tensorflow as tf
cluster = tf.train.ClusterSpec({{"ps": ["127.0.0.1:{ps}"], "worker": ["127.0.0.1:{worker}"]}})
server = tf.train.Server(cluster, job_name=sys.argv[1], task_index=0)
with tf.device(tf.train.replica_device_setter(cluster=cluster)):
    v = tf.Variable(1.0)
with tf.Session(server.target) as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(v))
"""


def test_a_worker_waiting_for_its_ps_says_so_and_a_taken_port_is_one_line(tmp_path):
    import socket
    ps, worker = free_ports(2)
    script = tmp_path / "replica.py"
    script.write_text(SERVER_SCRIPT.format(ps=ps, worker=worker))
    tf1 = os.path.join(ROOT, "tf1.py")
    waiting = subprocess.Popen([sys.executable, tf1, str(script), "worker"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with socket.socket() as taken:  # another program holds the ps's port
        taken.bind(("127.0.0.1", ps))
        taken.listen()
        refused = run_script(tf1, str(script), "ps", cwd=str(tmp_path))
    assert refused.returncode == 1 and refused.stderr == (
        f"error: {script}, line 4: tf.train.Server could not start on 127.0.0.1:{ps} (job ps, "
        "task 0): another program holds that port (an earlier run still going?), or the "
        "address is not this machine's; end the other program, or give this task a free "
        "port\n")
    try:
        out, err = waiting.communicate(timeout=35)  # TensorFlow says it every 10 s
    except subprocess.TimeoutExpired:
        waiting.kill()
        out, err = waiting.communicate()
    told = [line for line in err.splitlines() if "CreateSession still waiting" in line]
    assert len(told) == 1 and told[0].endswith(
        "CreateSession still waiting for response from worker: /job:ps/replica:0/task:0")
    assert len(err.splitlines()) == 1 and out == ""  # once a minute; no other C++ lines


def test_a_notebook_file_runs_its_code_cells_in_order(mnist_dir, tmp_path):
    import json
    cells = ["%matplotlib inline\nimport tensorflow as tf\n"
             "from tensorflow.examples.tutorials.mnist import input_data",
             "mnist = input_data.read_data_sets('MNIST_data', one_hot=True)\n"
             "x = tf.placeholder(tf.float32, [None, 784])\n"
             "W = tf.Variable(tf.zeros([784, 10]))\n"
             "y = tf.matmul(x, W)\n"
             "y_ = tf.placeholder(tf.float32, [None, 10])\n"
             "loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, "
             "logits=y))\n"
             "step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)",
             "!pip install nothing\nsess = tf.Session()\n"
             "sess.run(tf.global_variables_initializer())\n"
             "for _ in range(100):\n"
             "    batch = mnist.train.next_batch(100)\n"
             "    sess.run(step, {x: batch[0], y_: batch[1]})\n"
             "right = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1)), "
             "tf.float32))\n"
             "print('accuracy', sess.run(right, {x: mnist.test.images, y_: mnist.test.labels}))"]
    notebook = tmp_path / "old.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": source,
                                               "metadata": {}, "outputs": []}
                                              for source in cells],
                                    "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    (tmp_path / "broken.ipynb").write_text("{not json")
    ran, broken = run_scripts([os.path.join(ROOT, "tf1.py"), str(notebook)],
                              [os.path.join(ROOT, "tf1.py"), str(tmp_path / "broken.ipynb")],
                              envs=[dict(os.environ, MNIST_DATA_DIR=mnist_dir)] * 2)
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == (f"tf1.py: {notebook} is a notebook: running its code cells in "
                          "order, without its IPython lines (%matplotlib inline, !pip install "
                          "nothing)\n")
    assert float(ran.stdout.split()[-1]) > 0.85
    assert broken.returncode == 1 and broken.stderr.startswith(
        f"error: {tmp_path / 'broken.ipynb'} is not a Jupyter notebook (JSONDecodeError: ")
