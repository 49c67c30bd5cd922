"""A quiet TensorFlow start-up: none of its log lines unless --verbose is given, and the
lighter of the two Keras it can load where nothing needs the other."""

import contextlib
import importlib.util
import os
import sys
import tempfile


def silence_tensorflow_startup(verbose=None, keras="while loading"):
    """Imports TensorFlow with its start-up log lines captured, unless verbose.

    `verbose` defaults to whether --verbose is among the command line's arguments.
    Some of those lines come from TensorFlow's C++ code before any Python setting applies
    (e.g. "Could not find cuda drivers", even with TF_CPP_MIN_LOG_LEVEL=3), so the
    process's stderr is captured while TensorFlow loads and probes for GPUs. If that
    fails, everything captured is printed before the error, so no real error is hidden;
    Ctrl-C while it loads ends the program quietly, with the status a shell expects (130).

    `keras` is what `_keras_setting` makes of TensorFlow's Keras.
    """
    if verbose is None:
        verbose = "--verbose" in sys.argv[1:]
    with _keras_setting(keras):
        if verbose:
            import tensorflow  # noqa: F401  (with its own start-up lines)
        else:
            _import_quietly()


@contextlib.contextmanager
def _keras_setting(keras):
    """TensorFlow imports its Keras as it loads, and tf.keras is that Keras. Around the
    import, where Keras 2 (tf_keras) is installed and the environment says nothing:

    - "2": tf.keras is Keras 2, as TF1 code needs (tf.layers, tf.nn.rnn_cell).
    - "3": the environment decides, as on plain TensorFlow 2 (Keras 3).
    - "while loading": Keras 2 only while TensorFlow loads, for the tutorial scripts, which
      use no Keras: it loads in 3 s less than Keras 3, which brings scikit-learn and
      matplotlib along (7.7 s against 10.7 s of CPU on an AMD EPYC Zen 3). The environment
      is then as it was, so the programs a script or notebook starts get their own Keras.
    """
    added = (keras != "3" and "TF_USE_LEGACY_KERAS" not in os.environ
             and importlib.util.find_spec("tf_keras") is not None)
    if added:
        os.environ["TF_USE_LEGACY_KERAS"] = "1"  # read as TensorFlow loads and at tf.keras
    try:
        yield
    finally:
        if added and keras == "while loading":
            del os.environ["TF_USE_LEGACY_KERAS"]


def _import_quietly():
    """Imports TensorFlow with its stderr captured (see silence_tensorflow_startup)."""
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
