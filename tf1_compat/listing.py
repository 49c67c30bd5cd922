"""The tables of tf1_compat as Markdown: `python tf1.py --list`, and docs/tf1.md's table.

One row per record: the old name, what code gets for it under tf1.py (a stand-in is
described by its docstring's first line, with the arguments it ignores), and the release
that removed or changed it; then what cannot run, and what to use instead.
"""

from tf1_compat import records
from tf1_compat.tensorflow1 import api, removed
from tf1_compat.libraries import keras2, numpy_names, packages, put_back
from tf1_compat.records import Alias, resolve

TABLES = api.TABLES + (put_back.TABLE, records.load("module_paths.tsv"), keras2.TABLE,
                       numpy_names.NAMES, removed.NAMES, packages.TABLE)


def _first_line(text):
    return " ".join((text or "").strip().split("\n\n")[0].split())


def describe(row):
    """What a row gives code, in a few words."""
    if isinstance(row, Alias):
        if not row.new.startswith("tf1_compat."):
            return f"`{row.new}`"
        value = resolve(row.new)
        if isinstance(value, float):
            return f"`{value!r}`"
        text = _first_line(value.__doc__)
        if row.ignores:
            text += f" Ignores {', '.join(f'`{name}`' for name in row.ignores)}."
        return text
    if isinstance(row, records.Package):
        return f"cannot run ({row.cannot}): one line, naming {row.instead}" if row.cannot \
            else f"if missing: one line, `pip install {row.pip}`"
    return f"cannot run ({row.why}): one line, naming {row.instead}"


def markdown():
    """Every table as one Markdown table, a heading row per table."""
    lines = ["| old name | under tf1.py | gone since |", "| --- | --- | --- |"]
    for table in TABLES:
        lines.append(f"| **{table.heading}** | | |")
        lines += [f"| `{row.old}` | {describe(row)} | {row.gone} |" for row in table.rows]
    return "\n".join(lines)
