"""Ops pinned to devices the machine lacks (`with tf.device('/gpu:1')`) run on what it has.

The multi-GPU examples pin their towers to /gpu:0, /gpu:1, ...; TF 1.x sessions refused
to run them on a machine with fewer GPUs. Under tf1.py, sessions use soft placement (each
op goes to a device that has it) and the first pin to a missing GPU says so once.
"""

import sys

import tensorflow as tf2
import tensorflow.compat.v1 as tf

_said = []


def _note_missing(device_name):
    """Says once that a pinned GPU is missing; returns device_name unchanged."""
    if _said or not isinstance(device_name, str):
        return device_name
    spec = tf.DeviceSpec.from_string(device_name)
    gpus = len(tf2.config.list_physical_devices("GPU"))
    if (spec.device_type or "").upper() == "GPU" and (spec.device_index or 0) >= gpus:
        _said.append(device_name)
        there = f"{gpus} GPU{'s' if gpus != 1 else ''}" if gpus else "no GPU"
        print(f"tf1.py: this machine has {there}, so what the code pins to {device_name} "
              "runs where it can (soft placement)", file=sys.stderr)
    return device_name


def device(device_name_or_function):
    """tf.device, noting once when it names a GPU the machine does not have."""
    if callable(device_name_or_function):
        choose = device_name_or_function
        return tf.device(lambda op: _note_missing(choose(op)))
    return tf.device(_note_missing(device_name_or_function))


def _soft(config):
    """A copy of the session config (or a new one) with soft placement on."""
    config = tf.ConfigProto() if config is None else tf.ConfigProto.FromString(
        config.SerializeToString())
    config.allow_soft_placement = True
    return config


class Session(tf.Session):
    """tf.Session with soft placement: ops pinned to a missing device run elsewhere."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, _soft(config))


class InteractiveSession(tf.InteractiveSession):
    """tf.InteractiveSession with soft placement."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, _soft(config))
