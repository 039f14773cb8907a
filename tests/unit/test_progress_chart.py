"""The progress chart's geometry: where each figure lands, the gaps, the axes and the labels."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re

import pytest

from interview_app.services.progress.job_progress import ProgressPoint
from interview_app.state.chart_geometry import (
    NARROW_LABELS,
    SERIES,
    WIDE_LABELS,
    Y_TICKS,
    chart_rows,
    label_indices,
    line_path,
    summary,
    x_position,
    y_position,
)


def _point(
    label: str = "Nov 25 14:03",
    *,
    score: int = 7,
    fillers: float | None = 2.5,
    star: float = 60,
    terms: float | None = 40,
) -> dict[str, object]:
    return dataclasses.asdict(
        ProgressPoint(
            label=label,
            overall_score=score,
            words_per_minute=130.0,
            fillers_per_100_words=fillers,
            key_term_coverage=terms,
            star_completeness=star,
        )
    )


def _runs(d: str) -> list[list[tuple[float, float]]]:
    """Split a path into its runs of (x, y) points: one per "M"."""
    return [
        [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", run)]
        for run in d.split("M")[1:]
    ]


def test_the_left_axis_maps_0_to_10_and_the_right_0_to_100_bottom_to_top() -> None:
    assert y_position(0, "left") == 100
    assert y_position(10, "left") == 0
    assert y_position(7, "left") == pytest.approx(30)
    assert y_position(0, "right") == 100
    assert y_position(100, "right") == 0
    assert y_position(40, "right") == pytest.approx(60)


def test_values_beyond_an_axis_are_clamped_to_its_edge() -> None:
    assert y_position(14.2, "left") == 0
    assert y_position(130, "right") == 0
    assert y_position(-3, "left") == 100


def test_points_spread_evenly_from_the_left_edge_to_the_right() -> None:
    assert [x_position(i, 5) for i in range(5)] == [0, 25, 50, 75, 100]
    assert x_position(0, 1) == 50


def test_the_ticks_put_both_axes_on_the_same_gridlines() -> None:
    assert [(t.y, t.left, t.right) for t in Y_TICKS] == [
        ("0%", "10", "100%"),
        ("20%", "8", "80%"),
        ("40%", "6", "60%"),
        ("60%", "4", "40%"),
        ("80%", "2", "20%"),
        ("100%", "0", "0%"),
    ]


def test_a_missing_value_breaks_the_line_instead_of_dropping_to_zero() -> None:
    d = line_path([2.0, 4.0, None, 6.0, 8.0, None, None, 5.0], "left")

    runs = _runs(d)
    assert len(runs) == 3
    xs = [[x for x, _ in run] for run in runs]
    # Rounded to hundredths of the plot: finer than a pixel at any width.
    assert xs == [
        [0, pytest.approx(100 / 7, abs=0.01)],
        [pytest.approx(300 / 7, abs=0.01), pytest.approx(400 / 7, abs=0.01)],
        [100],
    ]
    assert [y for run in runs for _, y in run] == [80, 60, 40, 20, 50]
    # A lone value between gaps is a run of its own (its marker shows it), never joined.
    assert d.endswith("M100,50")


def test_a_series_never_measured_has_no_line_and_no_markers() -> None:
    rows = chart_rows([_point(terms=None), _point(terms=None)])

    assert rows.lines["key_term_coverage"] == ""
    assert all(row["key_term_coverage_y"] == "" for row in rows.points)
    assert all(row["key_term_coverage_title"] == "" for row in rows.points)
    assert [row["key_term_coverage_figure"] for row in rows.points] == ["not measured"] * 2


def test_a_gap_in_fillers_leaves_that_point_without_a_marker_but_keeps_the_others() -> None:
    rows = chart_rows([_point(fillers=3), _point(fillers=None), _point(fillers=1)])

    assert [row["fillers_per_100_words_y"] for row in rows.points] == ["70%", "", "90%"]
    assert _runs(rows.lines["fillers_per_100_words"]) == [[(0, 70)], [(100, 90)]]
    # The other series go on through the gap.
    assert len(_runs(rows.lines["overall_score"])) == 1


def test_a_filler_rate_above_10_is_drawn_at_the_top_and_its_tooltip_says_so() -> None:
    rows = chart_rows([_point("Nov 25 14:03", fillers=14.25), _point("Nov 26 09:00", fillers=10)])

    first, second = rows.points
    assert first["fillers_per_100_words_y"] == "0%"
    assert first["fillers_per_100_words_title"] == (
        "Nov 25 14:03 · Fillers / 100 words 14.2 (above 10, drawn at the top)"
    )
    # Exactly 10 is on the axis: no note.
    assert second["fillers_per_100_words_title"] == "Nov 26 09:00 · Fillers / 100 words 10.0"
    assert _runs(rows.lines["fillers_per_100_words"]) == [[(0, 0), (100, 0)]]


def test_markers_carry_their_position_and_tooltip_on_each_axis() -> None:
    rows = chart_rows(
        [_point("Nov 24 10:00", score=4), _point("Nov 25 14:03", score=7, star=80, terms=35)]
    )

    newest = rows.points[1]
    assert newest["x"] == "100%"
    assert newest["overall_score_y"] == "30%"
    assert newest["overall_score_title"] == "Nov 25 14:03 · Overall score 7/10"
    assert newest["star_completeness_y"] == "20%"
    assert newest["star_completeness_title"] == "Nov 25 14:03 · STAR parts 80%"
    assert newest["key_term_coverage_y"] == "65%"
    assert newest["key_term_coverage_title"] == "Nov 25 14:03 · Key terms 35%"
    assert [newest[f"{s.key}_figure"] for s in SERIES] == ["7/10", "2.5", "80%", "35%"]


@pytest.mark.parametrize("count", range(1, 21))
def test_x_labels_are_thinned_evenly_and_always_label_the_newest(count: int) -> None:
    narrow, wide_only = label_indices(count)
    wide = sorted(narrow + wide_only)

    assert len(narrow) <= NARROW_LABELS
    assert len(wide) <= WIDE_LABELS
    assert narrow[-1] == count - 1
    assert not set(narrow) & set(wide_only)
    for labels in (narrow, wide):
        steps = {b - a for a, b in itertools.pairwise(labels)}
        assert len(steps) <= 1, f"uneven labels {labels}"
    # Few points are all labelled.
    if count <= NARROW_LABELS:
        assert narrow == list(range(count))
    if count <= WIDE_LABELS:
        assert wide == list(range(count))


def test_twenty_points_get_four_labels_on_a_phone_and_seven_on_a_desktop() -> None:
    points = [_point(f"Nov {day:02d} 14:03") for day in range(1, 21)]

    rows = chart_rows(points)

    assert [label["date"] for label in rows.x_labels] == ["Nov 02", "Nov 08", "Nov 14", "Nov 20"]
    assert [label["date"] for label in rows.x_labels_wide] == ["Nov 05", "Nov 11", "Nov 17"]
    assert rows.x_labels[-1] == {"x": "100%", "date": "Nov 20", "time": "14:03", "anchor": "end"}
    assert rows.x_labels[0]["anchor"] == "middle"


def test_the_summary_says_where_the_score_started_and_ended() -> None:
    points = [_point(score=s) for s in (4, 6, 3, 8, 7)]

    assert summary(points) == "Overall score from 4 to 7 out of 10 across 5 interviews"
    assert chart_rows(points).summary == summary(points)
    assert summary(points[:1]) == "Overall score 4 out of 10 in 1 interview"
    assert summary([_point(score=5), _point(score=9), _point(score=5)]) == (
        "Overall score 5 out of 10 in the first and the latest of 3 interviews"
    )
    assert summary([]) == "No scores to chart yet"


def test_the_rows_are_plain_strings_that_survive_json() -> None:
    rows = chart_rows([_point(fillers=None), _point(terms=None), _point()])

    as_dict = dataclasses.asdict(rows)
    assert json.loads(json.dumps(as_dict)) == as_dict
    for row in rows.points:
        assert all(isinstance(value, str) for value in row.values())
    assert set(rows.lines) == {series.key for series in SERIES}


def test_no_points_draw_nothing() -> None:
    rows = chart_rows([])

    assert rows.points == []
    assert rows.x_labels == rows.x_labels_wide == []
    assert all(d == "" for d in rows.lines.values())
