#!/usr/bin/python3
"""Writes SciPy's hierarchical clustering of small data sets, so the JS tests
compare set.linkage(), set.clusters() and optimal leaf ordering against an
independent implementation without needing Python. Run with Debian's python3
(python3-numpy, python3-scipy):

    /usr/bin/python3 scripts/make-linkage-fixtures.py

Each fixture holds float32 data (so both sides read the same numbers) and, per
method, scipy.cluster.hierarchy.linkage(X, method, metric='cosine'), its
cophenetic distances, fcluster cuts by k ('maxclust') and by distance, and
the leaf order of optimal_leaf_ordering on the same tree. Cuts whose height
lies within 1e-4 of a merge height without being equal to it are left out:
float32 similarities may move a merge across such a cut.
"""
import json
import pathlib

import numpy as np
import scipy
from scipy.cluster.hierarchy import cophenet, fcluster, leaves_list, linkage, optimal_leaf_ordering
from scipy.spatial.distance import pdist

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "linkage"
METHODS = ["average", "complete", "single"]
NEAR = 1e-4


def planted(n, d, clusters, noise, seed):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, d))
    x = centres[np.arange(n) % clusters] + noise * rng.standard_normal((n, d))
    return x.astype(np.float32)


def with_ties():
    # One-hot rows (and their multiples) are exactly equal or orthogonal in
    # float32 and in double: merges at distance exactly 0 and exactly 1, and
    # every order of those tied merges gives the same cophenetic distances.
    rows = []
    for axis, copies in enumerate([3, 1, 2, 4, 1, 2]):
        for c in range(copies):
            v = np.zeros(12)
            v[axis] = 1.0 + c
            rows.append(v)
    rng = np.random.default_rng(3)
    for _ in range(10):  # distinct rows in the other six dimensions
        v = np.zeros(12)
        v[6:] = rng.standard_normal(6)
        rows.append(v)
    order = rng.permutation(len(rows))
    return np.array(rows)[order].astype(np.float32)


def safe(values, heights):
    return [v for v in values if not any(0 < abs(v - h) < NEAR for h in heights)]


def safe_counts(n, heights):
    h = np.sort(heights)
    counts = []
    # Every k on small sets; on larger ones the first 30 and every 25th.
    for k in [k for k in range(1, n + 1) if n <= 100 or k <= 30 or k % 25 == 0]:
        # A cut for k clusters lies at h[n - k - 1]; the next merge up must be
        # clearly higher, or exactly tied with it.
        if k == n or k == 1:
            counts.append(k)
            continue
        gap = h[n - k] - h[n - k - 1]
        if gap == 0 or gap > NEAR:
            counts.append(k)
    return counts


def fixture(name, x, thresholds):
    xd = x.astype(np.float64)
    y = pdist(xd, "cosine")
    payload = {"scipy": scipy.__version__, "dims": list(x.shape), "data": [float(v) for v in x.ravel()], "methods": {}}
    for method in METHODS:
        z = linkage(xd, method, metric="cosine")
        heights = z[:, 2]
        n = x.shape[0]
        counts = safe_counts(n, heights)
        cuts = safe(thresholds, heights)
        payload["methods"][method] = {
            "linkage": [float(v) for v in z.ravel()],
            # The tree up to the order of tied merges (small sets only: n²/2 values).
            "cophenetic": [float(v) for v in cophenet(z)] if n <= 100 else None,
            "maxclust": {str(k): fcluster(z, k, "maxclust").tolist() for k in counts},
            "distance": {repr(t): fcluster(z, t, "distance").tolist() for t in cuts},
            "optimalLeafOrder": leaves_list(optimal_leaf_ordering(z, y)).tolist(),
        }
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(payload, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main():
    thresholds = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5]
    fixture("planted-80", planted(80, 12, 4, 0.8, 1), thresholds)
    fixture("random-300", planted(300, 16, 1, 1.0, 2), thresholds)
    fixture("ties-23", with_ties(), [0.0, 0.5, 1.0, 1.5])
    fixture("small-7", planted(7, 4, 1, 1.0, 4), thresholds)


if __name__ == "__main__":
    main()
