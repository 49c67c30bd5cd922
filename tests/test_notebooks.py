"""The notebooks in notebooks/: the same tutorial lines as the scripts, they run headless
and learn, and their saved outputs came from their saved code."""

import ast
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, Child
from tutorial_helpers import flags

nbformat = pytest.importorskip("nbformat")
sys.path.insert(0, os.path.join(ROOT, "notebooks"))
import execute  # noqa: E402  (notebooks/execute.py)
import translations  # noqa: E402  (notebooks/translations.py)

NOTEBOOKS = {"mnist_softmax.ipynb": "mnist_softmax.py", "mnist_deep.ipynb": "mnist_deep.py"}
FLAG_DEFAULTS = {"mnist_softmax.py": vars(flags.softmax("", argv=[])),
                 "mnist_deep.py": vars(flags.deep("", argv=["--log_dir", "unused"]))}
# The tutorial's own names: a script line that sets one is in the notebook too.
TUTORIAL_NAMES = {"mnist", "x", "y_", "W", "b", "y", "y_conv", "keep_prob", "cross_entropy",
                  "train_step", "correct_prediction", "accuracy", "sess"}
TUTORIAL_FUNCTIONS = {"mnist_softmax.py": set(),
                      "mnist_deep.py": {"deepnn", "weight_variable", "bias_variable", "conv2d",
                                        "max_pool_2x2"}}
# What a script wraps around a tutorial line, left out of the notebook: (function, why).
SCRIPT_ONLY_WRAPPERS = {"speed.loss_scaled": "--mixed_precision's loss scaling"}
# Names only the notebooks use, for what they show beyond the tutorial's lines.
NOTEBOOK_ONLY_NAMES = {"notebook": "the pictures, inline", "progress": "the progress bar"}
# The notebooks' own lines where the scripts differ, each with the reason.
NOTEBOOK_OWN_LINES = {
    "sess = tf.InteractiveSession()": "the tutorial's interactive session; mnist_deep.py "
                                      "opens a tf.Session() in a with block",
}


TRANSLATED = [os.path.join(language, name) for language in translations.LANGUAGES
              for name in NOTEBOOKS]


def read(name):
    return nbformat.read(os.path.join(ROOT, "notebooks", name), as_version=4)


def english(name):
    """The English notebook a notebook's name (ko/mnist_deep.ipynb, say) translates."""
    return os.path.basename(name)


class _AsTheTutorialWrites(ast.NodeTransformer):
    """A script's code as the notebook writes it: flags as their default values (read as
    `args.NAME`, or passed to a function as its parameter NAME), the script-only wrappers
    unwrapped, keyword arguments left at None dropped."""

    def __init__(self, defaults):
        self.defaults, self.flag_parameters = defaults, set()

    def visit_FunctionDef(self, node):
        self.flag_parameters = {a.arg for a in node.args.args} & set(self.defaults)
        return self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in self.flag_parameters and isinstance(node.ctx, ast.Load):
            return ast.Constant(self.defaults[node.id])
        return node

    def visit_Attribute(self, node):
        if isinstance(node.value, ast.Name) and node.value.id == "args":
            return ast.Constant(self.defaults.get(node.attr))  # None: set beyond the flags
        return self.generic_visit(node)

    def visit_Call(self, node):
        if ast.unparse(node.func) in SCRIPT_ONLY_WRAPPERS:
            return self.visit(node.args[0])
        node = self.generic_visit(node)
        node.keywords = [k for k in node.keywords
                         if not (isinstance(k.value, ast.Constant) and k.value.value is None)]
        return node


def _lines(statements):
    """Each statement as one line of source, compound ones as their header and then their
    body's lines (a function definition stays whole)."""
    for node in statements:
        if isinstance(node, ast.For):
            yield node, f"for {ast.unparse(node.target)} in {ast.unparse(node.iter)}:"
        elif isinstance(node, ast.If):
            yield node, f"if {ast.unparse(node.test)}:"
        elif isinstance(node, ast.With):
            yield node, f"with {', '.join(ast.unparse(item) for item in node.items)}:"
        else:
            yield node, ast.unparse(node)
            continue
        yield from _lines(node.body + getattr(node, "orelse", []))


