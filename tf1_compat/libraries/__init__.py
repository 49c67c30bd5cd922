"""What other libraries get back for old programs, as the program imports them.

- `put_back`, `after_import`: names put back into other libraries' modules (`science`:
  SciPy's and scikit-learn's; `keras_mnist`: Keras' MNIST without network).
- `numpy_names`: the NumPy names old programs use and NumPy removed.
- `keras_saving`: Keras 2's `.keras` files saved and loaded in graph mode.
- `figures`: with no display, figures shown are saved as PNG files.
- `packages`: one line for a package that is missing or cannot run today.
"""
