"""The tables of tf1_compat as Markdown: `python tf1.py --list`, and docs/tf1.md's table.

One row per old name: what code gets for it under tf1.py, or why it cannot run and what
to use instead.
"""

import builtins

import numpy
import tensorflow.compat.v1 as tf

import input_data
from tf1_compat import api, numpy_names, removed, renamed

# Where a TensorFlow object's TF1 name is looked up, in this order.
TF1_MODULES = {"tf": tf, "tf.nn": tf.nn, "tf.nn.rnn_cell": tf.nn.rnn_cell,
               "tf.summary": tf.summary, "tf.train": tf.train}


def _first_paragraph(text):
    return " ".join((text or "").strip().split("\n\n")[0].split())


def describe(value):
    """What an old name gives, in a few words."""
    if value is input_data:
        return "this project's `input_data`"
    if getattr(value, "__module__", "").startswith("tf1_compat"):
        return _first_paragraph(value.__doc__)
    if getattr(builtins, getattr(value, "__name__", ""), None) is value:
        return f"`{value.__name__}`"
    if getattr(numpy, getattr(value, "__name__", ""), None) is value:
        return f"`np.{value.__name__}`"
    if isinstance(value, float):
        return f"`np.{'nan' if value != value else 'inf'}`"
    for prefix, module in TF1_MODULES.items():
        name = next((n for n in dir(module) if getattr(module, n, None) is value), None)
        if name:
            return f"`{prefix}.{name}`"
    return f"`{value.__module__}.{value.__qualname__}`"


def markdown():
    """Every table as one Markdown table, a heading row per table."""
    rows = ["| old name | under tf1.py |", "| --- | --- |"]
    tables = dict(api.TABLES, **{"TensorFlow 0.x (2016) names in its modules":
                                 renamed.MODULE_NAMES, "NumPy": numpy_names.NAMES})
    for title, table in tables.items():
        rows.append(f"| **{title}** | |")
        rows += [f"| `{name}` | {describe(value)} |" for name, value in table.items()]
    rows.append("| **Cannot run** | |")
    rows += [f"| `{name}` | {why}: one line, naming {instead} |"
             for name, (why, instead) in removed.REMOVED.items()]
    return "\n".join(rows)