def script_lines(script):
    """The script's lines, and its functions by name, as the notebook would write them."""
    with open(os.path.join(ROOT, script)) as f:
        tree = _AsTheTutorialWrites(FLAG_DEFAULTS[script]).visit(ast.parse(f.read()))
    functions = {node.name: ast.unparse(node) for node in tree.body
                 if isinstance(node, ast.FunctionDef)}
    lines = [line for node in tree.body
             for _, line in _lines(node.body if isinstance(node, ast.FunctionDef) else [node])]
    return lines, functions


def tutorial_cells(notebook):
    return [cell for cell in notebook.cells if "tutorial" in cell.metadata.get("tags", [])]


def notebook_lines(notebook):
    """(line, node) for each line of the notebook's tutorial cells."""
    for cell in tutorial_cells(notebook):
        yield from ((line, node) for node, line in _lines(ast.parse(cell.source).body))


def _uses(node, names):
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_tutorial_cells_hold_the_scripts_lines(name):
    script = NOTEBOOKS[name]
    lines, functions = script_lines(script)
    notebook = read(name)
    assert tutorial_cells(notebook), "no cell is tagged tutorial"
    written = []
    for line, node in notebook_lines(notebook):
        if isinstance(node, ast.FunctionDef):
            assert ast.unparse(node) == functions.get(node.name), (
                f"{name}: {node.name}() differs from {script}'s")
            written += [line for _, line in _lines(node.body)]
        elif not (_uses(node, NOTEBOOK_ONLY_NAMES) or line in NOTEBOOK_OWN_LINES):
            assert line in lines, f"{name}: not a line of {script}: {line}"
        written.append(line)
    defined = {node.name for _, node in notebook_lines(notebook)
               if isinstance(node, ast.FunctionDef)}
    assert TUTORIAL_FUNCTIONS[script] <= defined
    tutorial_lines = [line for line in lines if re.match(r"(\w+) = ", line)
                      and line.split(" = ")[0] in TUTORIAL_NAMES]
    missing = [line for line in tutorial_lines if line not in written]
    assert not missing, f"{name} lacks {script}'s {missing}"


def test_the_line_comparison_catches_a_changed_number():
    lines, _ = script_lines("mnist_softmax.py")
    assert "train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)" in lines
    assert "for _ in range(1000):" in lines
    assert "train_step = tf.train.GradientDescentOptimizer(0.05).minimize(cross_entropy)" \
        not in lines


def test_the_parameters_cell_holds_the_scripts_defaults():
    cell = execute.parameters_cell(read("mnist_deep.ipynb"))
    values = {}
    exec(cell.source, {}, values)
    assert values == {"max_steps": FLAG_DEFAULTS["mnist_deep.py"]["max_steps"]}
    assert execute.parameters_cell(read("mnist_softmax.ipynb")) is None  # 1000 steps: seconds


def outputs(cell, kind):
    """The text of a cell's stream outputs, or how many of its outputs hold a PNG."""
    if kind == "png":
        return sum("image/png" in output.get("data", {}) for output in cell.outputs)
    return "".join(output.get("text", "") for output in cell.outputs
                   if output.output_type == "stream")


def printed_accuracy(notebook, pattern):
    text = "".join(outputs(cell, "text") for cell in notebook.cells if cell.cell_type == "code")
    return float(re.search(pattern, text).group(1))


ACCURACY = {"mnist_softmax.ipynb": r"\n(0\.\d+)\n", "mnist_deep.ipynb": r"test accuracy ([\d.]+)"}
PICTURES = {"mnist_softmax.ipynb": 1, "mnist_deep.ipynb": 3}  # weights; curves, filters, mistakes


