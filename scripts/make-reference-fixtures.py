#!/usr/bin/python3
"""Writes reference cosine similarities computed by scikit-learn, so the JS
tests compare the engine against an independent implementation without
needing Python. Run with Debian's python3 (python3-numpy, python3-sklearn):

    /usr/bin/python3 scripts/make-reference-fixtures.py
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.metrics.pairwise import cosine_similarity

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "reference"


def dump(name, payload):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    path.write_text(json.dumps(payload, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def digits_self():
    x = np.load(ROOT / "web" / "data" / "digits" / "digits.npy")
    s = cosine_similarity(x.astype(np.float64))
    rng = np.random.default_rng(7)
    n = x.shape[0]
    i = rng.integers(0, n, 4000)
    j = rng.integers(0, n, 4000)
    dump("digits-self.json", {
        "source": "web/data/digits/digits.npy",
        "sklearn": sklearn.__version__,
        "dims": list(s.shape),
        # Sums of every row check the whole matrix; sampled pairs check single cells.
        "rowSums": s.sum(axis=1).tolist(),
        "pairs": [[int(a), int(b), float(s[a, b])] for a, b in zip(i, j)],
        "firstRows": s[:3].tolist(),
    })


def digits_cross():
    x = np.load(ROOT / "web" / "data" / "digits" / "digits.npy")
    a, b = x[:40], x[1000:1061]
    dump("digits-cross.json", {
        "rows": [0, 40],
        "cols": [1000, 1061],
        "similarity": cosine_similarity(a.astype(np.float64), b.astype(np.float64)).tolist(),
    })


def float64_with_zero_row():
    rng = np.random.default_rng(11)
    x = rng.standard_normal((30, 17)) * np.logspace(-20, 20, 17)
    x[4] = 0.0
    x[9] *= 1e100  # squares near 1e280: large, still finite for the reference
    dump("float64-zero-row.json", {
        "input": x.tolist(),
        "similarity": cosine_similarity(x).tolist(),
        "zeroRows": [4],
    })


if __name__ == "__main__":
    digits_self()
    digits_cross()
    float64_with_zero_row()
