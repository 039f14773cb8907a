"""The Reflex app: pages, their loaders, and the HTTP routes in front of them."""

from __future__ import annotations

import logging

import reflex as rx

from interview_app import log_redaction, routes
from interview_app.components.layout import APP_NAME, page_placeholder
from interview_app.db import migrate
from interview_app.pages.account import account_page
from interview_app.pages.auth import sign_in_page, sign_up_page
from interview_app.pages.interviews import interview_page, interviews_page, upgrade_page
from interview_app.pages.job_infos import (
    dashboard_page,
    edit_job_info_page,
    job_info_hub_page,
    new_job_info_page,
)
from interview_app.pages.landing import landing_page
from interview_app.pages.new_interview import new_interview_page
from interview_app.pages.not_found import not_found_page
from interview_app.pages.resumes import resumes_page
from interview_app.server import finish_running_events
from interview_app.state.account import AccountState
from interview_app.state.auth import AuthFormState
from interview_app.state.interview_page import InterviewPageState
from interview_app.state.interviews import InterviewState
from interview_app.state.job_infos import JobInfoState
from interview_app.state.page_data import PageDataMiddleware
from interview_app.state.practice import PracticeState
from interview_app.state.progress import ProgressState
from interview_app.state.resumes import ResumeState
from interview_app.state.session import SessionState
from interview_app.web import build_http_app
from interview_app.work_sweeper import resume_abandoned_work_periodically

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
# Before anything logs: an event Reflex cannot dispatch is logged whole, cookies included.
log_redaction.install()

# Every entry point brings the database to the current schema before anything else.
migrate()

app = rx.App(
    api_transformer=build_http_app(),
    html_lang="en",
    stylesheets=["/app.css"],
    # Pages with an id in their path show the top bar and a spinner from their first paint.
    hydrate_fallback=page_placeholder,
    head_components=[
        rx.el.link(rel="icon", href="/favicon.ico", sizes="32x32"),
        rx.el.link(rel="icon", href="/icon.svg", type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
        rx.el.link(rel="manifest", href="/manifest.webmanifest"),
        rx.el.meta(name="theme-color", content="#3e63dd"),
    ],
)
app.register_lifespan_task(finish_running_events)
app.register_lifespan_task(resume_abandoned_work_periodically)
# A full page load gets the data of that page only (state/page_data.py).
app.add_middleware(PageDataMiddleware())


def _title(screen: str) -> str:
    return f"{screen} · {APP_NAME}"


app.add_page(landing_page, route=routes.LANDING, title=APP_NAME, on_load=SessionState.load_user)
app.add_page(
    sign_in_page,
    route=routes.SIGN_IN,
    title=_title("Sign in"),
    on_load=AuthFormState.open_form,
)
app.add_page(
    sign_up_page,
    route=routes.SIGN_UP,
    title=_title("Create account"),
    on_load=AuthFormState.open_form,
)
app.add_page(
    dashboard_page,
    route=routes.DASHBOARD,
    title=_title("Your job infos"),
    on_load=JobInfoState.load_dashboard,
)
app.add_page(
    new_job_info_page,
    route=routes.NEW_JOB_INFO,
    title=_title("New job info"),
    on_load=JobInfoState.load_new_form,
)
app.add_page(
    job_info_hub_page,
    route=routes.JOB_INFO,
    title=_title("Job info"),
    on_load=[JobInfoState.load_job_info, ProgressState.load_progress],
)
app.add_page(
    edit_job_info_page,
    route=routes.EDIT_JOB_INFO,
    title=_title("Edit job info"),
    on_load=JobInfoState.load_job_info,
)
app.add_page(
    interviews_page,
    route=routes.INTERVIEWS,
    title=_title("Interviews"),
    on_load=InterviewState.load_list,
)
app.add_page(
    new_interview_page,
    route=routes.NEW_INTERVIEW,
    title=_title("New interview"),
    on_load=[InterviewState.load_new, PracticeState.load_unfinished],
)
app.add_page(
    interview_page,
    route=routes.INTERVIEW,
    title=_title("Interview"),
    on_load=InterviewPageState.load_page,
)
app.add_page(
    upgrade_page,
    route=routes.UPGRADE,
    title=_title("Upgrade"),
    on_load=InterviewState.load_upgrade,
)
app.add_page(
    account_page,
    route=routes.ACCOUNT,
    title=_title("Your data"),
    on_load=AccountState.load_account,
)
app.add_page(
    resumes_page,
    route=routes.RESUMES,
    title=_title("Résumés"),
    on_load=ResumeState.load_page,
)
app.add_page(
    not_found_page,
    route=routes.NOT_FOUND,
    title=_title("Page not found"),
    on_load=SessionState.load_user,
)