def check_ran(notebook, name):
    """Every code cell ran once, in order, without an error; the pictures were drawn and
    the first cell named the machine."""
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert re.match(r"TensorFlow 2\.\d+.* on .+\n", outputs(code[0], "text"))
    assert sum(outputs(cell, "png") for cell in code) == PICTURES[name]
    for cell in code:
        if "notebook.show(" in cell.source or "plot_learning_curves(" in cell.source:
            assert outputs(cell, "png") == 1, cell.source


@pytest.mark.parametrize("name", list(NOTEBOOKS) + TRANSLATED)
def test_saved_outputs_came_from_the_saved_code(name):
    notebook = read(name)
    assert notebook.metadata.get("code_sha256") == execute.code_digest(notebook), (
        f"{name}'s code changed since its outputs were made: "
        f"python notebooks/execute.py notebooks/{name}")
    check_ran(notebook, english(name))
    assert printed_accuracy(notebook, ACCURACY[english(name)]) >= {
        "mnist_softmax.ipynb": 0.91, "mnist_deep.ipynb": 0.99}[english(name)]


@pytest.mark.parametrize("name", TRANSLATED)
def test_a_translation_holds_the_english_notebooks_code(name):
    translated, original = read(name), read(english(name))
    assert translations.same_code(original, translated), (
        f"{name}'s code differs from {english(name)}'s: python notebooks/translations.py")
    assert translated.metadata["language"] == os.path.dirname(name)
    texts = [cell.source for cell in translated.cells if cell.cell_type == "markdown"]
    assert not set(texts) & {cell.source for cell in original.cells}  # every one translated
    headings = [line for text in texts for line in text.splitlines() if line.startswith("#")]
    assert headings[0] == {"ko/mnist_softmax.ipynb": "# 초보자를 위한 MNIST",
                           "ko/mnist_deep.ipynb": "# 전문가를 위한 딥 MNIST",
                           "fr/mnist_softmax.ipynb": "# MNIST pour les débutants en ML",
                           "fr/mnist_deep.ipynb": "# Deep MNIST pour les experts"}[name]


def test_copying_the_code_keeps_the_translated_text():
    original, translated = read("mnist_softmax.ipynb"), read("fr/mnist_softmax.ipynb")
    original.cells[4].source += "\nprint(mnist.train.num_examples)"
    copied = translations.copy_code(original, translated)
    assert translations.same_code(original, copied)
    assert copied.cells[0].source.startswith("# MNIST pour les débutants")
    assert "code_sha256" not in copied.metadata and copied.cells[4].outputs == []


@pytest.mark.parametrize("name", TRANSLATED)
def test_a_translation_runs_in_its_folder_and_learns(name, monkeypatch, mnist_dir):
    """Opened where it is, in notebooks/ko/ or notebooks/fr/, with the project found two
    folders up (no PYTHONPATH): short, and nothing left in the folder."""
    pytest.importorskip("nbclient")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    monkeypatch.setenv("MNIST_DATA_DIR", mnist_dir)
    folder = os.path.join(ROOT, "notebooks", os.path.dirname(name))
    before = sorted(os.listdir(folder))
    parameters = {"max_steps": 100} if "deep" in name else None
    notebook = execute.execute(read(name), folder, parameters, timeout=600)
    check_ran(notebook, english(name))
    assert printed_accuracy(notebook, ACCURACY[english(name)]) > 0.5
    assert sorted(os.listdir(folder)) == before


def code_indices(notebook, *words):
    """The indices of the code cells, or of those whose source holds one of `words`."""
    return [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            and (not words or any(word in cell.source for word in words))]


def run_cells(client, order):
    """Runs the notebook's cells of the indices in `order`, one after another in the
    client's kernel, as a person clicks; returns, per cell run, (index, its stream text,
    how many PNGs it showed, its error outputs)."""
    ran = []
    for index in order:
        cell = client.nb.cells[index]
        client.execute_cell(cell, index)
        ran.append((index, outputs(cell, "text"), outputs(cell, "png"),
                    [o for o in cell.outputs if o.output_type == "error"]))
    return ran


