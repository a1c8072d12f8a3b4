"""Compliance journeys: the supplier reads its demo results and drills down to a worker, uploads new records
and follows the check to its findings; the buyer sees the results the supplier shared."""

from __future__ import annotations

import datetime

import pytest

from tests.compliance.builders import day, pay, workdays, worker, write_inputs

pytestmark = pytest.mark.browser


def test_supplier_reads_the_demo_results_and_drills_down_to_a_worker(page, live_url, login):
    login("supplier")
    page.goto(f"{live_url}/compliance/")
    page.click("text=2025 (demo records)")
    page.wait_for_load_state("networkidle")
    assert "Findings by check" in page.content()
    page.wait_for_selector("#chart-weekly-hours svg")
    page.wait_for_selector("#chart-months svg")
    assert page.locator("text=Monthly overtime cap exceeded").count() >= 1
    with page.expect_download() as download:
        page.click("text=Download findings (XLSX)")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.locator("table a[href*='/workers/']").first.click()
    page.wait_for_selector("#chart-worker-weeks svg")
    assert page.locator("h1").inner_text().startswith("Worker W-")


def test_supplier_uploads_records_and_sees_the_findings(page, live_url, login, tmp_path):
    days = workdays(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    files = write_inputs(
        tmp_path,
        [worker("E-1"), worker("E-2")],
        [day("E-1", d, 12) for d in days] + [day("E-2", d, 8) for d in days],
        [pay("E-1", "2025-03-01", "2025-03-31", 2600, 100), pay("E-2", "2025-03-01", "2025-03-31", 2300)],
    )
    login("supplier")
    page.goto(f"{live_url}/compliance/")
    page.locator("a", has_text="Upload records").first.click()
    page.fill("#id_label", "March test")
    for kind in ("roster", "time", "payroll"):
        page.set_input_files(f"#id_{kind}", str(files[kind]))
    page.click("text=Check the records")
    page.wait_for_load_state("networkidle")
    assert "March test" in page.locator("h1").inner_text()
    assert page.locator("text=Below the minimum wage").count() >= 1
    assert "CN-MINIMUM-WAGE-2004" in page.content()


def test_buyer_sees_the_shared_demo_results_in_chinese(page, live_url, login):
    login("buyer")
    page.goto(f"{live_url}/zh-hans/compliance/")
    page.click("text=2025 (demo records)")
    page.wait_for_load_state("networkidle")
    assert "按检查项统计" in page.content()
    assert page.locator("text=共享").count() >= 1
