"""The tables of tf1_compat as Markdown: `python tf1.py --list`, and docs/tf1.md's table.

One row per record: the old name, what code gets for it under tf1.py (a stand-in is
described by its docstring's first line, with the arguments it ignores), and the release
that removed or changed it; then what cannot run, and what to use instead.
"""

from tf1_compat import api, numpy_names, records, removed
from tf1_compat.records import Alias, resolve

TABLES = api.TABLES + (records.load("renamed_modules.tsv"), numpy_names.NAMES, removed.NAMES)


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
    return f"cannot run: one line, naming {row.instead}"


def markdown():
    """Every table as one Markdown table, a heading row per table."""
    lines = ["| old name | under tf1.py | gone since |", "| --- | --- | --- |"]
    for table in TABLES:
        lines.append(f"| **{table.heading}** | | |")
        lines += [f"| `{row.old}` | {describe(row)} | {row.gone} |" for row in table.rows]
    return "\n".join(lines)
