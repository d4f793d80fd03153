"""Print the mutation score of one module from mutmut's results (used by ``make mutation``).

Usage: ``python benchmarks/mutation_score.py limits`` after ``mutmut run "tthc.limits.*"``.
The score is killed / (killed + survived + timeout + suspicious); mutants no test
reaches count as survivors.
"""

from __future__ import annotations

import collections
import subprocess
import sys
from pathlib import Path


def score(module: str) -> str:
    """One line: the module, the counts per status and the score in percent."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mutmut"), "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=False,
    )
    prefix = f"tthc.{module}."
    counts: collections.Counter[str] = collections.Counter()
    for line in done.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith(prefix):
            counts[status.strip()] += 1
    killed = counts["killed"]
    graded = killed + counts["survived"] + counts["no tests"] + counts["timeout"]
    graded += counts["suspicious"]
    rate = 100 * killed / graded if graded else 0.0
    detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return f"{module}: {rate:.1f}% killed ({detail})"


if __name__ == "__main__":
    print(score(sys.argv[1]))
