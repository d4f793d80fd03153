"""Tests of tthc.plots: each picture's size and a few pixel colours, not a pixel snapshot."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import io
import sys
from pathlib import Path
from typing import TypedDict
from xml.etree import ElementTree

import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from PIL import Image

import tthc
from tthc.plots import (
    CALENDAR_COLOURS,
    OUTCOME_COLOURS,
    plot_calendar,
    plot_months,
    save,
    to_png,
    to_svg,
)
from tthc.simulate import simulate


class Period(TypedDict):
    start: dt.date
    end: dt.date


Q1 = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))


def image(figure: Figure) -> Image.Image:
    return Image.open(io.BytesIO(to_png(figure))).convert("RGB")


def close(pixel: tuple[int, ...], colour: str, tolerance: int = 12) -> bool:
    want = [round(255 * c) for c in to_rgb(colour)]
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, want, strict=True))


def day_pixel(figure: Figure, picture: Image.Image, day: dt.date) -> tuple[int, ...]:
    """A pixel inside the cell of ``day``, away from its number."""
    weeks = _calendar.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)
    row = next(i for i, week in enumerate(weeks) if day in week)
    axes = figure.axes[day.month - 1]
    x, y = axes.transData.transform((day.weekday() + 0.15, row + 0.15))
    pixel: tuple[int, ...] = picture.getpixel((round(x), picture.height - round(y)))  # type: ignore[assignment]
    return pixel


@pytest.fixture(scope="module")
def year() -> tuple[Figure, Image.Image]:
    figure = plot_calendar(tthc.WorkingCalendar.vietnam(), 2026)
    return figure, image(figure)


def test_calendar_is_twelve_month_grids_of_the_right_size(year: tuple[Figure, Image.Image]) -> None:
    figure, picture = year
    assert picture.size == (1200, 960)
    assert [axes.get_title() for axes in figure.axes] == [f"Tháng {m}" for m in range(1, 13)]
    assert "249 ngày làm việc" in figure.get_suptitle()


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (dt.date(2026, 2, 17), "holiday"),  # Tết
        (dt.date(2026, 9, 2), "holiday"),  # National Day
        (dt.date(2026, 11, 24), "holiday"),  # Vietnamese Culture Day
        (dt.date(2026, 4, 27), "substitute"),  # for Hùng Kings' day on a Sunday
        (dt.date(2026, 8, 22), "make_up"),  # make-up Saturday
        (dt.date(2026, 3, 7), "weekend"),
        (dt.date(2026, 3, 9), "working"),
    ],
)
def test_calendar_colours_each_kind_of_day(
    year: tuple[Figure, Image.Image], day: dt.date, kind: str
) -> None:
    figure, picture = year
    assert close(day_pixel(figure, picture, day), CALENDAR_COLOURS[kind])


def test_calendar_legend_and_the_provisional_year(year: tuple[Figure, Image.Image]) -> None:
    figure, _ = year
    labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert labels == [
        "Ngày làm việc",
        "Nghỉ cuối tuần",
        "Nghỉ lễ, Tết",
        "Nghỉ bù / hoán đổi",
        "Làm bù (Thứ Bảy)",
    ]
    later = plot_calendar(tthc.WorkingCalendar.vietnam(), 2030)
    assert "TẠM TÍNH" in later.get_suptitle()


def test_calendar_out_of_range_and_bad_types() -> None:
    cal = tthc.WorkingCalendar.vietnam()
    with pytest.raises(tthc.OutOfRangeError):
        plot_calendar(cal, 1800)
    with pytest.raises(tthc.InputTypeError):
        plot_calendar(cal, "2026")  # type: ignore[arg-type]
    with pytest.raises(tthc.InputTypeError):
        plot_calendar("vietnam", 2026)  # type: ignore[arg-type]


def test_report_chart_stacks_outcomes_per_group() -> None:
    report = tthc.Report.build(simulate(**Q1, seed=2), **Q1)
    figure = report.plot()
    picture = image(figure)
    assert picture.size == (1000, round(100 * (1.6 + 0.45 * (len(report.rows) + 1))))
    bars = figure.axes[0].patches
    rows = [report.total, *reversed(report.rows)]  # drawn bottom-up: the total lowest
    n = len(rows)
    for i, name in enumerate(("early", "on_time", "late")):
        widths = [bars[i * n + j].get_width() for j in range(n)]
        assert widths == [getattr(row, name) for row in rows]
    # the total's bar: a pixel in its early part is green
    total_bar = bars[0]
    x, y = figure.axes[0].transData.transform(
        (
            total_bar.get_x() + total_bar.get_width() / 2,
            total_bar.get_y() + total_bar.get_height() / 2,
        )
    )
    assert close(picture.getpixel((round(x), picture.height - round(y))), OUTCOME_COLOURS["early"])  # type: ignore[arg-type]
    online = [bar.get_width() for bar in figure.axes[1].patches]
    assert online == [row.online_rate for row in rows]


def test_months_chart_has_one_bar_per_month() -> None:
    start, end = dt.date(2026, 1, 15), dt.date(2026, 4, 10)
    dossiers = simulate(start=start, end=end, seed=4)
    figure = plot_months(dossiers, start=start, end=end)
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels == ["01/2026", "02/2026", "03/2026", "04/2026"]
    online = [bar.get_height() for bar in figure.axes[0].patches[:4]]  # type: ignore[attr-defined]
    february = tthc.Report.build(
        dossiers, start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28), by=None
    )
    assert online[1] == february.total.received_online
    line = figure.axes[1].lines[0]
    rates = list(line.get_ydata())  # type: ignore[arg-type]
    assert rates[1] == pytest.approx(february.total.on_time_rate)
    assert image(figure).size == (1000, 420)
    with pytest.raises(tthc.InputTypeError):
        plot_months(dossiers, start=end, end=start)


def test_svg_and_save(tmp_path: Path, year: tuple[Figure, Image.Image]) -> None:
    figure, _ = year
    svg = save(figure, tmp_path / "y.svg").read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert root.get("width") == "864pt"  # 12 inches
    assert to_svg(Figure(figsize=(1, 1))).count("<svg") == 1
    assert Image.open(save(figure, tmp_path / "y.png")).size == (1200, 960)
    with pytest.raises(tthc.InputTypeError):
        save(figure, tmp_path / "y.jpg")


def test_plot_needs_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "tthc.plots")
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(tthc.MissingDependencyError) as info:
        tthc.Report.build([], **Q1).plot()
    assert info.value.extra == "plot"


def test_a_kind_of_day_the_plots_do_not_know_gets_its_own_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tthc.plots as plots

    monkeypatch.delitem(plots.CALENDAR_COLOURS, "make_up")  # as if DayKind grew a member
    monkeypatch.delitem(plots._LEGEND, "make_up")
    figure = plot_calendar(tthc.WorkingCalendar.vietnam(), 2026)
    labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert labels[-1] == "Ngày đặc biệt khác"
    assert close(day_pixel(figure, image(figure), dt.date(2026, 8, 22)), plots._OTHER)
