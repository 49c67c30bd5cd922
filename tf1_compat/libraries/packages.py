"""Packages an old program imports that are not installed, or cannot run today.

A notebook that starts with `%load_ext watermark`, or a program that imports `cv2` or
`skimage`, ends in a ModuleNotFoundError traceback when the package is missing: here it
gets one line naming what to install (the pip name, where it differs from the module's,
from tables/packages.tsv). A library that cannot run on today's Python or TensorFlow
(PrettyTensor, TFLearn) gets one line saying so, and what to use instead.
"""

import importlib.util
import os

from tf1_compat import records

TABLE = records.load("packages.tsv")
ROWS = {row.module: row for row in TABLE.rows}


def _cannot(row):
    return f"{row.module} cannot run today: {row.cannot}. Use {row.instead} instead"


def _inside(traceback):
    """The Package row of a library that cannot run, if the traceback went through it."""
    while traceback:
        parts = traceback.tb_frame.f_code.co_filename.split(os.sep)
        for row in ROWS.values():
            if row.cannot and row.module in parts[:-1]:
                return row
        traceback = traceback.tb_next
    return None


def one_line(error):
    """The one-line message for an import of a package that is missing or cannot run,
    or None for other errors (a missing module of an installed package among them)."""
    broken = _inside(error.__traceback__)
    if broken:
        return _cannot(broken)
    if not isinstance(error, ModuleNotFoundError) or not error.name:
        return None
    top = error.name.split(".")[0]
    row = ROWS.get(top)
    if row and row.cannot:
        return _cannot(row)
    if importlib.util.find_spec(top) is not None:
        return None
    if row:
        return f"No module named '{top}': install it with `pip install {row.pip}`"
    return (f"No module named '{top}': install the package that has it, usually "
            f"`pip install {top}` (the package's own page names it if it differs)")