def one_line(error):
    """Whether a cell's error output shows as one line: no traceback of frames."""
    return not [line for line in error.traceback if "File " in line or "Traceback" in line
                or "----" in line]


# A short run of each, the cells a person re-runs after Run All, and the accuracy it learns.
RERUN = {"mnist_softmax.ipynb": (None, ("for _ in range", "print(sess.run(accuracy",
                                        "notebook.show"), 0.9),
         "mnist_deep.ipynb": ({"max_steps": 150}, ("for i in progress", "batched_accuracy(",
                                                   "notebook.plot", "notebook.show",
                                                   "deep_inspect."), 0.6)}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_run_all_twice_then_the_training_again_gives_the_same(name, tmp_path, monkeypatch,
                                                              mnist_dir):
    """Run All, Run All again in the same kernel, then the training, evaluation and
    look-inside cells once more: each time every picture and an accuracy that learned,
    with no error and no "already active" session."""
    pytest.importorskip("nbclient")
    monkeypatch.setenv("PYTHONPATH", ROOT)  # for the kernel: this project, as if installed
    monkeypatch.setenv("MNIST_DATA_DIR", mnist_dir)
    parameters, again, least = RERUN[name]
    notebook = read(name)
    client = execute.client(notebook, str(tmp_path), parameters, timeout=600)
    everything, rerun = code_indices(notebook), code_indices(notebook, *again)
    with client.setup_kernel():
        passes = [run_cells(client, order) for order in (everything, everything, rerun)]
    for ran in passes:
        assert not [errors for *_, errors in ran if errors]
        text = "\n".join(printed for _, printed, _, _ in ran)
        assert "already active" not in text and "Traceback" not in text
        assert float(re.search(ACCURACY[name], text).group(1)) > least
        assert sum(pngs for _, _, pngs, _ in ran) == PICTURES[name]
    if parameters:
        bar = [o for cell in notebook.cells if cell.cell_type == "code"
               for o in cell.outputs if "text/html" in o.get("data", {})]
        assert "step 150/150 (100%)" in bar[0].data["text/plain"]
    assert os.listdir(tmp_path) == []  # the data came from $MNIST_DATA_DIR


BAD_MAX_STEPS = [(0, "max_steps: must be at least 1, got 0"),
                 (-5, "max_steps: must be at least 1, got -5"),
                 ("100", "max_steps: '100' is text; write the number without quotes "
                         "(max_steps = 100)"),
                 (2.5, "max_steps: 2.5 is not a whole number")]


def test_a_bad_max_steps_is_one_line_at_the_training_cell(tmp_path, monkeypatch, mnist_dir):
    pytest.importorskip("nbclient")
    monkeypatch.setenv("PYTHONPATH", ROOT)
    monkeypatch.setenv("MNIST_DATA_DIR", mnist_dir)
    notebook = read("mnist_deep.ipynb")
    client = execute.client(notebook, str(tmp_path))
    client.allow_errors = True
    parameters = execute.parameters_cell(notebook)
    training = code_indices(notebook, "for i in progress")[0]
    with client.setup_kernel():
        run_cells(client, [i for i in code_indices(notebook) if i < training])
        for value, message in BAD_MAX_STEPS:
            parameters.source = f"max_steps = {value!r}"
            [(_, _, _, errors)] = run_cells(client, [notebook.cells.index(parameters),
                                                     training])[1:]
            [error] = errors
            assert (error.ename, error.evalue) == ("ParameterError", message)
            assert error.traceback == [f"ParameterError: {message}"]


