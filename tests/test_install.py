"""`pip install .` as a new user would: the `tf1` command, and `import tf1` and `import
input_data` from any folder, in a fresh virtual environment (which sees the installed
TensorFlow, so nothing is downloaded); the package asks for what runs it, the test tools
only as the `test` extra; a build leaves nothing that git does not ignore."""

import os
import re
import shutil
import subprocess
import sys

from conftest import ROOT
from test_tf1 import SMALL_TF1_PROGRAM

TEST_TOOLS = {"pytest", "pytest-xdist", "nbclient", "ipykernel"}


def project_files():
    """The project's files as a clean clone has them (and new ones not yet committed)."""
    listed = subprocess.run(["git", "-C", ROOT, "ls-files", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, text=True, check=True)
    return [name for name in listed.stdout.splitlines() if os.path.isfile(os.path.join(ROOT, name))]


def test_pip_install_gives_the_tf1_command_and_imports_from_any_folder(tmp_path, mnist_dir):
    source = tmp_path / "source"  # a copy: pip's build writes beside the sources
    for name in project_files():
        os.makedirs(source / os.path.dirname(name), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, name), source / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True, timeout=300)
    python, tf1 = str(venv / "bin" / "python"), str(venv / "bin" / "tf1")
    installed = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps",
                                "--no-build-isolation", str(source)],
                               capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr
    built = {name for name in os.listdir(source)} - {name.split("/")[0] for name in project_files()}
    assert built and all(name == "build" or name.endswith(".egg-info") for name in built)
    ignored = subprocess.run(["git", "-C", ROOT, "check-ignore", "--no-index",
                              *(name + "/" for name in built)], capture_output=True, text=True)
    assert {name.rstrip("/") for name in ignored.stdout.split()} == built  # git status: clean
    requires = subprocess.run(
        [python, "-c", "import importlib.metadata as m\n"
         "print('\\n'.join(m.requires('tensorflow-mnist-tutorials')))"],
        capture_output=True, text=True, timeout=60, check=True).stdout.splitlines()
    plain = {re.split(r"[<>=;\[ ]", line)[0].lower() for line in requires if "extra" not in line}
    extra = {re.split(r"[<>=;\[ ]", line)[0].lower() for line in requires
             if 'extra == "test"' in line}
    assert TEST_TOOLS == extra and not TEST_TOOLS & plain  # pip install .: no test tool
    assert {"tensorflow", "numpy", "tf-keras", "matplotlib", "fissix"} <= plain
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "old_program.py").write_text(SMALL_TF1_PROGRAM)
    env = dict(os.environ, MNIST_DATA_DIR=mnist_dir, PYTHONPATH="")
    command = subprocess.run([tf1, "old_program.py"], cwd=elsewhere, env=env,
                             capture_output=True, text=True, timeout=300)
    assert command.returncode == 0, command.stderr
    assert command.stdout == "W 2.0\n"  # it learned W * x = 2 * x
    imported = subprocess.run(
        [python, "-c", "import tf1, input_data, tensorflow as tf\n"
         "data = input_data.read_data_sets('MNIST_data')\n"
         "print(tf1.__file__.startswith(%r), data.train.num_examples, "
         "tf.placeholder is not None)" % str(venv)],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == "True 55000 True\n"  # the installed copy, from any folder
    helped = subprocess.run([tf1, "--lsit"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 2 and "usage: tf1 " in helped.stderr
    assert "(did you mean --list?)" in helped.stderr
