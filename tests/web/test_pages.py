"""Server-rendered pages: home, contact list with search and tags, contact page, edit form."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mutuals.services.context import Workspace


def test_home_links_to_contacts(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'href="/contacts"' in page.text
    assert "<strong>2</strong> contacts" in page.text


def test_list_search_and_tag_filter(client: TestClient) -> None:
    everyone = client.get("/contacts")
    assert "Ada Lovelace" in everyone.text and "Grace Hopper" in everyone.text
    searched = client.get("/contacts", params={"q": "navy"})
    assert "Grace Hopper" in searched.text and "Ada Lovelace" not in searched.text
    tagged = client.get("/contacts", params={"tag": "mentor"})
    assert "Ada Lovelace" in tagged.text and "Grace Hopper" not in tagged.text
    assert 'name="viewport"' in everyone.text


def test_contact_page_and_edit(client: TestClient) -> None:
    page = client.get("/contacts/1")
    assert page.status_code == 200
    assert "ada@example.org" in page.text
    form = client.get("/contacts/1/edit")
    assert 'name="tags"' in form.text
    saved = client.post(
        "/contacts/1/edit",
        data={"name": "Ada King", "company": "Analytical Engines", "tags": "mentor, investor"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    page = client.get("/contacts/1")
    assert "Ada King" in page.text and "investor" in page.text


def test_edit_without_a_name_is_refused(client: TestClient) -> None:
    refused = client.post("/contacts/1/edit", data={"name": "   "})
    assert refused.status_code == 400
    assert "needs a name" in refused.text


def test_missing_contact_is_a_404_page(client: TestClient) -> None:
    page = client.get("/contacts/999")
    assert page.status_code == 404
    assert "no contact with id 999" in page.text


def test_exports_download(client: TestClient) -> None:
    csv = client.get("/contacts/export.csv")
    assert csv.status_code == 200
    assert csv.content.startswith(b"\xef\xbb\xbf")
    vcf = client.get("/contacts/export.vcf")
    assert "FN:Grace Hopper" in vcf.text


def test_unknown_and_huge_ids_are_404_pages_not_errors(client: TestClient) -> None:
    huge = "99999999999999999999"
    for path in (f"/contacts/{huge}", f"/contacts/{huge}/edit", "/contacts/2147483648"):
        page = client.get(path)
        assert page.status_code == 404, path
        assert page.headers["content-type"].startswith("text/html"), path
    assert client.get(f"/api/v1/contacts/{huge}").status_code in (404, 422)
    assert client.get("/api/v1/contacts", params={"offset": huge}).status_code == 422
    assert client.get("/contacts", params={"page": huge}).status_code == 422


def test_bad_query_values_are_html_pages_that_say_what_is_wrong(client: TestClient) -> None:
    page = client.get("/contacts", params={"sort": "bogus"})
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "sort" in page.text
    api = client.get("/api/v1/contacts", params={"limit": 0})
    assert api.status_code == 422 and api.json()["detail"]


def test_a_refused_edit_keeps_what_was_typed(client: TestClient) -> None:
    refused = client.post(
        "/contacts/1/edit",
        data={"name": " ", "company": "Difference Engines", "tags": "mentor, patron"},
    )
    assert refused.status_code == 400
    assert 'value="Difference Engines"' in refused.text
    assert 'value="mentor, patron"' in refused.text


def test_an_empty_search_says_no_match_and_offers_to_clear(client: TestClient) -> None:
    page = client.get("/contacts", params={"q": "zebra", "tag": "mentor"})
    assert "No match for “zebra” with tag “mentor” among your 2 contacts." in page.text
    assert '<a href="/contacts">Clear the filters</a>' in page.text
    assert "Import your LinkedIn export" not in page.text


def test_exports_of_a_filtered_list_hold_what_it_shows(client: TestClient) -> None:
    page = client.get("/contacts", params={"q": "navy"}).text
    assert 'href="/contacts/export.csv?q=navy&amp;tag="' in page
    assert 'href="/contacts/export.vcf?q=navy&amp;tag="' in page
    vcf = client.get("/contacts/export.vcf", params={"q": "navy"}).text
    assert "FN:Grace Hopper" in vcf and "Ada Lovelace" not in vcf
    csv = client.get("/contacts/export.csv", params={"tag": "mentor"}).content.decode("utf-8-sig")
    assert "Ada" in csv and "Grace" not in csv
    assert "Grace" in client.get("/contacts/export.csv").text  # unfiltered: everyone


def test_search_covers_offers_needs_interests_and_notes(client: TestClient) -> None:
    client.patch("/api/v1/contacts/2", json={"needs": ["a compiler"], "notes": "Met at ACM"})
    assert "Grace Hopper" in client.get("/contacts", params={"q": "compiler"}).text
    assert "Grace Hopper" in client.get("/contacts", params={"q": "acm"}).text


def test_the_navigation_has_your_profile(client: TestClient) -> None:
    nav = client.get("/contacts").text.split("<nav>")[1].split("</nav>")[0]
    assert '<a href="/profile">Your profile</a>' in nav


def test_home_counts_the_demo_as_an_import(sqlite_workspace: Workspace) -> None:
    from mutuals.services.demo import seed_demo
    from mutuals.web.app import create_app

    seed_demo(sqlite_workspace, people=12)
    with TestClient(create_app(sqlite_workspace)) as client:
        page = client.get("/").text
    assert "<strong>12</strong> contacts" in page
    assert "<strong>1</strong> import</a>" in page
