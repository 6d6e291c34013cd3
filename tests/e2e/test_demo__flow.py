"""The README promise, in a real browser: a village assistant registers a case, the township caseworker finds it in
我的任务, claims it, is told about a bad form entry, then completes it; the case timeline records every step."""
import re
from datetime import date

from playwright.sync_api import expect

from assistance.core.idnumbers import compose_id_number


def log_in(page, username, password):
    page.wait_for_load_state()   # a response still arriving could set the old session's cookie again after the clear
    page.context.clear_cookies()
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    expect(page.locator("header")).to_contain_text("退出")


def test_village_assistant_starts_and_township_caseworker_claims_and_completes(page, server):
    log_in(page, "village_assistant_heping", server.demo_password)
    page.goto("/cases/new")
    page.select_option("select[name=programme]", value="demo_application")
    page.select_option("select[name=village_id]", label="都林街道 / 和平社区")
    page.check("input[name=is_urban][value='1']")
    page.fill("input[name=address]", "和平社区5号楼2单元")
    page.fill("input[name=members-0-name]", "赵喆")
    page.fill("input[name=members-0-id_number]", compose_id_number("152201", date(1975, 4, 8), 123))
    page.click("text=登记并提交乡镇审核")
    expect(page.locator("main")).to_contain_text("已登记，案件编号")
    case_url = page.url

    log_in(page, "township_caseworker_dulin", server.demo_password)
    page.goto("/?tab=claimable")
    row = page.locator("tr", has_text="赵喆")
    expect(row).to_contain_text("乡镇审核")
    expect(row).to_contain_text("1522**********")        # the ID number is masked in the queue
    row.get_by_role("button", name="认领").click()
    page.goto("/?tab=mine")
    page.locator("tr", has_text="赵喆").get_by_role("link", name="乡镇审核").click()

    page.check("input[name=decision][value=approve]")
    page.fill("input[name=monthly_income]", "-5")
    page.fill("textarea[name=opinion]", "家庭情况属实，同意公示。")
    page.evaluate("document.querySelectorAll('main form').forEach(f => f.noValidate = true)")   # reach the server check
    page.get_by_role("button", name="提交").click()
    expect(page.locator("main")).to_contain_text("不能小于 0")
    page.fill("input[name=monthly_income]", "600.50")
    page.get_by_role("button", name="提交").click()

    page.goto(case_url)
    timeline = page.locator("main")
    expect(timeline).to_contain_text("乡镇审核")
    expect(timeline).to_contain_text("都林街道乡镇经办人")
    expect(timeline).to_contain_text("同意，进入公示")

    # the public notice (a 7-day timer in a called process) runs out when an admin moves the demo clock 8 days
    expect(page.locator("tr", has_text="演示：救助申请")).to_contain_text("办理中")
    log_in(page, "admin_xinganmeng", server.demo_password)
    page.goto("/admin/clock")
    page.fill("input[name=days]", "8")
    page.get_by_role("button", name="拨快").click()
    expect(page.locator("main")).to_contain_text(re.compile(r"时钟已拨快 8 天，执行了 \d+ 个到期作业"))
    page.goto(case_url)
    expect(page.locator("tr", has_text="演示：救助申请")).to_contain_text("已办结")
