#!/usr/bin/python3
"""Fixtures for the view's dendrogram and cut (tests/js/dendrogram-tree.test.js):
SciPy linkages on cosine distance, their leaf orders and fcluster labels.

    python3 scripts/make-dendrogram-fixtures.py   # writes tests/fixtures/dendrogram/*.json
"""
import json
import pathlib

import numpy as np
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage, optimal_leaf_ordering
from scipy.spatial.distance import pdist

OUT = pathlib.Path(__file__).resolve().parent.parent / 'tests' / 'fixtures' / 'dendrogram'


def case(name, x, method):
    z = linkage(x, method=method, metric='cosine')
    olo = optimal_leaf_ordering(z, pdist(x, 'cosine'))
    cuts = {
        'k': {str(k): fcluster(z, k, 'maxclust').tolist() for k in (1, 2, 3, 5, 8, len(x))},
        'threshold': {repr(t): fcluster(z, t, 'distance').tolist() for t in (0.0, 0.05, 0.2, 0.5, 1.5)},
    }
    out = {
        'method': method,
        'n': len(x),
        'x': x.tolist(),
        'z': z.ravel().tolist(),
        'leaves': leaves_list(z).tolist(),
        'oloLeaves': leaves_list(olo).tolist(),
        'oloZ': olo.ravel().tolist(),
        'fcluster': cuts,
    }
    (OUT / f'{name}.json').write_text(json.dumps(out))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(16)
    centres = rng.normal(size=(4, 6))
    x = np.vstack([c + 0.35 * rng.normal(size=(10, 6)) for c in centres])
    x = x[rng.permutation(len(x))]
    case('planted-average', x, 'average')
    case('planted-complete', x, 'complete')
    # Ties: exact duplicates and a repeated direction (distance 0 merges).
    ties = np.vstack([x[:12], x[:5], 3 * x[:3]])
    case('ties-single', ties, 'single')


if __name__ == '__main__':
    main()
