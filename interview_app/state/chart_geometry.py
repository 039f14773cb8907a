"""The progress chart's geometry, computed once on the server: plain rows the SVG draws.

The job hub used to draw the chart with Recharts, which put about 107 kB of gzipped
JavaScript (measured with `benchmarks/bench_page_weight.py`) into the chunk the dashboard
and the hub share, and drew only after measuring the page. Here every coordinate is
worked out in Python when the page loads, and `components.progress_chart` draws it as
inline SVG with no chart library.

Coordinates are percentages of the plot, so the SVG can be 100% wide at any width with a
fixed height in pixels: circles stay round and text keeps its size, while the lines live in
a nested 100 x 100 viewBox that stretches (`preserveAspectRatio="none"` with
non-scaling strokes). Top is 0: a value at the top of its axis has y 0.

Pure functions and plain lists and dicts of strings only (no reflex): the state stores
them as they are, and they go to the browser as JSON. The module sits in `state/` (like
`transcript_rows`) rather than `components/` because the state computes the rows, and a
state may not import the layer above it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Left axis: overall score and filler words per 100 words, both 0 to 10.
LEFT_MAX = 10.0
# Right axis: percentages.
RIGHT_MAX = 100.0
# The left axis's ticks; the right axis's fall on the same gridlines (x 10).
LEFT_TICKS = (0, 2, 4, 6, 8, 10)
# Roughly how many x labels fit side by side: a label is about 45 px wide (a date over a
# time), so 4 on a 390 px phone and 8 on a desktop card.
NARROW_LABELS = 4
WIDE_LABELS = 8
NOT_MEASURED = "not measured"


@dataclass(frozen=True, slots=True)
class Series:
    """One line on the chart.

    Attributes:
        key: The point's field it draws (see `ProgressPoint`).
        name: The legend's and the table's name.
        axis: "left" (0 to 10) or "right" (0 to 100 %).
        colour: CSS colour of the line and its markers.
        stroke_width: The line's width in pixels.
    """

    key: str
    name: str
    axis: str
    colour: str
    stroke_width: int


SERIES: tuple[Series, ...] = (
    Series("overall_score", "Overall score", "left", "var(--accent-9)", 3),
    Series("fillers_per_100_words", "Fillers / 100 words", "left", "var(--amber-9)", 2),
    Series("star_completeness", "STAR parts %", "right", "var(--green-9)", 2),
    Series("key_term_coverage", "Key terms %", "right", "var(--cyan-9)", 2),
)


@dataclass(frozen=True, slots=True)
class YTick:
    """One gridline with its labels on both axes.

    Attributes:
        y: Its height as a percentage from the top ("20%").
        left: The left axis's label ("8").
        right: The right axis's label ("80%").
    """

    y: str
    left: str
    right: str


def _number(value: float) -> str:
    # Two decimals are finer than a pixel at any width; trailing zeros only cost bytes.
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def y_position(value: float, axis: str) -> float:
    """Map a value to its height on the plot, 0 at the top and 100 at the bottom.

    Args:
        value: The figure.
        axis: "left" (0 to 10) or "right" (0 to 100).

    Returns:
        The height in percent of the plot; values beyond the axis are clamped to its edge.
    """
    top = LEFT_MAX if axis == "left" else RIGHT_MAX
    share = min(max(value / top, 0.0), 1.0)
    return (1.0 - share) * 100.0


def x_position(index: int, count: int) -> float:
    """Return the horizontal position of the index-th of `count` points, in percent.

    Args:
        index: The point's index, oldest first.
        count: How many points there are.

    Returns:
        0 for the oldest, 100 for the newest, evenly spaced between (50 for a lone point).
    """
    if count <= 1:
        return 50.0
    return index * 100.0 / (count - 1)


Y_TICKS: tuple[YTick, ...] = tuple(
    YTick(
        y=f"{_number(y_position(tick, 'left'))}%",
        left=str(tick),
        right=f"{tick * 10}%",
    )
    for tick in reversed(LEFT_TICKS)
)


def line_path(values: Sequence[float | None], axis: str) -> str:
    """Return the SVG path of a series in the 100 x 100 plot, broken where a value is missing.

    Args:
        values: The series' values, oldest first; None where it was not measured.
        axis: "left" or "right".

    Returns:
        A path's `d`: one "M x,y L x,y ..." run per stretch of values, so a missing value
        leaves a gap rather than a drop to zero. Empty when no value is present.
    """
    runs: list[str] = []
    run: list[str] = []
    for index, value in enumerate(values):
        if value is None:
            if run:
                runs.append(" L".join(run))
            run = []
            continue
        x = _number(x_position(index, len(values)))
        y = _number(y_position(value, axis))
        run.append(f"{'M' if not run else ''}{x},{y}")
    if run:
        runs.append(" L".join(run))
    return " ".join(runs)


def figure(series: Series, value: float | None) -> str:
    """Format a value as the tooltip and the table show it.

    Args:
        series: Its series.
        value: The figure; None when not measured.

    Returns:
        E.g. "7/10", "3.2", "80%", or "not measured".
    """
    if value is None:
        return NOT_MEASURED
    if series.key == "overall_score":
        return f"{value:g}/10"
    if series.axis == "right":
        return f"{value:.0f}%"
    return f"{value:.1f}"


def tooltip(label: str, series: Series, value: float) -> str:
    """Return the hover text of one marker.

    Args:
        label: When the interview was held ("Nov 25 14:03").
        series: Its series.
        value: The figure (present).

    Returns:
        E.g. "Nov 25 14:03 · Overall score 7/10"; a filler rate above the axis says that it
        is drawn at the top edge.
    """
    name = series.name.removesuffix(" %")
    text = f"{label} · {name} {figure(series, value)}"
    top = LEFT_MAX if series.axis == "left" else RIGHT_MAX
    if value > top:
        text += f" (above {top:g}, drawn at the top)"
    return text


def _every(count: int, step: int) -> list[int]:
    # Counted back from the newest point, which is always labelled: it is the one a
    # candidate looks for.
    return sorted(range(count - 1, -1, -step))


def label_indices(count: int) -> tuple[list[int], list[int]]:
    """Choose which points get an x label, so that labels never overlap.

    Args:
        count: How many points there are.

    Returns:
        The indices labelled at every width (at most `NARROW_LABELS`) and those labelled
        besides when the chart is wide (together at most `WIDE_LABELS`), oldest first. Both
        are evenly spaced back from the newest point; the narrow step is a multiple of the
        wide one, so the wide chart's labels are the narrow ones with more in between.
    """
    if count <= 0:
        return [], []
    wide_step = math.ceil(count / WIDE_LABELS)
    narrow_step = wide_step * math.ceil(math.ceil(count / NARROW_LABELS) / wide_step)
    narrow = _every(count, narrow_step)
    return narrow, [i for i in _every(count, wide_step) if i not in narrow]


def _split_label(label: str) -> tuple[str, str]:
    # "Nov 25 14:03" on two lines (date over time) is half as wide as on one.
    date, _, time = label.rpartition(" ")
    return (date, time) if date else (label, "")


def summary(points: Sequence[Mapping[str, object]]) -> str:
    """Say in words what the chart shows, for its aria-label.

    Args:
        points: The chart's points, oldest first.

    Returns:
        E.g. "Overall score from 4 to 7 out of 10 across 5 interviews".
    """
    scores = [s for s in (_value(p, "overall_score") for p in points) if s is not None]
    if not scores:
        return "No scores to chart yet"
    first, last, count = _number(scores[0]), _number(scores[-1]), len(points)
    if count == 1:
        return f"Overall score {last} out of 10 in 1 interview"
    if first == last:
        return f"Overall score {last} out of 10 in the first and the latest of {count} interviews"
    return f"Overall score from {first} to {last} out of 10 across {count} interviews"


@dataclass(slots=True)
class ChartRows:
    """What the chart draws, as JSON-ready rows.

    Attributes:
        points: One row per interview, oldest first: "label", "x" (percent), and per series
            key `k`: "k_y" (percent, "" when not measured), "k_title" (the marker's
            tooltip) and "k_figure" (the table's cell).
        lines: Per series key, the path `d` in the 100 x 100 plot ("" when none).
        x_labels: The labels shown at every width: "x", "date", "time", "anchor".
        x_labels_wide: The labels shown besides those when the chart is wide.
        summary: The aria-label's words.
    """

    points: list[dict[str, str]] = field(default_factory=list)
    lines: dict[str, str] = field(default_factory=dict)
    x_labels: list[dict[str, str]] = field(default_factory=list)
    x_labels_wide: list[dict[str, str]] = field(default_factory=list)
    summary: str = ""


def _value(point: Mapping[str, object], key: str) -> float | None:
    value = point.get(key)
    return None if value is None else float(value)  # type: ignore[arg-type]


def _x_label(point: Mapping[str, object], x: float) -> dict[str, str]:
    date, time = _split_label(str(point["label"]))
    # The outermost labels lean inwards, so they do not run into the axes' numbers.
    anchor = "start" if x <= 0 else "end" if x >= 100 else "middle"
    return {"x": f"{_number(x)}%", "date": date, "time": time, "anchor": anchor}


def chart_rows(points: Sequence[Mapping[str, object]]) -> ChartRows:
    """Compute everything the progress chart draws from its points.

    Args:
        points: Up to 20 points as dicts with `ProgressPoint`'s fields, oldest first.

    Returns:
        The rows, strings only.
    """
    count = len(points)
    rows: list[dict[str, str]] = []
    for index, point in enumerate(points):
        label = str(point["label"])
        row = {"label": label, "x": f"{_number(x_position(index, count))}%"}
        for series in SERIES:
            value = _value(point, series.key)
            row[f"{series.key}_figure"] = figure(series, value)
            if value is None:
                # No marker and no tooltip: the component draws a marker where y is set.
                row[f"{series.key}_y"] = row[f"{series.key}_title"] = ""
                continue
            row[f"{series.key}_y"] = f"{_number(y_position(value, series.axis))}%"
            row[f"{series.key}_title"] = tooltip(label, series, value)
        rows.append(row)
    lines = {
        series.key: line_path([_value(point, series.key) for point in points], series.axis)
        for series in SERIES
    }
    narrow, wide_only = label_indices(count)
    return ChartRows(
        points=rows,
        lines=lines,
        x_labels=[_x_label(points[i], x_position(i, count)) for i in narrow],
        x_labels_wide=[_x_label(points[i], x_position(i, count)) for i in wide_only],
        summary=summary(points),
    )
