"""The rows of tf1_compat's tables: one record per old name, data a reader can scan.

Modelled on `tf_upgrade_v2`'s rename tables: each row names the old spelling and what it
is today, as dotted names, not objects. The tables are the tab-separated files in
`tables/` (one per kind of old name, a row per line), read by `load`; `python tf1.py
--list` and docs/tf1.md are generated from them.

- `Alias`: an old name that runs under tf1.py. `new` is a name of tf.compat.v1 (`tf.`),
  NumPy (`np.`), Python's builtins, or a module path (a stand-in of tf1_compat's). A
  stand-in that rebuilds a removed function names the original's arguments (`original`,
  checked by a test against its signature) and those it accepts but ignores (`ignores`:
  a program that passes one is told so, once).
- `Gone`: an old name that cannot run: since when, why, and what does the job today
  (`instead` in words, `instead_name` importable, run by a test).
- `Package`: a package an old program imports: the name to `pip install` where it differs
  from the module's, or why it cannot run today and what to use instead.
- `Table`: a heading and its rows.
"""

import builtins
import csv
import dataclasses
import functools
import importlib
import inspect
import os
import sys

ROOTS = {"tf": "tensorflow.compat.v1", "np": "numpy"}
TABLES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tables")


@dataclasses.dataclass(frozen=True)
class Alias:
    old: str
    new: str
    gone: str = ""
    original: tuple = None
    ignores: tuple = ()


@dataclasses.dataclass(frozen=True)
class Gone:
    old: str
    gone: str
    why: str
    instead: str
    instead_name: str


@dataclasses.dataclass(frozen=True)
class Package:
    module: str
    pip: str = ""
    cannot: str = ""
    instead: str = ""

    @property
    def old(self):  # as the listing names a row
        return self.module

    @property
    def gone(self):
        return ""


@dataclasses.dataclass(frozen=True)
class Table:
    heading: str
    rows: tuple


def _record(kind, row):
    """A record from a row of a table file: empty cells are defaults, lists are
    space-separated."""
    fields = {name: value for name, value in row.items() if value}
    if kind is Alias:
        for name in ("original", "ignores"):
            if name in fields:
                fields[name] = tuple(fields[name].split())
    return kind(**fields)


def load(name):
    """The Table in tables/<name>: a `# heading` line, a header row naming the columns
    (Gone's if it has `instead_name`, Package's if `pip`, else Alias's), then one row per
    old name."""
    with open(os.path.join(TABLES_DIR, name), encoding="utf-8", newline="") as f:
        heading = f.readline().lstrip("#").strip()
        reader = csv.DictReader(f, delimiter="\t")
        kind = Gone if "instead_name" in reader.fieldnames else \
            Package if "pip" in reader.fieldnames else Alias
        return Table(heading, tuple(_record(kind, row) for row in reader))


def resolve(dotted):
    """The object a dotted name of a row names (see the module's docstring)."""
    head, _, rest = dotted.partition(".")
    if head in ROOTS:
        value, parts = importlib.import_module(ROOTS[head]), rest.split(".") if rest else []
    elif not rest and hasattr(builtins, head):
        return getattr(builtins, head)
    else:
        parts = dotted.split(".")
        for split in range(len(parts), 0, -1):
            try:
                value = importlib.import_module(".".join(parts[:split]))
            except ImportError:
                continue
            parts = parts[split:]
            break
        else:
            raise ImportError(f"no module for {dotted}")
    for part in parts:
        value = getattr(value, part)
    return value


_told = set()


def _tell_ignored(old, names):
    for name in names:
        if (old, name) not in _told:
            _told.add((old, name))
            print(f"tf1.py: {old} ignores its argument {name} (no stand-in for it on "
                  "TensorFlow 2); the code runs without it", file=sys.stderr)


def value_of(alias):
    """What an Alias gives code: the object `new` names, telling once when a program
    passes an argument the stand-in ignores."""
    value = resolve(alias.new)
    if not alias.ignores:
        return value
    signature = inspect.signature(value)

    @functools.wraps(value)
    def noting_ignored(*args, **kwargs):
        given = signature.bind_partial(*args, **kwargs).arguments
        _tell_ignored(alias.old, [name for name in alias.ignores if name in given and
                                  given[name] != signature.parameters[name].default])
        return value(*args, **kwargs)
    return noting_ignored


def names(table, values=value_of):
    """{old name: what code gets} for the Alias rows of a table."""
    return {row.old: values(row) for row in table.rows if isinstance(row, Alias)}
