"""Runs the tutorial notebooks from the top, headless, and saves them with their outputs.

    python notebooks/execute.py notebooks/mnist_softmax.ipynb notebooks/mnist_deep.ipynb

Each notebook runs in its own folder, in a fresh kernel, as "Run All" would run it (the
CNN's 20000 steps take 6 to 35 minutes on two CPU cores), and is saved in place only if
every cell ran: a failure leaves the saved notebook as it was. The notebook's metadata
then records a digest of the code that made the outputs (`code_sha256`), which
tests/test_notebooks.py checks against the code cells, so saved outputs cannot outlive
the code they came from. The tests run the notebooks through `execute()` too, with the
`parameters` cell changed for a short run.

Ctrl-C, SIGTERM or SIGHUP stop the run: the kernel is ended, the notebook is left as it
was, and the exit status is 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
"""

import argparse
import hashlib
import os
import signal
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from tutorial_helpers.errors import Stopped  # noqa: E402
PARAMETERS_TAG = "parameters"


def code_digest(notebook):
    """The SHA-256 of the notebook's code cells, in order: what its outputs depend on."""
    sources = "\0".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    return hashlib.sha256(sources.encode()).hexdigest()


def parameters_cell(notebook):
    """The code cell tagged `parameters`, or None."""
    for cell in notebook.cells:
        if PARAMETERS_TAG in cell.metadata.get("tags", []):
            return cell
    return None


def client(notebook, folder, parameters=None, timeout=3600):
    """An nbclient NotebookClient that runs every cell of `notebook` (a nbformat node,
    changed in place) in `folder`; `parameters` ({name: value}) are set after the
    `parameters` cell's own values."""
    import nbclient
    if parameters:
        cell = parameters_cell(notebook)
        cell.source += "".join(f"\n{name} = {value!r}" for name, value in parameters.items())
    return nbclient.NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                   coalesce_streams=True,  # a cell's printed lines as one
                                   resources={"metadata": {"path": folder}})


def execute(notebook, folder, parameters=None, timeout=3600):
    """Runs every cell of `notebook` (see `client`); raises nbclient's CellExecutionError
    for the first cell that fails."""
    client(notebook, folder, parameters, timeout).execute()
    return notebook


def _end_kernel(running):
    """Kills the kernel of a NotebookClient, with all it started (its own process group)."""
    provisioner = getattr(running.km, "provisioner", None)
    process = getattr(provisioner, "process", None)
    if process is None:
        return
    try:
        os.killpg(getattr(provisioner, "pgid", None) or process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # gone already
        pass


def execute_until_stopped(running):
    """Runs a NotebookClient's cells in a worker thread, so that the signals come to this
    one (nbclient handles them only in the main thread, by closing the kernel's sockets
    under the running cell): a stop ends the kernel and raises KeyboardInterrupt or
    signals.Stopped here. A cell's error is raised here too."""
    from tutorial_helpers import signals
    failure = []

    def work():
        try:
            running.execute()
        except BaseException as e:  # handed to the main thread
            failure.append(e)
    worker = threading.Thread(target=work, name="notebook", daemon=True)
    worker.start()
    try:
        with signals.stop_at_once():
            while worker.is_alive():
                worker.join(0.2)
    except BaseException:
        _end_kernel(running)
        raise
    if failure:
        raise failure[0]


def run_and_save(path):
    """Runs the notebook at `path` in its folder and saves it with its outputs and the
    digest of its code."""
    import nbformat

    from tutorial_helpers import files
    notebook = nbformat.read(path, as_version=4)
    execute_until_stopped(client(notebook, os.path.dirname(os.path.abspath(path)),
                                 timeout=None))
    notebook.metadata["code_sha256"] = code_digest(notebook)
    files.write_atomically(path, (nbformat.writes(notebook) + "\n").encode())


def _stopped(path, status):
    """Says the run stopped and exits at once with `status`: the worker thread and
    nbclient's exit hooks would only wait on the kernel that was just ended."""
    print(f"stopped: {path} was not changed", file=sys.stderr, flush=True)
    sys.stdout.flush()
    os._exit(status)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK", help="a .ipynb file")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if not os.path.isfile(path):
            parser.error(f"{path}: no such notebook")
    for path in args.notebooks:
        print(f"running {path} ...", flush=True)
        try:
            run_and_save(path)
        except KeyboardInterrupt:
            _stopped(path, 128 + signal.SIGINT)
        except Stopped as e:
            _stopped(path, e.code)
        except Exception as e:  # a cell's error, or a file that is no notebook: one line
            if hasattr(e, "ename"):  # nbclient's CellExecutionError
                reason = f"a cell raised {e.ename}: {e.evalue}"
            else:
                reason = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
            print(f"error: {path}: {reason} (the notebook was not changed)", file=sys.stderr)
            return 1
        print(f"saved {path} with its outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
