"""Shared fixtures: the real MNIST files (from $MNIST_DATA_DIR), IDX file writers, and the
children every test starts, ended with the test.

Each child process runs in a process group of its own, so a test that fails or times out
ends it with all it started; and with Ctrl-C, SIGTERM and SIGHUP at their defaults, as a
terminal gives them, even when the suite itself runs under `nohup` or in the background
(which ignore some of them, and a child inherits that).
"""

import fcntl
import gzip
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys

import numpy
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
USER_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _as_from_a_terminal():
    """Runs in a child before its program: its own process group, default signals."""
    os.setpgid(0, 0)
    for signum in USER_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)


class Child(subprocess.Popen):
    """subprocess.Popen for the tests (subprocess.run too): see the module's docstring."""

    started = []

    def __init__(self, *args, **kwargs):
        if kwargs.get("preexec_fn") is None and not kwargs.get("start_new_session"):
            kwargs["preexec_fn"] = _as_from_a_terminal
        super().__init__(*args, **kwargs)
        Child.started.append(self)

    @classmethod
    def end_all(cls):
        """Ends every child started so far with its process group; returns how many were
        still running."""
        running = 0
        for child in cls.started:
            running += child.poll() is None
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):  # the group is gone already
                pass
            child.wait()
        cls.started.clear()
        return running


# The files that take longest, first: pytest-xdist (pytest.ini: --dist loadfile, in the
# order collected) hands out whole files, so the short ones fill the gaps at the end
# (measured with --durations; each of these takes a minute or more of a worker).
LONGEST_FIRST = ["test_tf1_programs.py", "test_deep.py", "test_tf1.py", "test_faults.py",
                 "test_deep_inspect.py", "test_notebooks.py"]


def pytest_collection_modifyitems(items):
    """Runs the files in LONGEST_FIRST before the others, each file's tests in its order."""
    def rank(item):
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
    items.sort(key=rank)  # a stable sort: the rest as collected


@pytest.fixture(scope="session", autouse=True)
def children_in_groups():
    """Every process the suite starts (session fixtures' too) is a `Child`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess, "Popen", Child)
        yield
        Child.end_all()


@pytest.fixture(autouse=True)
def children_ended():
    """What a test started does not outlive it (a test that timed out, say)."""
    yield
    Child.end_all()


def _untracked(root):
    listed = subprocess.run(["git", "-C", root, "status", "--porcelain", "--ignored",
                             "--untracked-files=all"], capture_output=True, text=True)
    return set(listed.stdout.splitlines()) if listed.returncode == 0 else set()


# What Python, pytest and `pip install .` leave in a checkout, all ignored by .gitignore.
LEFT_BY_TOOLS = r"__pycache__/|^\.pytest_cache/|^build/|^[^/]+\.egg-info/"


@pytest.fixture(scope="session", autouse=True)
def project_folder_untouched():
    """The suite writes only under its temp folders: nothing new in the project's own
    (no logs/, MNIST_data/, checkpoints or pictures), checked when the suite ends."""
    before = _untracked(ROOT)
    yield
    added = sorted(line for line in _untracked(ROOT) - before if line[:2] in ("??", "!!") and
                   not re.search(LEFT_BY_TOOLS, line[3:]))
    assert not added, f"the tests wrote into {ROOT}: {added}"


@pytest.fixture(scope="session")
def mnist_dir():
    """The directory with the four real MNIST files, as CI passes it in."""
    path = os.environ.get("MNIST_DATA_DIR")
    if not path:
        pytest.skip("set MNIST_DATA_DIR to the directory with the MNIST files")
    path = os.path.abspath(path)
    assert os.path.isdir(path), f"MNIST_DATA_DIR={path} is not a directory"
    return path


@pytest.fixture
def no_shared_data_dir(monkeypatch):
    """For tests that decide which data files exist: no MNIST_DATA_DIR, which input_data
    reads when a file is missing from its folder."""
    monkeypatch.delenv("MNIST_DATA_DIR", raising=False)


def idx_bytes(magic, dims, payload):
    """An IDX file: big-endian magic and dimensions, then the uint8 payload."""
    header = struct.pack(f">{1 + len(dims)}I", magic, *dims)
    return header + numpy.asarray(payload, dtype=numpy.uint8).tobytes()


def write_idx(path, magic, dims, payload, compress=True):
    data = idx_bytes(magic, dims, payload)
    with open(path, "wb") as f:
        f.write(gzip.compress(data) if compress else data)
    return path


def write_mnist_like(directory, num_train=30, num_test=10, compress=True, seed=0):
    """Writes four small MNIST-format files; returns (train_images, train_labels)."""
    rng = numpy.random.default_rng(seed)
    suffix = ".gz" if compress else ""
    arrays = {}
    for prefix, count in (("train", num_train), ("t10k", num_test)):
        images = rng.integers(0, 256, size=(count, 28, 28), dtype=numpy.uint8)
        labels = numpy.arange(count, dtype=numpy.uint8) % 10
        write_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte{suffix}"),
                  2051, (count, 28, 28), images, compress)
        write_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte{suffix}"),
                  2049, (count,), labels, compress)
        arrays[prefix] = (images, labels)
    return arrays["train"]


def run_script(*args, env=None, timeout=600, cwd=ROOT):
    """Runs a project script as a user would; returns the CompletedProcess."""
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=timeout)


def cores_of_this_worker():
    """How many child processes a test keeps busy at once: the machine's cores, shared
    among pytest-xdist's workers (one with a worker per core). More at once only fight
    over the cores: on 2 cores, with another six running beside them as a second worker,
    six TF1 programs three at a time took 14% more CPU time and 11% longer than one at a
    time (AMD EPYC Zen 3; docs/development.md)."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    return max(1, len(os.sched_getaffinity(0)) // workers)


