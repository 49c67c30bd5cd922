"""A quiet TensorFlow start-up: none of its log lines unless --verbose is given."""

import importlib.util
import os
import sys
import tempfile


def silence_tensorflow_startup(verbose=None, keras2=True):
    """Imports TensorFlow with its start-up log lines captured, unless verbose.

    TensorFlow imports its Keras as it loads. With `keras2`, that is Keras 2 (tf_keras),
    where it is installed: the tutorial scripts use no Keras, and Keras 2 loads in about
    3 s less than Keras 3, which brings scikit-learn and matplotlib along (10.7 s against
    7.7 s of CPU on an AMD EPYC Zen 3); TF1 code needs it for tf.layers and
    tf.nn.rnn_cell. Set before TensorFlow loads, as it reads the setting only then; a value
    already in the environment wins.

    `verbose` defaults to whether --verbose is among the command line's arguments.
    Some of those lines come from TensorFlow's C++ code before any Python setting applies
    (e.g. "Could not find cuda drivers", even with TF_CPP_MIN_LOG_LEVEL=3), so the
    process's stderr is captured while TensorFlow loads and probes for GPUs. If that
    fails, everything captured is printed before the error, so no real error is hidden;
    Ctrl-C while it loads ends the program quietly, with the status a shell expects (130).
    """
    if keras2 and importlib.util.find_spec("tf_keras"):
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    if verbose is None:
        verbose = "--verbose" in sys.argv[1:]
    if verbose:
        return
    if not os.environ.get("TF_CPP_MIN_LOG_LEVEL"):  # set but empty counts as unset
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # later C++ INFO and WARNING lines
    captured = tempfile.TemporaryFile()
    sys.stderr.flush()
    saved_stderr = os.dup(2)
    os.dup2(captured.fileno(), 2)
    try:
        import tensorflow as tf
        tf.config.list_physical_devices()  # the GPU probe logs too: let it do so now
    except KeyboardInterrupt:  # Ctrl-C while TensorFlow loads: nothing to save or say
        os.dup2(saved_stderr, 2)
        os._exit(130)  # not sys.exit: TensorFlow's half-loaded modules must not clean up
    except BaseException:
        os.dup2(saved_stderr, 2)
        captured.seek(0)
        sys.stderr.write(captured.read().decode(errors="replace"))
        raise
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
    tf.get_logger().setLevel("ERROR")  # tf.compat.v1's deprecation warnings
