"""What tf1.py needs to run TF 0.x/1.x code unchanged on TensorFlow 2, in three parts.

- `tensorflow1/`: the TF1 namespace the user's `import tensorflow` gives (where an old
  TensorFlow name is mapped).
- `libraries/`: what NumPy, SciPy, scikit-learn, Keras and matplotlib get back for old
  programs, and the one line for a package that is missing.
- `programs/`: running a script, piped lines, a console or a notebook's cells (where a
  program is run).
- `records`: the rows every table is made of (`Alias`, `Gone`, `Package`, `Table`), read
  from `tables/*.tsv`, and how a row's dotted names become objects; `listing`: the
  tables as Markdown (`python tf1.py --list`, docs/tf1.md).
"""
