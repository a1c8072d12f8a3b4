from __future__ import annotations

import pytest

from rsca.core.services import task_progress_start, task_progress_update

pytestmark = pytest.mark.django_db


def test_pdfs_embed_the_bundled_cjk_font_so_chinese_renders(settings, tmp_path, caplog):
    (tmp_path / "report.html").write_text(
        "<h1>中华人民共和国劳动法 第四十一条</h1><p>Labour Law art. 41</p>", "utf-8"
    )
    import copy

    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates  # assigning (not mutating) makes Django rebuild its template engines
    from rsca.core.pdf import render_pdf

    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf = render_pdf("report.html", {})
    assert pdf.startswith(b"%PDF")
    # WeasyPrint warns about every character it had to draw as an empty box (.notdef).
    assert not [r for r in caplog.records if "notdef" in r.getMessage()]


def test_task_progress_is_visible_to_its_owner_on_a_page_and_through_the_api(client, user_a, user_b, org_a):
    progress = task_progress_start(label="Import supplier list", owner=user_a, organisation=org_a, total=200)
    task_progress_update(progress_id=progress.pk, done=50, status="running", message="Matching rows")
    client.force_login(user_a)
    page = client.get(f"/tasks/{progress.pk}/")
    assert page.status_code == 200 and "Matching rows" in page.content.decode()
    assert (
        client.get(f"/tasks/{progress.pk}/", HTTP_HX_REQUEST="true").templates[0].name
        == "core/_task_progress.html"
    )
    body = client.get(f"/api/v1/tasks/{progress.pk}").json()
    assert (body["status"], body["percent"]) == ("running", 25)
    client.force_login(user_b)
    assert client.get(f"/tasks/{progress.pk}/").status_code == 404
    assert client.get(f"/api/v1/tasks/{progress.pk}").status_code == 404
