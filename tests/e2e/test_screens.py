"""Every screen, signed out and signed in with data, on a phone and a desktop, light and dark.

The routes come from `interview_app.routes`, so a page added there is swept here too: no
sideways scrolling, a header on one line, no button whose label spills out, no serious or
critical axe-core violation, a title per screen, and breadcrumbs on every page under /app.
A failing check leaves a screenshot in `test-artifacts/screens/`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from interview_app import routes
from interview_app.components.layout import APP_NAME
from interview_app.services.accounts.users import set_plan
from interview_app.services.interviews.lifecycle import create_interview, update_interview
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript
from tests.e2e.conftest import RunningApp, fill_job_info, path_pattern, sign_up

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
# A URL with nothing to break at: it must wrap inside its card, not widen the page.
UNBROKEN = "https://jobs.example.com/" + "engineering-platform-team-backend-role" * 5
LONG_NAME = "Platform team at Supercalifragilisticexpialidocious Incorporated"
VIEWPORTS = {
    "phone-light": ({"width": 390, "height": 844}, "light"),
    "desktop-light": ({"width": 1280, "height": 800}, "light"),
    # Contrast is what changes in dark mode, and it does not depend on the width.
    "desktop-dark": ({"width": 1280, "height": 800}, "dark"),
}
# HTTP routes in front of Reflex (sign-in, the call and transcript API), not pages.
HTTP_ROUTE_PREFIXES = ("/auth/", "/api/")
_axe = Axe()


def page_routes() -> list[str]:
    """Every page route that `routes.py` names, dynamic segments left as `[name]`."""
    return sorted(
        {
            value
            for name, value in vars(routes).items()
            if name.isupper()
            and isinstance(value, str)
            and value.startswith("/")
            and not value.startswith(HTTP_ROUTE_PREFIXES)
        }
    )


@dataclass
class Account:
    """A signed-in user with a job info and a completed interview."""

    cookies: list
    job_info_id: str
    interview_id: str

    def fill(self, route: str) -> str:
        """Put this account's ids into a route's dynamic segments."""
        values = {"job_info_id": self.job_info_id, "interview_id": self.interview_id}

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            assert name in values, f"test_screens.py needs a value for [{name}] in {route}"
            return values[name]

        return re.sub(r"\[(\w+)\]", value, route)


@pytest.fixture(scope="module")
def account(browser: Browser, running_app: RunningApp) -> Iterator[Account]:
    context = browser.new_context()
    page = context.new_page()
    email = sign_up(page, running_app, name="Maximiliana Wolfeschlegelsteinhausen")
    with running_app.session() as session:
        user = set_plan(session=session, email=email, plan="pro")
        job = create_job_info(
            session=session,
            user_id=user.id,
            name=LONG_NAME,
            title="Senior Backend Engineer",
            description=f"Python services at scale. Apply at {UNBROKEN}",
            experience_level="senior",
        )
        interview = create_interview(session=session, user_id=user.id, job_info_id=job.id)
        update_interview(
            session=session,
            user_id=user.id,
            interview_id=interview.id,
            hume_chat_id=f"chat-{uuid.uuid4()}",
            duration="00:12:05",
        )
        # A stored transcript, so the interview page shows its metrics table (which scrolls
        # sideways on a phone) and the sweep checks it too.
        replace_transcript(
            session=session,
            interview=interview,
            entries=[
                TranscriptEntry("interviewer", "Tell me about a system you scaled.", 0, 4_000),
                TranscriptEntry(
                    "interviewee",
                    "When I was at a payments start-up, I had to scale our Python API; I "
                    "added caching and as a result we cut latency by half.",
                    5_000,
                    19_000,
                ),
            ],
            source="provider",
        )
    yield Account(context.cookies(), str(job.id), str(interview.id))
    context.close()


def _context(browser: Browser, viewport: str, account: Account | None) -> BrowserContext:
    size, scheme = VIEWPORTS[viewport]
    context = browser.new_context(viewport=size, color_scheme=scheme)
    context.set_default_timeout(15_000)
    if account is not None:
        context.add_cookies(account.cookies)
    return context


def _settle(page: Page) -> None:
    expect(page.locator("main")).to_be_visible()
    expect(page.get_by_test_id("loading")).to_have_count(0)
    # Text takes its final width once the fonts are in.
    page.evaluate("document.fonts.ready.then(() => true)")


_OVERFLOWING_CONTROLS = """() => [...document.querySelectorAll('button, .rt-Button, .rt-Badge')]
  .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.outerHTML.slice(0, 120))"""


def check_screen(page: Page, name: str, *, under_app: bool) -> None:
    """The checks every screen passes; a screenshot of the screen is kept when one fails."""
    try:
        _settle(page)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"scrolls sideways: {width[0]} px wide in {width[1]} px"
        header = page.locator("header").bounding_box()
        assert header is not None and header["height"] <= 72, f"header broke: {header}"
        assert page.evaluate(_OVERFLOWING_CONTROLS) == [], "a control's label spills out"
        assert page.title().endswith(APP_NAME), f"title {page.title()!r}"
        if under_app:
            found = page.get_by_test_id("breadcrumbs").or_(page.get_by_test_id("not-found"))
            expect(found.first).to_be_visible()
        violations = [
            f"{violation['id']} ({violation['impact']}): "
            + "; ".join(node["html"][:160] for node in violation["nodes"])
            for violation in _axe.run(page).response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert violations == [], "\n".join(violations)
    except AssertionError:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        raise


def _csp_refusals(page: Page) -> list[str]:
    """Collect what the Content-Security-Policy refused on this page from now on."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def _screen_name(viewport: str, route: str, who: str) -> str:
    return f"{viewport}-{who}-{re.sub(r'[^a-z0-9]+', '-', route.lower()).strip('-') or 'home'}"


