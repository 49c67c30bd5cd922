"""Finding, downloading and checking the four MNIST files, for `input_data`.

`input_data.py` is the tutorials' module: how MNIST is read, one-hot encoded and served
in batches. What it needs from the file system and the network is here, one job a module:

- `idx`: reading an IDX file (gzip or not), its header checked before its data, and no
  more read than the header announces.
- `location`: the four files' names, and where a copy already is (the folder given, or
  `$MNIST_DATA_DIR`).
- `checksum`: the SHA-256 of a file's decompressed contents, against MNIST's.
- `download`: fetching a missing file from the first mirror that gives verified contents.
- `command`: `python input_data.py [DIR]`, which fetches the files or checks those there.
"""
