"""Draw the pictures of the docs into docs/images/ (``make docs-images``).

The same seeds and periods as the examples of docs/documents.md, so the
pictures show what the examples compute.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path


def main(folder: Path) -> None:
    """Write calendar-2026.png, report.png and months.png into ``folder``."""
    import tthc
    from tthc import plots
    from tthc.simulate import simulate

    folder.mkdir(parents=True, exist_ok=True)
    start, end = dt.date(2026, 1, 1), dt.date(2026, 10, 31)
    dossiers = simulate(start=start, end=end, seed=2026)
    report = tthc.Report.build(dossiers, start=start, end=end, by="field")
    figures = {
        "calendar-2026.png": plots.plot_calendar(tthc.WorkingCalendar.vietnam(), 2026),
        "report.png": plots.plot_report(report),
        "months.png": plots.plot_months(dossiers, start=start, end=end),
    }
    for name, figure in figures.items():
        plots.save(figure, folder / name, dpi=72)
        print(folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images"))