PUBLIC_ROUTES = [route for route in page_routes() if not route.startswith(routes.DASHBOARD)]
# Signed-in visitors are sent on from these (tested in test_accounts.py).
REDIRECT_WHEN_SIGNED_IN = {routes.SIGN_IN, routes.SIGN_UP}
MISSING_PAGE = "/no/such/page"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_screen_signed_out(browser: Browser, running_app: RunningApp, viewport: str) -> None:
    context = _context(browser, viewport, None)
    page = context.new_page()
    refused = _csp_refusals(page)
    try:
        for route in [*PUBLIC_ROUTES, MISSING_PAGE]:
            page.goto(running_app.url(route))
            check_screen(page, _screen_name(viewport, route, "out"), under_app=False)
        assert refused == []
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_screen_signed_in_with_data(
    browser: Browser, running_app: RunningApp, account: Account, viewport: str
) -> None:
    context = _context(browser, viewport, account)
    page = context.new_page()
    missing = str(uuid.uuid4())
    paths = [
        account.fill(route) for route in page_routes() if route not in REDIRECT_WHEN_SIGNED_IN
    ] + [
        MISSING_PAGE,
        routes.job_info_url(missing),
        routes.interview_url(account.job_info_id, missing),
    ]
    refused = _csp_refusals(page)
    try:
        for path in paths:
            page.goto(running_app.url(path))
            check_screen(
                page,
                _screen_name(viewport, path, "in"),
                under_app=path.startswith(routes.DASHBOARD),
            )
        assert refused == []
    finally:
        context.close()


def test_the_missing_page_and_not_found_records_lead_home(
    page: Page, running_app: RunningApp, account: Account
) -> None:
    page.goto(running_app.url(MISSING_PAGE))
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.locator("header")).to_contain_text(APP_NAME)
    page.get_by_test_id("not-found-home").click()
    expect(page).to_have_url(path_pattern(routes.LANDING))

    page.context.add_cookies(account.cookies)
    page.goto(running_app.url(MISSING_PAGE))
    # Signed in, the link leads to the job infos once the session has loaded (under load,
    # a click before that followed the signed-out link home).
    home = page.get_by_test_id("not-found-home")
    expect(home).to_have_text("Go to your job infos")
    home.click()
    expect(page).to_have_url(path_pattern(routes.DASHBOARD))

    page.goto(running_app.url(routes.job_info_url(str(uuid.uuid4()))))
    expect(page.get_by_test_id("not-found")).to_be_visible()
    page.get_by_test_id("not-found-back").click()
    expect(page).to_have_url(path_pattern(routes.DASHBOARD))
    expect(page.get_by_test_id("job-info-card")).to_have_count(1)

    page.goto(running_app.url(routes.interview_url(account.job_info_id, str(uuid.uuid4()))))
    expect(page.get_by_test_id("not-found")).to_contain_text("This interview does not exist.")
    page.get_by_test_id("not-found-back").click()
    expect(page).to_have_url(path_pattern(routes.interviews_url(account.job_info_id)))
    expect(page.get_by_test_id("interview-card")).to_have_count(1)


