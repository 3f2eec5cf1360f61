"""Importing in the browser: the same dry run, skipped rows and file:line errors as the CLI."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

FIXTURES = Path(__file__).parents[1] / "io" / "fixtures"


def linkedin_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("Connections.csv", "messages.csv", "Invitations.csv"):
            archive.write(FIXTURES / name, name)
    return buffer.getvalue()


def _upload(client: TestClient, kind: str, name: str, data: bytes, **form: str) -> object:
    return client.post(
        "/import",
        data={"kind": kind, **form},
        files={"file": (name, data, "application/octet-stream")},
        follow_redirects=False,
    )


def test_dry_run_then_import_a_linkedin_zip(client: TestClient) -> None:
    assert 'enctype="multipart/form-data"' in client.get("/import").text
    dry = _upload(client, "linkedin", "export.zip", linkedin_zip(), dry_run="true")
    assert dry.status_code == 200  # type: ignore[attr-defined]
    text = dry.text  # type: ignore[attr-defined]
    assert "Dry run, nothing written: would have 4 added, 1 updated" in text
    assert "skipped 2: no name (LinkedIn hides this member)" in text
    assert len(client.get("/api/v1/contacts").json()) == 2
    done = _upload(client, "linkedin", "export.zip", linkedin_zip())
    assert done.status_code == 303  # type: ignore[attr-defined]
    page = client.get(done.headers["location"])  # type: ignore[attr-defined]
    assert "Imported: 4 added, 1 updated" in page.text
    assert "Connections.csv:" in page.text  # skipped rows name their file and line
    assert len(client.get("/api/v1/contacts").json()) == 6
    assert "export.zip" in client.get("/import").text  # in the recent imports


def test_bad_input_is_refused_naming_file_line_and_field(client: TestClient) -> None:
    bad = (FIXTURES / "Connections_bad_date.csv").read_bytes()
    refused = _upload(client, "linkedin", "Connections_bad_date.csv", bad)
    assert refused.status_code == 400  # type: ignore[attr-defined]
    text = refused.text  # type: ignore[attr-defined]
    assert (
        "Connections_bad_date.csv:3: field &#39;Connected On&#39;: impossible date &#39;31 Feb 2021&#39;"
        in text
    )
    assert "mutuals-upload" not in text  # never the temporary copy's path
    assert 'aria-describedby="file-error" autofocus' in text
    assert len(client.get("/api/v1/contacts").json()) == 2
    skipped = _upload(client, "linkedin", "Connections_bad_date.csv", bad, skip_invalid="true")
    page = client.get(skipped.headers["location"]).text  # type: ignore[attr-defined]
    assert "impossible date" in page


def test_vcard_and_csv_uploads(client: TestClient) -> None:
    vcf = _upload(client, "vcard", "contacts.vcf", (FIXTURES / "contacts.vcf").read_bytes())
    assert vcf.status_code == 303  # type: ignore[attr-defined]
    csv = _upload(client, "csv", "google.csv", (FIXTURES / "google_new.csv").read_bytes())
    assert csv.status_code == 303  # type: ignore[attr-defined]
    missing = client.post("/import", data={"kind": "csv"})
    assert missing.status_code == 400 and "Choose a file to import." in missing.text


def test_skipped_interactions_name_their_file(client: TestClient) -> None:
    dry = _upload(client, "linkedin", "export.zip", linkedin_zip(), dry_run="true")
    text = dry.text  # type: ignore[attr-defined]
    assert "no matching contact for LinkedIn Offers" in text
    assert "<code>:" not in text  # every skipped row names a file
