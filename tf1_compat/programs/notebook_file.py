"""`python tf1.py notebook.ipynb`: a notebook's code cells, run in order as one program.

Outside Jupyter there is no IPython to run a notebook's magics (`%matplotlib inline`) and
shell lines (`!pip install ...`): those lines are left out, and named in one line; the
rest of each code cell runs as a script's lines would, Python 2 cells converted.
"""

import json

IPYTHON_ONLY = ("%", "!")


class NotANotebook(ValueError):
    """A .ipynb file that is not a notebook's JSON."""


def is_notebook(path, data):
    """Whether the file at `path`, holding `data`, is a Jupyter notebook."""
    return path.endswith(".ipynb") or data.lstrip().startswith(b"{") and b'"cells"' in data


def program(data, path):
    """(the code cells' source as one program, the IPython lines left out)."""
    try:
        cells = json.loads(data)["cells"]
        sources = ["".join(cell["source"]) if isinstance(cell["source"], list)
                   else cell["source"] for cell in cells if cell.get("cell_type") == "code"]
    except (ValueError, KeyError, TypeError) as error:
        raise NotANotebook(f"{path} is not a Jupyter notebook ({type(error).__name__}: "
                           f"{error})") from None
    lines, left_out = [], []
    for source in sources:
        if source.lstrip().startswith("%%"):  # a cell magic: the whole cell is IPython's
            left_out.append(source.strip().splitlines()[0])
            continue
        for line in source.splitlines():
            if line.lstrip().startswith(IPYTHON_ONLY):
                left_out.append(line.strip())
                lines.append("")  # the lines keep their numbers
            else:
                lines.append(line)
        lines.append("")
    return "\n".join(lines).encode("utf-8"), left_out
