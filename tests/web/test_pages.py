"""Server-rendered pages: home, contact list with search and tags, contact page, edit form."""

from __future__ import annotations

from fastapi.testclient import TestClient


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