def run_scripts(*commands, envs=None, cwds=None, wrappers=None, timeout=600):
    """Runs several project scripts, `cores_of_this_worker()` at a time, each with its
    environment from `envs`, its working folder from `cwds` and the command that runs
    Python from `wrappers` (see `with_mounts`) if given; returns their CompletedProcesses
    in order."""
    count = len(commands)
    runs = list(zip(commands, envs or [None] * count, cwds or [ROOT] * count,
                    wrappers or [[]] * count))
    at_once = cores_of_this_worker()
    results = []
    for start in range(0, count, at_once):
        batch = runs[start:start + at_once]
        processes = [subprocess.Popen([*wrapper, sys.executable, *args], cwd=cwd, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for args, env, cwd, wrapper in batch]
        for (args, *_), process in zip(batch, processes):
            out, err = process.communicate(timeout=timeout)
            results.append(subprocess.CompletedProcess(args, process.returncode, out, err))
    return results


MEASURE_PEAK_MEMORY = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, result.returncode)
print(result.stdout + result.stderr, end="")
"""


def run_measuring_peak_memory(*args, timeout=300):
    """Runs `python *args`; returns (its exit status, its stdout + stderr lines, its peak
    memory in MB).

    The peak is read in a small Python process that starts it: Linux keeps a process's
    peak across fork and exec, so the test process, which holds TensorFlow, cannot measure
    a child of its own.
    """
    result = subprocess.run([sys.executable, "-c", MEASURE_PEAK_MEMORY, sys.executable, *args],
                            cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr
    first, *lines = result.stdout.splitlines()
    peak_mb, status = map(int, first.split())
    return status, lines, peak_mb


STEPS = 300  # the CNN's short training run, shared by the tests of mnist_deep.py


@pytest.fixture(scope="session")
def trained(mnist_dir, tmp_path_factory):
    """A short seeded run with checkpoints and TensorBoard logs, trained once for the whole
    suite: by the first pytest-xdist worker that asks, while the others wait for it (its
    folder is shared: tests only read it). Returns its directories and result, with `base`,
    a folder of this worker's own for the tests' copies and later runs' logs."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the session's folder, above each worker's
    run = shared / "trained-cnn"
    with open(shared / "trained-cnn.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (run / "result.json").exists():
            run.mkdir(exist_ok=True)
            result = run_script("mnist_deep.py", "--data_dir", mnist_dir, "--max_steps",
                                str(STEPS), "--seed", "0", "--checkpoint_dir",
                                str(run / "checkpoints"), "--checkpoint_every", "200",
                                "--validate_every", "100", "--log_dir", str(run / "logs"))
            (run / "result.json").write_text(json.dumps(
                [result.args, result.returncode, result.stdout, result.stderr]))
    result = subprocess.CompletedProcess(*json.loads((run / "result.json").read_text()))
    assert result.returncode == 0, result.stderr
    base = tmp_path_factory.mktemp("deep")
    return {"checkpoints": str(run / "checkpoints"), "logs": str(run / "logs"),
            "later_logs": str(base / "logs"), "result": result, "base": base}


def copy_checkpoints(trained, name):
    """A copy of the short run's checkpoints, for a test that may change them."""
    target = trained["base"] / name
    shutil.copytree(trained["checkpoints"], target)
    return str(target)
