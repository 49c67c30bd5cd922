"""The README and the docs pages: every command they show names flags that exist, and every
relative link and picture points at a file that exists."""

import glob
import os
import re
import shlex

import pytest

from conftest import ROOT, run_scripts

PAGES = ["README.md"] + sorted(os.path.relpath(path, ROOT) for path in glob.glob(
    os.path.join(ROOT, "docs", "**", "*.md"), recursive=True))
TRANSLATIONS = ["docs/ko/beginners.md", "docs/ko/experts.md", "docs/fr/beginners.md",
                "docs/fr/experts.md"]
SCRIPTS = ["mnist_softmax.py", "mnist_softmax_eager.py", "mnist_deep.py", "tf1.py",
           "input_data.py", "bench/benchmark.py"]
FENCE = re.compile(r"^```[a-z]*\n(.*?)^```", re.S | re.M)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def read(page):
    with open(os.path.join(ROOT, page)) as f:
        return f.read()


def shown_commands(page, scripts=SCRIPTS):
    """(script, its words) for each command line of a fenced block that runs a script
    (with `scripts=None`: that runs Python at all, e.g. `python -m pytest`)."""
    for block in FENCE.findall(read(page)):
        for line in block.splitlines():
            line = line.removeprefix("$ ").split("  #")[0].split(" # ")[0].strip()
            try:
                words = shlex.split(line)
            except ValueError:
                continue
            while words and "=" in words[0] and not words[0].startswith("-"):
                words.pop(0)  # VAR=value before the command
            if len(words) >= 2 and words[0] == "python" and (not scripts or words[1] in scripts):
                yield words[1], words[2:]


def flags_named(script, words):
    """The flags a command gives its script; for tf1.py only those before the program."""
    flags = []
    for word in words:
        if not word.startswith("-"):
            if script == "tf1.py":
                break
            continue
        flags.append(word.split("=")[0])
    return flags


@pytest.fixture(scope="module")
def help_texts():
    results = run_scripts(*([script, "--help"] for script in SCRIPTS))
    for script, result in zip(SCRIPTS, results):
        assert result.returncode == 0, (script, result.stderr)
    return {script: result.stdout for script, result in zip(SCRIPTS, results)}


def test_the_pages_show_commands():
    commands = {page: list(shown_commands(page, scripts=None)) for page in PAGES}
    assert all(commands.values()), [page for page, found in commands.items() if not found]
    assert len(read("README.md").splitlines()) <= 150


def test_the_readme_names_the_translations_and_notebooks_first():
    first_lines = "\n".join(read("README.md").splitlines()[:12])
    for page in TRANSLATIONS + ["docs/notebooks.md"]:
        assert f"]({page})" in first_lines
    assert set(TRANSLATIONS) <= set(PAGES)


def test_the_translations_name_every_tutorial_step_and_flag(help_texts):
    """Each translated page has a row per step, quoting lines its script or notebook has,
    and names its script's flags."""
    for page in TRANSLATIONS:
        script = "mnist_softmax.py" if "beginners" in page else "mnist_deep.py"
        notebook = script.replace(".py", ".ipynb")
        code = read(script) + read(f"notebooks/{notebook}").replace("\\n", "")
        rows = [line for line in read(page).splitlines() if line.startswith("| **")]
        assert len(rows) >= (5 if script == "mnist_softmax.py" else 10), page
        quoted = [line for line in re.findall(r"`([^`]+ = [^`]+)`", "\n".join(rows))
                  if "..." not in line]
        assert len(quoted) >= 4 and [line for line in quoted if re.sub(r"\s", "", line)
                                     not in re.sub(r"\s", "", code)] == [], page
        assert script in read(page) and ".ipynb" in read(page)
        shown_flags = set(re.findall(r"`(--[a-z_]+)", read(page)))
        assert shown_flags and all(flag in help_texts[script] for flag in shown_flags), page


def test_every_flag_a_page_shows_exists(help_texts):
    unknown = [(page, script, flag)
               for page in PAGES for script, words in shown_commands(page)
               for flag in flags_named(script, words)
               if not re.search(rf"(^|[\s\[,]){re.escape(flag)}\b", help_texts[script], re.M)]
    assert unknown == []


def test_every_relative_link_and_picture_exists():
    missing = [(page, target) for page in PAGES for target in LINK.findall(read(page))
               if not re.match(r"[a-z]+:", target) and not target.startswith("#")
               and not os.path.exists(os.path.join(ROOT, os.path.dirname(page),
                                                   target.split("#")[0]))]
    assert missing == []


def test_no_page_assumes_this_projects_machines():
    assert [page for page in PAGES if "../shared" in read(page)] in ([], ["docs/development.md"])


def files_read(script, words):
    """The files a shown command reads: tf1.py's program, --predict's images."""
    if script == "tf1.py":
        return [word for word in words if not word.startswith("-")][:1]
    if "--predict" in words:
        return words[words.index("--predict") + 1:]
    return []


def test_every_file_a_shown_command_reads_is_in_the_repository():
    shown = [(page, path) for page in PAGES for script, words in shown_commands(page)
             for path in files_read(script, words)]
    assert len(shown) >= 8
    assert [(page, path) for page, path in shown
            if not os.path.exists(os.path.join(ROOT, path))] == []


def test_the_examples_do_what_the_pages_say(trained, mnist_dir):
    env = dict(os.environ, MNIST_DATA_DIR=mnist_dir)
    beginners, tf0, forest, predicted = run_scripts(
        ["tf1.py", "examples/beginners.py"], ["tf1.py", "examples/tf0_2016.py"],
        ["tf1.py", "examples/forest.py"],
        ["mnist_deep.py", "--checkpoint_dir", trained["checkpoints"], "--predict",
         "examples/seven.png", "examples/zero.png"], envs=[env] * 4)
    assert beginners.returncode == 0 and float(beginners.stdout) > 0.9  # about 0.92
    assert tf0.returncode == 0 and float(tf0.stdout.split()[-1]) > 0.85
    assert forest.returncode == 1 and forest.stderr.count("\n") == 1
    assert "tf.contrib.tensor_forest was removed in TensorFlow 2.0" in forest.stderr
    assert "use scikit-learn's sklearn.ensemble.RandomForestClassifier instead" in forest.stderr
    assert predicted.returncode == 0, predicted.stderr
    assert [line.split(" (")[0] for line in predicted.stdout.splitlines()] == [
        "examples/seven.png: 7", "examples/zero.png: 0"]
