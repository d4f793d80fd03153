"""Tests of tthc.report: Biểu II.06a and the service-index rates."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, TypedDict

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
import tthc.strategies
from tthc import Catalog, Channel, Dossier, Report, ReportRow, Schedule

VN = "Asia/Ho_Chi_Minh"
SCHED = Schedule.vietnam()
CIVIL = Catalog.bundled()["1.004873"]  # Hộ tịch, 3 working days
COPY = Catalog.bundled()["2.000815"]  # Chứng thực, same day


class Period(TypedDict):
    start: dt.date
    end: dt.date


Q4: Period = {"start": dt.date(2026, 10, 1), "end": dt.date(2026, 12, 31)}
AFTER_Q4 = pendulum.datetime(2027, 1, 1, tz="Asia/Ho_Chi_Minh")  # the period is over


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=VN)


def recv(when: pendulum.DateTime, procedure: Any = CIVIL, channel: Any = Channel.ONLINE) -> Dossier:
    return Dossier.receive(procedure, received_at=when, channel=channel, schedule=SCHED)


def sample() -> list[Dossier]:
    return [
        recv(at(2026, 10, 5, 9)).resolve(at(2026, 10, 6, 9)),  # early
        recv(at(2026, 10, 5, 9), channel=Channel.IN_PERSON).resolve(at(2026, 10, 8, 16)),  # on time
        recv(at(2026, 10, 5, 9), channel=Channel.POSTAL).resolve(at(2026, 10, 9, 9)),  # late
        recv(at(2026, 9, 29, 9)).resolve(at(2026, 10, 1, 9)),  # carried over, early
        recv(at(2026, 9, 1, 9)).resolve(at(2026, 9, 2, 9)),  # finished before: not counted
        recv(at(2026, 12, 29, 9)),  # in progress, within
        recv(at(2026, 12, 1, 9)),  # in progress, overdue
        recv(at(2026, 11, 2, 9)).withdraw(at(2026, 11, 3, 9), "x").stop(at(2026, 11, 3, 10), "y"),
        recv(at(2026, 11, 2, 9)).stop(at(2026, 11, 3, 10), "no competence found late"),
        Dossier.submit(
            CIVIL, submitted_at=at(2026, 11, 2, 9), channel=1, schedule=SCHED
        ).not_receive(at(2026, 11, 2, 9, 5), "thiếu giấy tờ"),
        Dossier.submit(CIVIL, submitted_at=at(2026, 11, 2, 9), channel=1, schedule=SCHED).refuse(
            at(2026, 11, 2, 9, 5), "không thuộc thẩm quyền"
        ),
        recv(at(2026, 10, 12, 9), COPY).resolve(at(2026, 10, 12, 16)),  # Chứng thực, on time
        recv(at(2027, 1, 4, 9)),  # after the period: ignored
    ]


def test_every_column_on_a_known_sample() -> None:
    report = Report.build(sample(), **Q4, as_of=AFTER_Q4)
    civil = next(r for r in report.rows if r.group == "Hộ tịch")
    assert (civil.received_new, civil.received_online, civil.received_offline) == (7, 5, 2)
    assert civil.carried_over == 1
    assert civil.received == 8
    assert (civil.resolved, civil.early, civil.on_time, civil.late) == (4, 2, 1, 1)
    assert (civil.in_progress, civil.in_progress_within, civil.in_progress_overdue) == (2, 1, 1)
    assert (civil.withdrawn, civil.stopped) == (1, 1)
    assert (civil.not_received, civil.refused) == (1, 1)
    assert civil.on_time_rate == 75.0
    assert civil.online_rate == round(5 / 7 * 100, 2)
    assert civil.progress_rate == round(4 / 6 * 100, 2)
    total = report.total
    assert total.resolved == 5
    assert total.on_time == 2
    assert (report.dossiers, report.dossiers_given) == (11, 13)  # two fall outside Q4
    assert [r.group for r in report.rows] == ["Chứng thực", "Hộ tịch"]


def test_withdrawn_and_stopped_are_never_on_time() -> None:
    report = Report.build(sample(), **Q4, as_of=AFTER_Q4, by=None)
    row = report.rows[0]
    assert row.resolved == row.early + row.on_time + row.late
    assert row.withdrawn + row.stopped == 2


def test_as_of_judges_in_progress_at_an_earlier_instant() -> None:
    d = recv(at(2026, 12, 1, 9)).resolve(at(2026, 12, 20, 9))  # resolved after as_of
    mid = Report.build([d], **Q4, as_of=at(2026, 12, 3, 9))
    assert mid.total.in_progress_within == 1
    later = Report.build([d], **Q4, as_of=at(2026, 12, 10, 9))
    assert later.total.in_progress_overdue == 1
    assert later.total.resolved == 0
    assert later.as_of == at(2026, 12, 10, 9)
    full = Report.build([d], **Q4, as_of=AFTER_Q4)
    assert full.total.late == 1
    assert full.as_of == at(2027, 1, 1).subtract(microseconds=1)  # the end, inclusive


def test_period_bounds_are_inclusive_local_dates() -> None:
    first = recv(at(2026, 10, 1, 0, 5))
    last = recv(at(2026, 12, 31, 23, 50))
    utc_before = Dossier.receive(
        CIVIL,
        received_at=dt.datetime(2026, 9, 30, 16, 30, tzinfo=dt.UTC),  # 23:30 VN
        channel=1,
        schedule=SCHED,
    )
    report = Report.build([first, last, utc_before], **Q4, as_of=AFTER_Q4)
    assert report.total.received_new == 2
    assert report.total.carried_over == 1


def test_grouping_by_office_procedure_or_none() -> None:
    by_procedure = Report.build(sample(), **Q4, as_of=AFTER_Q4, by="procedure")
    assert {r.group.split()[0] for r in by_procedure.rows} == {"1.004873", "2.000815"}
    assert len(Report.build(sample(), **Q4, as_of=AFTER_Q4, by="office").rows) == 1
    assert len(Report.build(sample(), **Q4, as_of=AFTER_Q4, by=None).rows) == 1
    with pytest.raises(tthc.InputTypeError):
        Report.build(sample(), **Q4, as_of=AFTER_Q4, by="province")


def test_outputs() -> None:
    report = Report.build(sample(), **Q4, as_of=AFTER_Q4)
    text = report.to_text()
    assert "BIỂU II.06a" in text
    assert "Tổng cộng" in text
    assert "Đã giải quyết" in text
    assert "Period bounds inclusive" in report.to_text("en")
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert rows[-1]["group"] == "Tổng cộng"
    assert rows[-1]["resolved"] == "5"
    data = report.to_dict()
    assert data["form"] == "Biểu II.06a"
    assert data["total"]["on_time_rate"] == report.total.on_time_rate
    widths = {len(line) for line in text.splitlines()[2:9]}
    assert len(widths) <= 2  # aligned


def test_bad_arguments() -> None:
    with pytest.raises(tthc.InputTypeError):
        Report.build([], start=dt.date(2026, 12, 31), end=dt.date(2026, 1, 1))
    with pytest.raises(tthc.DatetimeGivenError):
        Report.build([], start=dt.datetime(2026, 1, 1), end=dt.date(2026, 2, 1))
    with pytest.raises(tthc.InputTypeError):
        Report.build(["dossier"], **Q4, as_of=AFTER_Q4)  # type: ignore[list-item]
    with pytest.raises(tthc.InputTypeError):
        Report.build([], **Q4, as_of=AFTER_Q4).to_text("fr")
    with pytest.raises(tthc.NaiveDatetimeError):
        Report.build([], **Q4, as_of=dt.datetime(2026, 11, 1, 9))


def test_empty_rates_are_none() -> None:
    row = ReportRow("x")
    assert (row.on_time_rate, row.online_rate, row.progress_rate) == (None, None, None)


@settings(max_examples=20)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["field", "procedure", None]))
def test_totals_add_up_and_every_dossier_lands_somewhere(seed: int, by: str | None) -> None:
    dossiers = tthc.simulate(
        start=dt.date(2026, 9, 1), end=dt.date(2026, 11, 30), seed=seed, per_day=3
    )
    report = Report.build(dossiers, start=dt.date(2026, 10, 1), end=dt.date(2026, 11, 15), by=by)
    total = report.total
    for name in ("received_new", "resolved", "in_progress", "late"):
        assert getattr(total, name) == sum(getattr(r, name) for r in report.rows)
    assert total.received_new == total.received_online + total.received_offline
    assert total.resolved == total.early + total.on_time + total.late
    assert total.in_progress == total.in_progress_within + total.in_progress_overdue
    # What was to be resolved either was, left, or is still open.
    assert total.received == total.resolved + total.in_progress + total.withdrawn + total.stopped


# -- as_of default, errors="collect", the footer -------------------------------------------


def test_as_of_defaults_to_the_earlier_of_now_and_the_period_end() -> None:
    past = Report.build([], start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31))
    assert past.as_of_basis == "period_end"
    assert past.as_of == at(2026, 1, 31, 23, 59).add(seconds=59, microseconds=999_999)
    future = Report.build([], start=dt.date(2050, 1, 1), end=dt.date(2050, 1, 31))
    assert future.as_of_basis == "now"
    assert future.as_of <= pendulum.now()
    assert "(lúc lập báo cáo)" in future.to_text()
    assert "(end of the period)" in past.to_text("en")
    given = Report.build([], start=dt.date(2050, 1, 1), end=dt.date(2050, 1, 31), as_of=AFTER_Q4)
    assert given.as_of_basis == "given"


def test_a_dossier_due_tomorrow_is_not_overdue_today() -> None:
    d = recv(at(2026, 11, 25, 9))  # due 30/11 would be 'overdue' if judged at the end of November
    report = Report.build(
        [d], start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), as_of=at(2026, 11, 27, 9)
    )
    assert report.total.in_progress_within == 1


def test_errors_collect_reports_the_good_and_lists_the_bad() -> None:
    good = recv(at(2026, 10, 5, 9))
    far = tthc.WorkingCalendar.vietnam(start_year=2020, end_year=2026)
    bad = (
        Dossier.receive(
            CIVIL,
            received_at=at(2026, 12, 21, 9),
            channel=1,
            schedule=Schedule.vietnam(far),
            code="H12-BAD",
        )
        .request_supplement(at(2026, 12, 22, 9), "Thiếu giấy tờ")
        .supplement(at(2026, 12, 30, 9))
    )  # the pause pushes its due past its calendar's end
    with pytest.raises(tthc.BadDossiersError) as info:
        Report.build([good, bad], **Q4, as_of=AFTER_Q4)
    assert "H12-BAD" in str(info.value)
    assert info.value.problems[0].index == 1
    assert isinstance(info.value.__cause__, tthc.OutOfRangeError)
    assert isinstance(info.value, ValueError)
    report = Report.build([good, bad], **Q4, as_of=AFTER_Q4, errors="collect")
    assert report.total.received == 1
    assert [(p.index, p.code) for p in report.problems] == [(1, "H12-BAD")]
    assert report.to_dict()["problems"][0]["code"] == "H12-BAD"
    assert "1 hồ sơ không tính được" in " ".join(report.to_text().split())
    with pytest.raises(tthc.InputTypeError):
        Report.build([], **Q4, errors="ignore")


def test_footer_counts_the_dossiers_reported() -> None:
    outside = recv(at(2026, 3, 2, 9)).resolve(at(2026, 3, 3, 9))
    inside = recv(at(2026, 10, 5, 9))
    report = Report.build([outside, inside], **Q4, as_of=AFTER_Q4)
    assert (report.dossiers, report.dossiers_given) == (1, 2)
    assert "1 hồ sơ được báo cáo (trên 2 hồ sơ đã cho)" in " ".join(report.to_text().split())
    assert "1 dossier reported (of 2 given)" in " ".join(report.to_text("en").split())


def test_ungrouped_text_has_one_totals_line() -> None:
    report = Report.build(sample(), **Q4, as_of=AFTER_Q4, by=None)
    text = report.to_text()
    assert "Tất cả" not in text
    assert text.count("Tổng cộng") == 1


@settings(max_examples=25)
@given(
    st.lists(tthc.strategies.dossiers(), max_size=8),
    st.lists(st.integers(0, 3), min_size=8, max_size=8),
    st.sampled_from(["field", "office", "procedure", None]),
)
def test_partial_reports_of_a_partition_merge_into_the_union(
    dossiers: list[Dossier], parts: list[int], by: str | None
) -> None:
    period = {"start": dt.date(2025, 6, 1), "end": dt.date(2026, 12, 31), "by": by}
    as_of = at(2026, 6, 30, 12)
    chunks: list[list[Dossier]] = [[], [], [], []]
    for dossier, part in zip(dossiers, parts, strict=False):
        chunks[part].append(dossier)
    partial = [Report.build(c, as_of=as_of, rows_read=len(c), **period) for c in chunks]  # type: ignore[arg-type]
    whole = Report.build(dossiers, as_of=as_of, rows_read=len(dossiers), **period)  # type: ignore[arg-type]
    assert Report.merge(partial) == whole
    assert partial[0] + partial[1] + partial[2] + partial[3] == whole
    for row in whole.rows:
        same = [r for p in partial for r in p.rows if r.group == row.group]
        total = same[0]
        for other in same[1:]:
            total = total + other
        assert total == row


def test_merge_refuses_reports_that_do_not_add_up() -> None:
    q4 = Report.build([], **Q4)
    with pytest.raises(tthc.ReportMismatchError) as info:
        Report.merge([])
    assert info.value.value == []
    with pytest.raises(tthc.ReportMismatchError, match="different periods"):
        Report.merge([q4, Report.build([], start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))])
    with pytest.raises(tthc.ReportMismatchError):
        _ = q4 + Report.build([], by="office", **Q4)
    with pytest.raises(tthc.ReportMismatchError):
        _ = q4 + Report.build([], as_of=at(2026, 11, 1), **Q4)
    with pytest.raises(ValueError, match="different groups"):
        _ = ReportRow("a") + ReportRow("b")
    with pytest.raises(tthc.InputTypeError):
        Report.merge([q4, "report"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        _ = q4 + 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = ReportRow("a") + 1  # type: ignore[operator]
    assert Report.merge([q4, Report.build([], rows_read=3, **Q4)]).rows_read == 3


def test_the_terminal_table_fits_120_columns_and_the_wide_one_keeps_full_names() -> None:
    from tthc.simulate import simulate

    start, end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    report = tthc.Report.build(simulate(start=start, end=end, seed=7), start=start, end=end)
    for language in ("vi", "en"):
        narrow = report.to_text(language)
        assert max(len(line) for line in narrow.splitlines()) <= 120
        assert narrow.count("\n") > 8
    wide = report.to_text(wide=True)
    assert max(len(line) for line in wide.splitlines()) > 120
    assert "Thành lập và hoạt động của hộ kinh doanh" in wide
    assert "Thành lập và hoạt động của hộ kinh doanh" not in report.to_text()
    assert "…" in report.to_text()
    # the numbers are the same in both layouts
    total = report.to_text().splitlines()
    assert any(
        line.startswith("Tổng cộng") and str(report.total.received) in line for line in total
    )
    narrower = report.to_text(width=110)  # the group names give way first
    assert max(len(line) for line in narrower.splitlines()) <= 110


@settings(max_examples=8, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1), by=st.sampled_from(tthc.report.GROUPINGS)
)
def test_every_report_fits_the_terminal(seed: int, by: str | None) -> None:
    from tthc.simulate import simulate

    start, end = dt.date(2026, 2, 2), dt.date(2026, 2, 13)
    report = tthc.Report.build(
        simulate(start=start, end=end, seed=seed), start=start, end=end, by=by
    )
    text = report.to_text()
    assert max(len(line) for line in text.splitlines()) <= 120
    totals = next(line for line in text.splitlines() if line.startswith("Tổng cộng"))
    assert totals.split()[2:5] == [
        str(report.total.received),
        str(report.total.received_online),
        str(report.total.received_offline),
    ]


def test_outcomes_and_overdue_are_judged_on_the_legal_end_of_the_limit() -> None:
    # 03 working days from Monday 05/10/2026 09:00: appointment Thursday 08/10
    # 17:00, legal end 24:00 that Thursday (Civil Code 2015, Art. 148).
    evening = recv(at(2026, 10, 5, 9)).resolve(at(2026, 10, 8, 20))  # an online e-result
    next_day = recv(at(2026, 10, 5, 9)).resolve(at(2026, 10, 9, 0, 1))
    open_ = recv(at(2026, 10, 5, 9))
    report = Report.build(
        [evening, next_day, open_],
        start=dt.date(2026, 10, 1),
        end=dt.date(2026, 10, 31),
        as_of=at(2026, 10, 8, 21),
    )
    # As of Thursday 21:00 the open dossier is still within its limit.
    assert (report.total.on_time, report.total.late) == (1, 0)
    assert (report.total.in_progress_within, report.total.in_progress_overdue) == (2, 0)
    later = Report.build(
        [evening, next_day, open_], start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31)
    )
    assert (later.total.on_time, later.total.late, later.total.in_progress_overdue) == (1, 1, 1)


def test_without_a_registered_adapter_to_xlsx_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tthc.report

    monkeypatch.setattr(tthc.report, "entry_points", lambda **_: [])
    report = tthc.Report.build([], start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
    with pytest.raises(tthc.MissingDependencyError) as info:
        report.to_xlsx("never-written.xlsx")
    assert info.value.extra == "excel"
    assert info.value.value == "xlsx"
    with pytest.raises(tthc.MissingDependencyError, match=r"tthc\[plot\]"):
        report.plot()
