"""What the tutorial scripts share beyond the tutorial itself.

A quiet TensorFlow start-up, flag types that reject bad values with a usage error, and a
`run` that turns a bad data file or path into one line on stderr instead of a traceback.
Kept here so that the scripts read like the tutorials.
"""

import argparse
import os
import sys
import tempfile

import input_data


def silence_tensorflow_startup():
    """Imports TensorFlow with its start-up log lines captured, unless --verbose is given.

    Some of those lines come from TensorFlow's C++ code before any Python setting applies
    (e.g. "Could not find cuda drivers", even with TF_CPP_MIN_LOG_LEVEL=3), so the
    process's stderr is captured while TensorFlow loads and probes for GPUs. If that
    fails, everything captured is printed before the error, so no real error is hidden.
    """
    if "--verbose" in sys.argv[1:]:
        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # later C++ INFO and WARNING lines
    captured = tempfile.TemporaryFile()
    sys.stderr.flush()
    saved_stderr = os.dup(2)
    os.dup2(captured.fileno(), 2)
    try:
        import tensorflow as tf
        tf.config.list_physical_devices()  # the GPU probe logs too: let it do so now
    except BaseException:
        os.dup2(saved_stderr, 2)
        captured.seek(0)
        sys.stderr.write(captured.read().decode(errors="replace"))
        raise
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
    tf.get_logger().setLevel("ERROR")  # tf.compat.v1's deprecation warnings


def use_fast_cpu_settings():
    """Sets two TensorFlow defaults that speed up training on a CPU; call before the import.

    - TF_ENABLE_ONEDNN_OPTS=1: TensorFlow's oneDNN kernels. TensorFlow turns them on by
      itself only on some Intel CPUs; elsewhere (this AMD machine, say) convolutions and
      matrix products fall back to slower generic kernels.
    - TF_NUM_INTEROP_THREADS=1: one op at a time, each using every core. By default two
      ops run at once and fight over the same cores.

    A value already in the environment wins, so `TF_ENABLE_ONEDNN_OPTS=0` and
    `TF_NUM_INTEROP_THREADS=0` (TensorFlow's own choice) turn them off. On a GPU the
    kernels are the GPU's and the thread setting only orders the launches.
    """
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")


def positive_int(text):
    """An argparse type: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def positive_float(text):
    """An argparse type: a finite number > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def probability(text):
    """An argparse type: a number in (0, 1]."""
    value = positive_float(text)
    if value > 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {text}")
    return value


def writable_file(text):
    """An argparse type: a file path whose directory exists and can be written to.

    Checked when the flags are read, so a typo fails at once and not after training.
    """
    directory = os.path.dirname(os.path.abspath(text))
    if not os.path.isdir(directory):
        raise argparse.ArgumentTypeError(f"directory {directory} does not exist")
    if not os.access(directory, os.W_OK):
        raise argparse.ArgumentTypeError(f"directory {directory} is not writable")
    return text


def parser(docstring, max_steps, batch_size, learning_rate, optimizer):
    """An ArgumentParser with the flags every script shares; defaults are the tutorial's.

    Described by the docstring's first paragraph; --help shows each flag's default.
    """
    result = argparse.ArgumentParser(
        description=docstring.strip().split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    result.add_argument("--data_dir", default="MNIST_data",
                        help="directory for the MNIST files (downloaded if missing)")
    result.add_argument("--max_steps", type=positive_int, default=max_steps,
                        help="number of training steps")
    result.add_argument("--batch_size", type=positive_int, default=batch_size,
                        help="images per training step")
    result.add_argument("--learning_rate", type=positive_float, default=learning_rate,
                        help=f"{optimizer} learning rate")
    result.add_argument("--seed", type=int, default=None,
                        help="random seed: batch order (and initial weights and dropout, "
                             "where the model has them) repeat with the same seed")
    result.add_argument("--verbose", action="store_true",
                        help="show TensorFlow's own log and deprecation messages")
    return result


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path, data):
    """Writes bytes to path via a temporary file, so a failure never leaves half a file."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, partial = tempfile.mkstemp(dir=directory, prefix=".partial-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp's 0600 would hide it from others
        os.replace(partial, path)
    except BaseException:
        os.remove(partial)
        raise


class ScriptError(Exception):
    """An error whose message is all the user needs to see."""


def run(main, args):
    """Calls main(args); a data, file or script error becomes one line and exit status 1."""
    try:
        main(args)
    except (input_data.DataError, ScriptError, OSError) as e:
        message = str(e) if not isinstance(e, OSError) or not e.filename else \
            f"{e.filename}: {e.strerror}"
        print(f"error: {message}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
