"""The web pages in a real headless Chromium against the app on 127.0.0.1: a client search
to contact, a curated project to sent shortlist, a moderation decision, a sanction that
removes a freelancer from results, and a client trying to open a staff page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import LiveApp, Shots, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]


def _fill_brief(page, title: str, skills: str = "", languages: str = "") -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Title", exact=True).fill(title)
    if skills:
        page.get_by_label("Required skills").fill(skills)
    if languages:
        page.get_by_label("Languages", exact=True).fill(languages)


def _result_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.removeprefix("r-") for i in
            page.locator("li.result").evaluate_all("els => els.map(e => e.id)")]


def test_client_search_to_contact(browser: Browser, live: LiveApp, shots: Shots) -> None:
    _cid, key = live.client_key("Acme GmbH")
    page = signed_in(browser, live, key)
    expect(page.get_by_role("heading", name="Find freelancers")).to_be_visible()
    shots(page, "search-form")

    # Keyboard only: type the brief and submit with Enter.
    page.get_by_label("Title", exact=True).focus()
    page.keyboard.type("Python developer")
    page.get_by_label("Required skills").focus()
    page.keyboard.type("Python")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/app/search\?"))
    expect(page.locator("li.result").first).to_be_visible()
    shots(page, "results")
    first = page.locator("li.result").first
    expect(first.locator(".why")).to_contain_text("Why this rank")
    expect(page.get_by_text("save this brief as a self-service project first")).to_be_visible()

    page.get_by_label("Project title").fill("Data pipelines")
    page.get_by_role("button", name="Save as project").click()
    expect(page.get_by_role("status")).to_contain_text("Project saved.")
    shots(page, "project-saved")

    page.get_by_role("link", name="Search again with this brief").click()
    expect(page.get_by_text("0 of 6 open contacts")).to_be_visible()
    target = _result_ids(page)[0]
    card = page.locator(f"#r-{target}")
    card.get_by_label("Message").fill("Hello, are you available in March?")
    card.get_by_role("button", name=re.compile(r"^Contact .* for Data pipelines$")).click()
    expect(page.get_by_role("status")).to_contain_text(f"Contact request sent to {target}")
    # a new client's first messages wait for a moderator before delivery
    expect(page.get_by_role("status")).to_contain_text("delivered once our team has read it")
    expect(page.get_by_text("1 of 6 open contacts")).to_be_visible()
    expect(page.locator(f"#r-{target}")).to_contain_text("Already contacted for Data pipelines")
    shots(page, "contacted")

    page.get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="Data pipelines").click()
    expect(page.locator("table")).to_contain_text(target)
    expect(page.locator("table")).to_contain_text("pending")
    shots(page, "project")


def test_curated_flow_from_project_to_sent_shortlist(browser: Browser, live: LiveApp,
                                                     shots: Shots) -> None:
    _cid, ckey = live.client_key("Globex SE")
    client = signed_in(browser, live, ckey)
    _fill_brief(client, "Data engineer", "Python", "en")
    client.get_by_role("button", name="Search", exact=True).click()
    client.get_by_label("Project title").fill("Lakehouse migration")
    client.get_by_label("Service").select_option("curated")
    client.get_by_role("button", name="Save as project").click()
    expect(client.get_by_role("status")).to_contain_text("waits for a review")
    expect(client.locator("#project-status")).to_have_text("waiting for review")
    shots(client, "client-submitted")

    staff = signed_in(browser, live, live.key("sourcing"))
    staff.get_by_role("link", name="Moderation").click()
    item = staff.locator("article", has_text="Lakehouse migration")
    item.get_by_label("approve", exact=True).check()
    shots(staff, "moderation-queue")
    item.get_by_role("button", name="Decide").click()
    expect(staff.get_by_role("status")).to_contain_text("Project approved.")

    staff.get_by_role("link", name="Sourcing").click()
    staff.get_by_role("button", name="Start sourcing for Lakehouse migration").click()
    expect(staff.get_by_role("status")).to_contain_text("candidates found")
    expect(staff.locator("table.signals").first).to_be_visible()
    expect(staff.locator("meter").first).to_be_visible()
    shots(staff, "candidates")

    ids = [i.removeprefix("c-") for i in
           staff.locator("li.candidate").evaluate_all("els => els.map(e => e.id)")]
    assert len(ids) >= 3
    for pid in ids[:2]:
        card = staff.locator(f"#c-{pid}")
        card.get_by_label("keep", exact=True).check()
        card.get_by_label("Internal note").fill("solid track record")
        card.get_by_role("button", name=f"Save {pid}").click()
        expect(staff.get_by_role("status")).to_contain_text(f"Saved {pid}.")
    card = staff.locator(f"#c-{ids[2]}")
    card.get_by_label("reject", exact=True).check()
    card.get_by_role("button", name=f"Save {ids[2]}").click()
    expect(staff.get_by_role("alert")).to_contain_text("a rejection needs a reason")
    card = staff.locator(f"#c-{ids[2]}")
    card.get_by_label("reject", exact=True).check()
    card.get_by_label("Reason (needed to reject)").fill("rate above budget")
    card.get_by_role("button", name=f"Save {ids[2]}").click()
    expect(staff.locator(f"#c-{ids[2]}")).to_contain_text("rate above budget")
    staff.locator(f"#c-{ids[1]}").get_by_role("button", name=f"Move {ids[1]} up").click()
    expect(staff.get_by_role("status")).to_contain_text(f"Moved {ids[1]}.")
    shots(staff, "reviewed")

    staff.get_by_role("button", name="Send the shortlist (2 kept)").click()
    expect(staff.get_by_role("status")).to_contain_text("Shortlist sent to the client.")
    expect(staff.locator("#request-status")).to_have_text("sent")
    expect(staff.get_by_text("it is read-only")).to_be_visible()
    assert staff.get_by_role("button", name=re.compile(r"^Save ")).count() == 0
    shots(staff, "sent-read-only")

    client.get_by_role("link", name="Shortlists").click()
    section = client.locator("section", has_text="Lakehouse migration")
    names = section.locator("li.result h3")
    expect(names).to_have_count(2)
    expect(section).not_to_contain_text("solid track record")
    expect(section).not_to_contain_text("Score breakdown")
    shots(client, "client-shortlist")


def test_moderation_decision(browser: Browser, live: LiveApp, shots: Shots) -> None:
    _cid, ckey = live.client_key("Initech")
    client = signed_in(browser, live, ckey)
    _fill_brief(client, "Marketing lead")
    client.get_by_role("button", name="Search", exact=True).click()
    client.get_by_label("Project title").fill("Growth plan")
    client.get_by_label("Service").select_option("curated")
    client.get_by_role("button", name="Save as project").click()
    expect(client.locator("#project-status")).to_have_text("waiting for review")

    staff = signed_in(browser, live, live.key("sourcing"))
    staff.goto("/app/moderation")
    item = staff.locator("article", has_text="Growth plan")
    item.get_by_label("reject", exact=True).check()
    item.get_by_label("Reason (needed to reject)").fill("asks for unpaid test work")
    shots(staff, "before-decision")
    item.get_by_role("button", name="Decide").click()
    expect(staff.get_by_role("status")).to_contain_text("Project rejected.")
    expect(staff.locator("section", has_text="Rejected content")).to_contain_text(
        "asks for unpaid test work")
    shots(staff, "after-decision")

    client.reload()
    expect(client.locator("#project-status")).to_have_text("rejected")
    expect(client.get_by_text("asks for unpaid test work")).to_be_visible()
    shots(client, "client-sees-rejection")


def test_sanction_removes_a_freelancer_from_results(browser: Browser, live: LiveApp,
                                                    shots: Shots) -> None:
    _cid, ckey = live.client_key("Umbrella AG")
    client = signed_in(browser, live, ckey)
    client.goto("/app/search?title=Software+developer")
    target = _result_ids(client)[0]
    shots(client, "before")

    admin = signed_in(browser, live, live.key("admin"))
    admin.get_by_role("link", name="Sanctions").click()
    admin.get_by_label("Freelancer profile id, client id or company name").fill(target)
    admin.get_by_role("button", name="Find").click()
    expect(admin.locator(f"#listing-{target}-self_service")).to_contain_text("listed")
    form = admin.locator("form", has_text=f"Apply a sanction to {target}")
    form.get_by_label("Kind").select_option("temporary_suspension")
    form.get_by_label("Ends on (empty: permanent)").fill("2099-12-31")
    form.get_by_label("Reason", exact=True).fill("fake reviews")
    form.get_by_role("button", name="Apply").click()
    expect(admin.get_by_role("status")).to_contain_text("Sanction applied")
    expect(admin.locator(f"#listing-{target}-self_service")).to_contain_text("not listed")
    shots(admin, "sanctioned")

    client.reload()
    assert target not in _result_ids(client)
    shots(client, "after")


def test_a_client_cannot_open_a_staff_page(browser: Browser, live: LiveApp,
                                           shots: Shots) -> None:
    _cid, ckey = live.client_key("Hooli")
    client = signed_in(browser, live, ckey)
    expect(client.get_by_role("link", name="Sourcing")).to_have_count(0)
    for path in ("/app/sourcing", "/app/moderation", "/app/sanctions"):
        response = client.goto(path)
        assert response is not None and response.status == 403
        expect(client.get_by_role("heading", name="You may not open this page")).to_be_visible()
        expect(client.locator("main")).not_to_contain_text("Sourcing queue")
        shots(client, path.rsplit("/", 1)[-1])
