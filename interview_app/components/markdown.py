"""Markdown as feedback needs it: headings, lists, emphasis, quotes and tables, nothing more.

Reflex's markdown brings KaTeX (maths, with its fonts and stylesheet) and Prism (syntax
highlighting of code blocks) into the page's bundle by default. Feedback and reviews hold
neither formulas nor code, so they render without both, and the interview page loads
that much less. Raw HTML is off too: feedback quotes the model and the candidate, and a job
description pasted from a third party could prompt the model into markup.
"""

from __future__ import annotations

import reflex as rx


def _plain_code_block(value: object, **_props: object) -> rx.Component:
    # A fenced block (rare in feedback) shows as preformatted text, without highlighting.
    return rx.el.pre(rx.el.code(value), white_space="pre-wrap", margin_y="1em")


def feedback_markdown(text: rx.Var[str] | str) -> rx.Component:
    """Render feedback markdown without maths, syntax highlighting or raw HTML.

    Args:
        text: The markdown.

    Returns:
        The rendered markdown.
    """
    return rx.markdown(
        text,
        use_raw=False,
        use_math=False,
        use_katex=False,
        component_map={"pre": _plain_code_block},
    )
