"""The job hub's progress chart: inline SVG drawn from rows the state laid out.

No chart library: `state.chart_geometry` computes every coordinate when the page loads, and
this draws them. The SVG is as wide as its card and a fixed height, with positions in
percent: text and markers keep their size at any width, and the lines stretch inside a
nested 100 x 100 viewBox with strokes that do not scale. Labels, names and the figures
themselves are HTML around it (legend, table), so they read and wrap like the page's text.
"""

from __future__ import annotations

import reflex as rx

from interview_app.state.chart_geometry import SERIES, Y_TICKS, Series
from interview_app.state.progress import ProgressState

# The plot's height in pixels; the axes' numbers and the x labels sit in the padding around.
PLOT_HEIGHT = 200
# Axis text: gray-11 passes axe's contrast check on the card in light and dark themes.
AXIS_TEXT = {"fill": "var(--gray-11)", "font_size": "12px"}
# Room for "10" on the left, "100%" on the right and a two-line x label below.
PLOT_PADDING = "10px 44px 40px 28px"
# Below 48em (Reflex's third breakpoint) only every other x label fits.
WIDE_ONLY = ["none", "none", "inline"]


def _axis_number(text: str, y: str, *, right: bool) -> rx.Component:
    return rx.el.svg.text(
        text,
        x="100%" if right else "0",
        y=y,
        dx="6" if right else "-6",
        text_anchor="start" if right else "end",
        dominant_baseline="middle",
        **AXIS_TEXT,
    )


def _gridlines() -> list[rx.Component]:
    # The ticks never change, so they are drawn once at compile time, not sent as state.
    parts: list[rx.Component] = []
    for tick in Y_TICKS:
        parts.append(
            rx.el.svg.line(
                x1="0",
                x2="100%",
                y1=tick.y,
                y2=tick.y,
                stroke="var(--gray-a6)",
                stroke_dasharray="3 3",
            )
        )
        parts.append(_axis_number(tick.left, tick.y, right=False))
        parts.append(_axis_number(tick.right, tick.y, right=True))
    return parts


def _x_label(label: rx.Var) -> rx.Component:
    return rx.el.svg.text(
        rx.el.svg.tspan(label["date"], x=label["x"], dy="1.3em"),
        rx.el.svg.tspan(label["time"], x=label["x"], dy="1.2em"),
        x=label["x"],
        y="100%",
        text_anchor=label["anchor"],
        **AXIS_TEXT,
    )


def _line(series: Series) -> rx.Component:
    return rx.el.svg.path(
        d=ProgressState.lines[series.key],
        fill="none",
        stroke=series.colour,
        stroke_width=series.stroke_width,
        stroke_linejoin="round",
        stroke_linecap="round",
        # The 100 x 100 plot is stretched to the card's width: keep the stroke even.
        vector_effect="non-scaling-stroke",
        data_testid="progress-line",
        custom_attrs={"data-series": series.key},
    )


def _markers(series: Series) -> rx.Component:
    def marker(point: rx.Var) -> rx.Component:
        return rx.cond(
            point[f"{series.key}_y"] != "",
            rx.el.svg.circle(
                rx.el.svg.title(point[f"{series.key}_title"]),
                cx=point["x"],
                cy=point[f"{series.key}_y"],
                r=4,
                fill=series.colour,
                # A ring in the card's colour keeps overlapping markers apart.
                stroke="var(--color-panel-solid)",
                stroke_width=1.5,
            ),
        )

    return rx.el.svg.g(rx.foreach(ProgressState.points, marker))


def _svg() -> rx.Component:
    return rx.box(
        rx.el.svg(
            *_gridlines(),
            rx.foreach(ProgressState.x_labels, _x_label),
            rx.el.svg.g(rx.foreach(ProgressState.x_labels_wide, _x_label), display=WIDE_ONLY),
            rx.el.svg(
                # The overall score is drawn last, on top: it is the line that matters most.
                *[_line(series) for series in reversed(SERIES)],
                view_box="0 0 100 100",
                preserve_aspect_ratio="none",
                width="100%",
                height="100%",
                overflow="visible",
            ),
            *[_markers(series) for series in reversed(SERIES)],
            role="img",
            aria_label=ProgressState.summary,
            width="100%",
            height=PLOT_HEIGHT,
            # Axis numbers, labels and edge markers sit in the box's padding, outside the plot.
            overflow="visible",
            display="block",
        ),
        padding=PLOT_PADDING,
        width="100%",
    )


def _legend() -> rx.Component:
    return rx.el.ul(
        *[
            rx.el.li(
                rx.box(
                    width="1.25em",
                    height=f"{series.stroke_width}px",
                    background=series.colour,
                    border_radius="2px",
                    aria_hidden="true",
                ),
                rx.text(series.name, as_="span", size="1"),
                display="flex",
                align_items="center",
                gap="0.4em",
            )
            for series in SERIES
        ],
        display="flex",
        flex_wrap="wrap",
        gap="0.4em 1.25em",
        list_style="none",
        margin="0",
        padding="0",
        data_testid="progress-legend",
    )


_CELL = {"padding": "0.3em 0.75em 0.3em 0", "text_align": "left", "white_space": "nowrap"}


def _table_row(point: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.th(point["label"], scope="row", font_weight="normal", **_CELL),
        *[rx.el.td(point[f"{series.key}_figure"], **_CELL) for series in SERIES],
        data_testid="progress-row",
    )


def _table() -> rx.Component:
    return rx.el.details(
        rx.el.summary("Show the figures", cursor="pointer"),
        rx.box(
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        rx.el.th("Interview", scope="col", **_CELL),
                        *[rx.el.th(series.name, scope="col", **_CELL) for series in SERIES],
                    )
                ),
                rx.el.tbody(rx.foreach(ProgressState.points, _table_row)),
                border_collapse="collapse",
                font_size="var(--font-size-1)",
            ),
            # A phone scrolls the five columns sideways inside this box, not the page; a
            # keyboard reaches it by Tab (axe: scrollable-region-focusable).
            overflow_x="auto",
            tab_index=0,
            role="region",
            aria_label="Figures of each interview",
            margin_top="0.5em",
        ),
        font_size="var(--font-size-2)",
        data_testid="progress-figures",
    )


def progress_chart() -> rx.Component:
    """Overall score and key metrics across the job's interviews, once there are two."""
    return rx.cond(
        ProgressState.show_chart,
        rx.card(
            rx.vstack(
                rx.heading("Your progress", size="4", as_="h2"),
                rx.text(
                    "Overall score (out of 10) and filler words per 100 words on the left "
                    "axis; STAR parts per answer and job key terms mentioned (%) on the right.",
                    size="1",
                    color_scheme="gray",
                ),
                _legend(),
                _svg(),
                _table(),
                spacing="3",
                width="100%",
            ),
            width="100%",
            data_testid="progress-chart",
        ),
    )
