"""The notebooks in notebooks/: the same tutorial lines as the scripts, they run headless
and learn, and their saved outputs came from their saved code."""

import ast
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from tutorial_helpers import flags

nbformat = pytest.importorskip("nbformat")
sys.path.insert(0, os.path.join(ROOT, "notebooks"))
import execute  # noqa: E402  (notebooks/execute.py)

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


def read(name):
    return nbformat.read(os.path.join(ROOT, "notebooks", name), as_version=4)


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


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_saved_outputs_came_from_the_saved_code(name):
    notebook = read(name)
    assert notebook.metadata.get("code_sha256") == execute.code_digest(notebook), (
        f"{name}'s code changed since its outputs were made: "
        f"python notebooks/execute.py notebooks/{name}")
    check_ran(notebook, name)
    assert printed_accuracy(notebook, ACCURACY[name]) >= {"mnist_softmax.ipynb": 0.91,
                                                       "mnist_deep.ipynb": 0.99}[name]


@pytest.mark.parametrize("name, parameters, least", [
    ("mnist_softmax.ipynb", None, 0.9),
    ("mnist_deep.ipynb", {"max_steps": 150}, 0.6),  # chance is 0.1
])
def test_notebook_runs_headless_and_learns(name, parameters, least, tmp_path, monkeypatch,
                                           mnist_dir):
    pytest.importorskip("nbclient")
    monkeypatch.setenv("PYTHONPATH", ROOT)  # for the kernel: this project, as if installed
    monkeypatch.setenv("MNIST_DATA_DIR", mnist_dir)
    notebook = execute.execute(read(name), str(tmp_path), parameters, timeout=600)
    check_ran(notebook, name)
    assert printed_accuracy(notebook, ACCURACY[name]) > least
    if parameters:
        bar = [o for cell in notebook.cells if cell.cell_type == "code"
               for o in cell.outputs if "text/html" in o.get("data", {})]
        assert "step 150/150 (100%)" in bar[0].data["text/plain"]
    assert os.listdir(tmp_path) == []  # the data came from $MNIST_DATA_DIR


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
