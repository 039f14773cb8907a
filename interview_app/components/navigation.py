"""Where you are and how to get back: breadcrumbs, link buttons, not-found blocks."""

from __future__ import annotations

import reflex as rx

from interview_app import routes

# One crumb: its label and, except for the current page, where it leads.
Crumb = tuple[str | rx.Var, str | rx.Var | None]


def _crumb(label: str | rx.Var, href: str | rx.Var | None) -> rx.Component:
    if href is None:
        return rx.text(
            label,
            as_="span",
            size="2",
            weight="medium",
            aria_current="page",
            data_testid="breadcrumb-current",
        )
    return rx.link(label, href=href, size="2")


def breadcrumbs(*crumbs: Crumb) -> rx.Component:
    """The trail from the app's start page to this one (WAI-ARIA breadcrumb pattern).

    Args:
        *crumbs: `(label, href)` pairs from the top down; the last one is the current page
            and has no href.

    Returns:
        A `nav` landmark with the trail as a list; the crumbs flow like text, so a long
        label wraps and the separator stays beside it.
    """
    separator = rx.icon(
        "chevron-right",
        size=14,
        aria_hidden="true",
        display="inline",
        vertical_align="middle",
        margin_x="0.3em",
        color="var(--gray-10)",
    )
    items = [
        rx.el.li(
            _crumb(label, None if position == len(crumbs) - 1 else href),
            *([] if position == len(crumbs) - 1 else [separator]),
            display="inline",
        )
        for position, (label, href) in enumerate(crumbs)
    ]
    return rx.el.nav(
        rx.el.ol(*items, list_style="none", margin="0", padding="0", line_height="1.6"),
        aria_label="Breadcrumb",
        data_testid="breadcrumbs",
        width="100%",
    )


def job_info_crumbs(
    job_info_id: str | rx.Var, job_info_name: str | rx.Var, *more: Crumb
) -> rx.Component:
    """Breadcrumbs for a page under one job info: Job infos > its name > `more`.

    Args:
        job_info_id: The job info's id.
        job_info_name: Its name.
        *more: Crumbs below the job info; without them the job info is the current page.

    Returns:
        The breadcrumbs.
    """
    return breadcrumbs(
        ("Job infos", routes.DASHBOARD),
        (job_info_name, routes.job_info_url(job_info_id)),
        *more,
    )


def link_button(
    *children: rx.Component | str | rx.Var, href: str | rx.Var, **button_props: object
) -> rx.Component:
    """A link that looks like a button: one element, one tab stop, in-app navigation.

    Args:
        *children: The button's content.
        href: Where it leads.
        **button_props: Radix button props (variant, size, color_scheme, data_testid, ...).

    Returns:
        An `a` element styled as a button.
    """
    return rx.button(
        rx.link(*children, href=href, underline="none"),
        as_child=True,
        **button_props,
    )


def not_found_notice(
    message: str | rx.Var = "This job info does not exist.",
    back_href: str | rx.Var = routes.DASHBOARD,
    back_label: str = "Back to your job infos",
) -> rx.Component:
    """What a user sees for a missing record (or someone else's), with a way back.

    Args:
        message: What could not be found.
        back_href: Where the way back leads.
        back_label: The label of the way back.

    Returns:
        A card with a heading, the message and a link back.
    """
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("search-x", size=24, aria_hidden="true"),
                rx.heading("Not found", size="6", as_="h1"),
                align="center",
            ),
            rx.text(message, color_scheme="gray"),
            link_button(
                rx.icon("arrow-left", size=16, aria_hidden="true"),
                back_label,
                href=back_href,
                data_testid="not-found-back",
            ),
            spacing="4",
        ),
        width="100%",
        size="3",
        data_testid="not-found",
    )
