"""A worker files a grievance from a phone, the buyer answers and closes it with a remedy, the worker reads it."""

from __future__ import annotations

from typing import Any


def test_worker_on_a_phone_follows_a_grievance_to_its_remedy(
    browser: Any, page: Any, live_url: str, login: Any
) -> None:
    from rsca.supplychain.models import Facility

    facility = Facility.objects.get(claimed_by__slug="huayang-precision", name__startswith="Shenzhen")
    phone = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    worker = phone.new_page()
    worker.set_default_timeout(15_000)
    worker.goto(f"{live_url}/zh-hans/grievances/r/{facility.public_id}/")
    assert worker.locator("h1").inner_text() == "反映问题"
    worker.select_option("#id_category", "wages")
    worker.fill("#id_description", "十月份的加班费少发了，组长说旺季都这样。")
    worker.uncheck("input[name=visible_to_facility]")  # the factory's management may not see it
    worker.click("button[type=submit]")
    code = worker.get_by_test_id("case-code").inner_text().strip()
    secret = worker.get_by_test_id("case-secret").inner_text().strip()
    assert code.startswith("G-") and secret
    assert worker.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone

    login("buyer")
    page.goto(f"{live_url}/grievances/")
    page.get_by_role("link", name=code).click()
    page.fill("#id_body", "We have asked the factory for the October payroll.")
    page.get_by_role("button", name="Send answer").click()
    page.fill(
        "#id_remedy", "The missing October overtime pay was paid to all workers of the line on 15 November."
    )
    page.select_option("#id_outcome", "remedied")
    page.get_by_role("button", name="Close the case").click()
    assert "closed" in page.content()

    worker.goto(f"{live_url}/zh-hans/grievances/track/")
    worker.fill("#id_case_code", code)
    worker.fill("#id_secret", secret)
    worker.click("button[type=submit]")
    assert worker.get_by_test_id("case-status").inner_text() == "已结案"
    assert "15 November" in worker.get_by_test_id("case-remedy").inner_text()
    worker.goto(f"{live_url}/zh-hans/grievances/track/")
    worker.fill("#id_case_code", code)
    worker.fill("#id_secret", "wrong-secret")
    worker.click("button[type=submit]")
    assert "没有与此编号和密码相符的案件" in worker.content()
    phone.close()
