#!/usr/bin/env python3
"""scikit-learn fits on the SAME windows the worker's MeasureTraining fits
(exported by `cargo run --release --example export_window`), for `make bench`.

  target/bench-venv/bin/python scripts/bench_sklearn.py DIR ROWS...

Prints one JSON line per size: {"rows", "logistic_ms", "tree_ms", "runs", versions}.

Parameter mapping (linfa-logistic 0.8 -> scikit-learn):
  linfa minimises   sum_i logloss_i + alpha/2 * ||w||^2      (intercept not penalised)
  sklearn minimises C * sum_i logloss_i + 1/2 * ||w||^2      (intercept not penalised)
  dividing sklearn's objective by C gives alpha = 1/C, so linfa alpha = 1.0 -> C = 1.0.
  Both use L-BFGS, max 100 iterations, gradient tolerance 1e-4 (sklearn tol=1e-4).
  Decision tree: linfa-trees max_depth 6, Gini -> DecisionTreeClassifier(max_depth=6,
  criterion="gini"). Fits are single-threaded (OMP/BLAS threads pinned to 1).
"""
import json
import os
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

LINFA_ALPHA = 1.0


def median_ms(fit, runs):
    fit()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fit()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return times[len(times) // 2]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/bench"
    sizes = [int(a) for a in sys.argv[2:]] or [1000, 5000, 10000, 100000]
    for n in sizes:
        data = np.loadtxt(f"{out}/window-{n}.csv", delimiter=",", skiprows=1)
        x, y = data[:, :2], data[:, 2].astype(int)
        runs = 5 if n >= 100_000 else 15
        lr = lambda: LogisticRegression(  # noqa: E731
            solver="lbfgs", C=1.0 / LINFA_ALPHA, max_iter=100, tol=1e-4
        ).fit(x, y)
        tree = lambda: DecisionTreeClassifier(  # noqa: E731
            max_depth=6, criterion="gini", random_state=0
        ).fit(x, y)
        iters = int(lr().n_iter_[0])
        print(json.dumps({
            "rows": n,
            "logistic_ms": round(median_ms(lr, runs), 3),
            "tree_ms": round(median_ms(tree, runs), 3),
            "runs": runs,
            "logistic_iterations": iters,
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
        }), flush=True)


if __name__ == "__main__":
    main()
