"""Keeps the translated notebooks' code the English notebooks' code.

    python notebooks/translations.py            # copy the code cells; say which changed

The notebooks in notebooks/ko/ and notebooks/fr/ are the English ones with their text
cells in Korean and French: the code cells are the English notebooks' own, cell for cell,
which tests/test_notebooks.py checks. After a change to an English notebook's code, this
copies its code cells into each translation (their text cells stay as they are, their
outputs are cleared) and names the notebooks to run again with notebooks/execute.py.
"""

import argparse
import copy
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LANGUAGES = {"ko": "Korean", "fr": "French"}
NOTEBOOKS = ("mnist_softmax.ipynb", "mnist_deep.ipynb")


def translations():
    """(English notebook path, translated notebook path) for each translation."""
    return [(os.path.join(HERE, name), os.path.join(HERE, language, name))
            for language in LANGUAGES for name in NOTEBOOKS]


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def same_code(english, translated):
    """Whether two notebooks hold the same code cells, in the same order and places among
    their text cells."""
    return ([cell.cell_type for cell in english.cells] ==
            [cell.cell_type for cell in translated.cells] and
            [cell.source for cell in code_cells(english)] ==
            [cell.source for cell in code_cells(translated)])


def copy_code(english, translated):
    """The translated notebook with the English one's cells, its own text cells kept in
    their places (a text cell for each of the English ones)."""
    texts = [cell for cell in translated.cells if cell.cell_type == "markdown"]
    english_texts = [cell for cell in english.cells if cell.cell_type == "markdown"]
    if len(texts) != len(english_texts):
        raise ValueError(f"{len(texts)} text cells for the English notebook's "
                         f"{len(english_texts)}: translate the new ones by hand first")
    texts = iter(texts)
    cells = []
    for cell in english.cells:
        if cell.cell_type == "markdown":
            cells.append(next(texts))
        else:
            code = copy.deepcopy(cell)
            code.outputs, code.execution_count = [], None
            code.metadata.pop("execution", None)
            cells.append(code)
    translated.cells = cells
    translated.metadata.pop("code_sha256", None)
    return translated


def main(argv=None):
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    import nbformat
    changed = []
    for english_path, path in translations():
        english, translated = (nbformat.read(p, as_version=4) for p in (english_path, path))
        if same_code(english, translated):
            continue
        try:
            nbformat.write(copy_code(english, translated), path)
        except ValueError as e:
            print(f"error: {path}: {e}", file=sys.stderr)
            return 1
        changed.append(os.path.relpath(path))
    if changed:
        print("code copied; run them again: python notebooks/execute.py " + " ".join(changed))
    else:
        print("the translations hold the English notebooks' code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