def test_breadcrumbs_lead_back_up(page: Page, running_app: RunningApp, account: Account) -> None:
    page.context.add_cookies(account.cookies)
    page.goto(running_app.url(routes.interview_url(account.job_info_id, account.interview_id)))
    crumbs = page.get_by_test_id("breadcrumbs")
    expect(crumbs).to_contain_text(LONG_NAME)
    expect(page.get_by_test_id("breadcrumb-current")).to_have_attribute("aria-current", "page")
    crumbs.get_by_role("link", name="Interviews").click()
    expect(page).to_have_url(path_pattern(routes.interviews_url(account.job_info_id)))
    page.get_by_test_id("breadcrumbs").get_by_role("link", name=LONG_NAME).click()
    expect(page).to_have_url(path_pattern(routes.job_info_url(account.job_info_id)))
    page.get_by_test_id("breadcrumbs").get_by_role("link", name="Job infos").click()
    expect(page).to_have_url(path_pattern(routes.DASHBOARD))


_FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const ringed = node => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none';
  };
  return [el.outerHTML.slice(0, 120), ringed(el) || ringed(el.parentElement)];
}"""


def test_keyboard_focus_is_always_visible(
    page: Page, running_app: RunningApp, account: Account
) -> None:
    page.context.add_cookies(account.cookies)
    for path in [
        routes.job_info_url(account.job_info_id),
        routes.NEW_JOB_INFO,
        routes.interviews_url(account.job_info_id),
    ]:
        page.goto(running_app.url(path))
        _settle(page)
        unringed = []
        for _ in range(12):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUS_RING)
            if focused is not None and not focused[1]:
                unringed.append(focused[0])
        assert unringed == [], f"{path}: focus without a visible ring on {unringed}"


def test_pages_show_that_they_are_loading(
    browser: Browser, running_app: RunningApp, account: Account
) -> None:
    # The app's event socket never answers, so every page stays in its loading state.
    context = _context(browser, "phone-light", account)
    page = context.new_page()
    page.route_web_socket(re.compile(r"/_event"), lambda socket: None)
    try:
        for route in page_routes():
            if route.startswith(routes.DASHBOARD):
                page.goto(running_app.url(account.fill(route)))
                expect(page.get_by_role("status")).to_be_visible()
    finally:
        context.close()


def test_toasts_are_announced(page: Page, running_app: RunningApp, account: Account) -> None:
    page.context.add_cookies(account.cookies)
    page.goto(running_app.url(routes.NEW_JOB_INFO))
    fill_job_info(page, name="Short-lived", title="", level="junior", description="Gone soon.")
    page.get_by_test_id("job-info-submit").click()
    expect(page.get_by_test_id("job-info-heading")).to_have_text("Short-lived")
    page.get_by_test_id("job-info-delete").click()
    page.get_by_test_id("job-info-delete-confirm").click()
    toast = page.get_by_text("Job info deleted.")
    expect(toast).to_be_visible()
    live_region = page.locator("[aria-live]").filter(has=toast)
    expect(live_region).to_have_count(1)
    assert live_region.get_attribute("aria-live") in ("polite", "assertive")


def test_header_buttons_and_sign_in_messages_line_up(browser: Browser, running_app: RunningApp):
    context = _context(browser, "phone-light", None)
    page = context.new_page()
    try:
        page.goto(running_app.url(routes.SIGN_IN))
        header = page.locator("header")
        sign_in = header.get_by_role("link", name="Sign in").bounding_box()
        sign_up_box = header.get_by_role("link", name="Sign up").bounding_box()
        assert sign_in is not None and sign_up_box is not None
        assert (sign_in["y"], sign_in["height"]) == (sign_up_box["y"], sign_up_box["height"])

        # Wrong passwords and the lockout after them share one message box, as wide as the form.
        page.get_by_test_id("email-input").fill("nobody@example.com")
        page.get_by_test_id("password-input").fill("not the password")
        page.get_by_test_id("sign-in-submit").click()
        message = page.get_by_test_id("form-error")
        expect(message).to_be_visible()
        box = message.bounding_box()
        button = page.get_by_test_id("sign-in-submit").bounding_box()
        assert box is not None and button is not None
        assert (box["x"], box["width"]) == (button["x"], button["width"])
    finally:
        context.close()
