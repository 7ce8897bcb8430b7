"""Checks what heatmap() is given and turns it into what the report reads.

Bad input is refused here, in Python, with what and where, instead of as a
message inside a notebook output.
"""
import functools
import json
import numbers
from importlib import resources

import numpy as np


@functools.lru_cache(maxsize=1)
def library_options():
    """The option values the JavaScript library takes (orders, colorRanges,
    colorScales), written next to the template by `npm run build`."""
    source = resources.files("cosine_heatmap").joinpath("_static", "options.json")
    try:
        return json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise FileNotFoundError(
            "cosine_heatmap's build output is missing: in the cosine-heatmap clone run `npm run build`, "
            "then `pip install ./python` again."
        ) from error


def embeddings_matrix(X):
    """X (NumPy array, nested lists, or anything with __array__: a CPU
    PyTorch tensor, a pandas frame) as a C-contiguous float32 n × d array."""
    if X is None:
        raise TypeError("heatmap: X is None; expected an n × d array of embeddings")
    if isinstance(X, (list, tuple)):
        _check_rows(X)
    try:
        array = np.asarray(X)
    except (TypeError, ValueError, RuntimeError) as error:
        # PyTorch's own words: a tensor on a GPU, or one that requires grad.
        hint = "; for a PyTorch tensor pass x.detach().cpu()" if hasattr(X, "detach") else ""
        raise TypeError(f"heatmap: X cannot be read as an array ({error}){hint}") from error
    if array.dtype == object:
        raise TypeError("heatmap: X holds rows of different lengths or non-numbers; expected an n × d array of numbers")
    if array.dtype.kind not in "biuf":
        raise TypeError(f"heatmap: X must hold real numbers, got dtype {array.dtype}")
    if array.ndim != 2:
        raise ValueError(f"heatmap: X must be 2-D (n items × d dimensions), got shape {array.shape}")
    n, d = array.shape
    if n < 1 or d < 1:
        raise ValueError(f"heatmap: X is empty (shape {array.shape}); expected at least one item and one dimension")
    finite = np.isfinite(array)
    if not finite.all():
        row, col = (int(k) for k in np.argwhere(~finite)[0])
        raise ValueError(f"heatmap: X[{row}, {col}] is {array[row, col]}; every value must be a finite number")
    with np.errstate(over="ignore"):
        values = np.ascontiguousarray(array, dtype="<f4")
    overflow = ~np.isfinite(values)
    if overflow.any():
        row, col = (int(k) for k in np.argwhere(overflow)[0])
        raise ValueError(f"heatmap: X[{row}, {col}] = {array[row, col]} does not fit a 32-bit float")
    return values


def _check_rows(rows):
    """Lists of rows: every row as long as the first, said with the row."""
    width = None
    for k, row in enumerate(rows):
        if isinstance(row, (str, bytes)):
            raise TypeError(f"heatmap: X row {k} is a string ({row[:40]!r}); expected rows of numbers")
        if not isinstance(row, (list, tuple)) and not hasattr(row, "__len__"):
            return  # not a list of rows; asarray and the checks after it tell
        if width is None:
            width = len(row)
        elif len(row) != width:
            raise ValueError(f"heatmap: X row {k} has {len(row)} values, row 0 has {width}; every row must have the same length")


def item_strings(values, n, name):
    """labels / groups: None, or one entry per item, as strings."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        raise TypeError(f"heatmap: {name} must be a sequence with one entry per item, got a single string")
    if hasattr(values, "tolist") and not isinstance(values, (list, tuple)):
        values = values.tolist()
    try:
        entries = list(values)
    except TypeError as error:
        raise TypeError(f"heatmap: {name} must be a sequence with one entry per item, got {type(values).__name__}") from error
    if len(entries) != n:
        raise ValueError(f"heatmap: {name} has {len(entries)} entries for {n} items in X; give one per item")
    return ["" if value is None else str(value) for value in entries]


def index_labels(X, n):
    """A pandas frame's index as labels, unless it is the default 0 … n − 1."""
    index = getattr(X, "index", None)
    if index is None or not hasattr(index, "tolist") or callable(getattr(X, "cpu", None)):
        return None
    values = index.tolist()
    if len(values) != n or values == list(range(n)):
        return None
    return values


def text_option(value, name):
    if not isinstance(value, str):
        raise TypeError(f"heatmap: {name} must be a string, got {type(value).__name__}")
    return value


def color_scale_option(value):
    """A scale name ("Blues", "RdBu_r": "_r" reverses), colours spread
    evenly ["white", "navy"], or stops [[position, colour], …]."""
    if isinstance(value, str):
        names = library_options()["colorScales"]
        base = value[:-2] if value.lower().endswith("_r") else value
        if base.lower() not in (name.lower() for name in names):
            raise ValueError(f"heatmap: color_scale {value!r} is not a scale name; use one of {', '.join(names)} "
                             "(add _r to reverse), a list of colours, or [[position, colour], …]")
        return value
    if isinstance(value, (list, tuple)) and len(value) >= 2 and all(isinstance(color, str) for color in value):
        return list(value)
    if isinstance(value, (list, tuple)) and len(value) >= 2:
        scale = []
        for k, stop in enumerate(value):
            if not (isinstance(stop, (list, tuple)) and len(stop) == 2 and isinstance(stop[1], str)
                    and isinstance(stop[0], numbers.Real) and 0 <= stop[0] <= 1):
                raise ValueError(f"heatmap: color_scale[{k}] must be [position from 0 to 1, colour string], got {stop!r}")
            scale.append([float(stop[0]), stop[1]])
        return scale
    raise TypeError("heatmap: color_scale must be a scale name such as 'Blues' or a list of [position, colour] pairs")


def choice(value, allowed, name):
    if value not in allowed:
        raise ValueError(f"heatmap: {name} must be one of {', '.join(repr(a) for a in allowed)}, got {value!r}")
    return value


def optional_number(value, name):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ValueError(f"heatmap: {name} must be a finite number, got {value!r}")
    return float(value)


def positive_int(value, name, low, high):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise ValueError(f"heatmap: {name} must be an integer from {low} to {high}, got {value!r}")
    return int(value)
