"""Library pages, feeds, sitemaps and the editors' form with checked uploads."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from rsca.core.errors import InvalidInput, TooLarge
from rsca.library import services
from rsca.library.models import Resource

pytestmark = pytest.mark.django_db


def test_resource_page_in_both_languages(client):
    url = "/library/2019-03-the-ilo-in-china/"
    assert "Country Leaflet" in client.get(url).content.decode()
    assert "国别宣传册" in client.get(f"/zh-hans{url}").content.decode()


def test_rss_and_atom_feeds_list_the_latest_published_resources(client, org_a, user_a):
    services.resource_save(
        kind="news",
        title_en="Unpublished draft",
        date=datetime.date(2030, 1, 1),
        owner_id=org_a.pk,
        is_public=False,
        by=user_a,
    )
    rss = etree.fromstring(client.get("/library/feed/rss/").content)
    titles = [t.text for t in rss.iterfind("channel/item/title")]
    assert titles[0] == "Decent work for sustainable social development in China"
    assert "Unpublished draft" not in titles and len(titles) >= 10
    atom = etree.fromstring(client.get("/zh-hans/library/feed/atom/").content)
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    assert entries[0].findtext("{http://www.w3.org/2005/Atom}title") == "体面劳动促进中国社会可持续发展"


def test_sitemaps_list_pages_in_both_languages(client):
    library = client.get("/library/sitemap.xml").content.decode()
    assert (
        "/library/2019-03-the-ilo-in-china/" in library
        and "/zh-hans/library/2019-03-the-ilo-in-china/" in library
    )
    programme = client.get("/sitemap-programme.xml").content.decode()
    assert "/projects/rsca-china/" in programme and "/zh-hans/about/" in programme
    index = client.get("/sitemap.xml")
    assert index["Content-Type"].startswith("application/xml")
    assert (
        "/sitemap-programme.xml" in index.content.decode()
        and "/library/sitemap.xml" in index.content.decode()
    )


def test_uploads_are_checked_for_type_and_size(staff_user):
    fake_pdf = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(InvalidInput, match="not really a PDF"):
        services.resource_save(
            kind="research", title_en="X", date=datetime.date(2024, 1, 1), upload=fake_pdf, by=staff_user
        )
    script = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(InvalidInput, match="only PDF"):
        services.resource_save(
            kind="research", title_en="X", date=datetime.date(2024, 1, 1), upload=script, by=staff_user
        )
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.7" + b"0" * 2048, content_type="application/pdf")
    with pytest.raises(TooLarge):
        services.check_upload(big, max_bytes=1024)
    assert not Resource.objects.filter(title_en="X").exists()
    good = SimpleUploadedFile("brief.pdf", b"%PDF-1.7\n%test\n", content_type="application/pdf")
    resource = services.resource_save(
        kind="research", title_en="Policy brief", date=datetime.date(2024, 1, 1), upload=good, by=staff_user
    )
    assert resource.file_type == "PDF" and resource.file_size == len(b"%PDF-1.7\n%test\n")


def test_staff_add_a_resource_through_the_form(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/library/new/",
        {
            "kind": "case_study",
            "title_en": "Supplier remediation in Suzhou",
            "title_zh": "苏州供应商整改案例",
            "date": "2024-03-01",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get(title_en="Supplier remediation in Suzhou")
    assert resource.slug == "2024-03-supplier-remediation-in-suzhou"
    assert "苏州" in resource.search_text
    assert client.get("/library/?q=苏州").content.decode().count(resource.slug) >= 1


def test_members_cannot_add_public_resources(client, user_b):
    client.force_login(user_b)
    assert client.get("/library/new/").status_code == 404