def test_offline_and_a_wrong_project_are_one_line_each(tmp_path, monkeypatch):
    """The setup cell with a PROJECT pip cannot install; then, the project found, the data
    cell on a machine with no network and no MNIST files."""
    pytest.importorskip("nbclient")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    monkeypatch.delenv("MNIST_DATA_DIR", raising=False)
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(proxy, "http://127.0.0.1:9")  # nothing listens: offline at once
    notebook = read("mnist_softmax.ipynb")
    setup, data = code_indices(notebook)[:2]
    missing = str(tmp_path / "nowhere.zip")
    notebook.cells[setup].source = notebook.cells[setup].source.replace(
        'PROJECT = ""', f"PROJECT = {missing!r}")
    notebook.cells.append(nbformat.v4.new_code_cell(f"import sys; sys.path.insert(0, {ROOT!r})"))
    client = execute.client(notebook, str(tmp_path), timeout=300)
    client.allow_errors = True
    with client.setup_kernel():
        ran = run_cells(client, [setup, len(notebook.cells) - 1, data])
    [project_error], [data_error] = ran[0][3], ran[2][3]
    assert project_error.ename == "SystemExit" and one_line(project_error)
    assert project_error.evalue == (f"pip could not install PROJECT = {missing!r} (its "
                                    "message is above): set it to this project's git URL or "
                                    ".zip file.")
    assert data_error.ename == "DataError" and len(data_error.traceback) == 1
    assert "MNIST_DATA_DIR" in data_error.evalue and "\n" not in data_error.evalue
    assert os.listdir(tmp_path) == []  # no MNIST_data/ left half made


def test_where_the_project_is_not_found_the_first_cell_says_what_to_set(tmp_path, monkeypatch):
    """As in Colab before PROJECT is set: one line, no traceback of ours, nothing run after."""
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    notebook = read("mnist_softmax.ipynb")
    first = next(cell for cell in notebook.cells if cell.cell_type == "code")
    notebook.cells = [first]
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    [error] = [output for output in first.outputs if output.output_type == "error"]
    assert (error.ename, error.evalue) == (
        "SystemExit", "Set PROJECT in this cell to this project's git URL or .zip file, then "
                      "run the cell again.")


def test_a_failing_cell_leaves_the_saved_notebook_as_it_was(tmp_path):
    pytest.importorskip("nbclient")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ran')"),
                                               nbformat.v4.new_code_cell("1 / 0")])
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, str(path))
    saved = path.read_bytes()
    result = subprocess.run([sys.executable, os.path.join(ROOT, "notebooks", "execute.py"),
                             str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {path}: a cell raised ZeroDivisionError: division by zero "
                      "(the notebook was not changed)"]
    assert path.read_bytes() == saved and os.listdir(tmp_path) == ["broken.ipynb"]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_execute_stops_at_a_signal_leaving_the_notebook_and_no_kernel(signum, tmp_path):
    pytest.importorskip("nbclient")
    pid_file = tmp_path / "kernel.pid"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f"import os, time\nopen({str(pid_file)!r}, 'w')"
                                  ".write(str(os.getpid()))"),
        nbformat.v4.new_code_cell("time.sleep(120)")])
    path = tmp_path / "sleepy.ipynb"
    nbformat.write(notebook, str(path))
    saved = path.read_bytes()
    process = Child([sys.executable, os.path.join(ROOT, "notebooks", "execute.py"), str(path)],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.2)
    time.sleep(1)  # into the second cell
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert err.splitlines()[-1] == f"stopped: {path} was not changed"
    assert "Traceback" not in err and "error:" not in err
    assert path.read_bytes() == saved
    kernel = int(pid_file.read_text())
    while os.path.exists(f"/proc/{kernel}") and time.monotonic() < deadline:
        state = open(f"/proc/{kernel}/stat").read().rsplit(")", 1)[1].split()[0]
        if state == "Z":  # ended, waiting for init to reap it
            break
        time.sleep(0.2)
    else:
        assert not os.path.exists(f"/proc/{kernel}"), "the kernel is still running"
