"""临时救助 in a real browser: a fire at 23:40, registered by the township caseworker where it happened and paid first
from the township reserve fund (topped up by the county through its page); the next day (the admin moves the demo
clock) the paperwork is completed, and the case page shows every step."""
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from playwright.sync_api import expect

from assistance.core.china_time import CHINA
from assistance.core.idnumbers import compose_id_number
from tests.e2e.test_demo__flow import log_in
from tests.e2e.test_dibao__every_role import work_on

VICTIM_ID = compose_id_number("152201", date(1983, 10, 6), 913)


def fund_balance(page) -> Decimal:
    """The 都林街道 fund's balance, from its ledger page ('1,234.00 元')."""
    page.goto("/temporary/reserve")
    page.get_by_role("link", name="乌兰浩特市 / 都林街道").click()
    return Decimal(page.locator("#fund-balance").inner_text().replace(",", "").removesuffix(" 元"))


def test_night_fire_paid_first_then_paperwork_completed_the_next_day(page, server):
    log_in(page, "county_caseworker_wulanhaote", server.demo_password)
    before = fund_balance(page)
    page.locator("summary", has_text="拨付备用金").click()
    page.fill("input[name=amount]", "5000")
    page.fill("input[name=reason]", "乌民发〔2026〕8号")
    page.get_by_role("button", name="确认拨付").click()
    expect(page.locator("main")).to_contain_text("已向都林街道拨付备用金 5,000.00 元")

    # the night before, whatever the real clock says: an incident time of 23:40 is always in the past
    night = (datetime.now(CHINA) - timedelta(days=1)).strftime("%Y-%m-%dT23:40")
    log_in(page, "township_caseworker_dulin", server.demo_password)
    page.get_by_role("link", name="急难登记").click()
    page.check("input[name=kind][value=emergency]")
    page.select_option("select[name=hardship]", label="火灾")
    page.fill("textarea[name=reason]", "深夜住宅失火，家中财物烧毁，一家无处安身。")
    page.fill("input[name=incident_dt]", night)
    page.select_option("select[name=village_id]", label="都林街道 / 和平社区")
    page.fill("input[name=address]", "和平社区7号楼1单元")
    page.fill("input[name=hukou_place]", "乌兰浩特市")
    page.check("input[name=is_urban][value='1']")
    page.fill("input[name=members-0-name]", "孙焱")
    page.fill("input[name=members-0-id_number]", VICTIM_ID)
    page.get_by_role("button", name="登记急难情况").click()
    expect(page.locator("main")).to_contain_text("请立即办理先行救助")
    case_url = page.url
    expect(page.locator("#temporary")).to_contain_text("23:40")

    def pay_first(p):
        p.check("input[name=pay_first_route][value=pay_first]")
        p.fill("#field-pay_first_amount", "1500")
        p.check("input[name=pay_first_method][value=cash]")
        p.fill("#field-pay_first_recipient", "孙焱")
    work_on(page, server, case_url, "township_caseworker_dulin", "先行救助", pay_first)

    page.goto(case_url)
    section = page.locator("#temporary")
    expect(section).to_contain_text("先行救助")
    expect(page.locator("#temporary-paid")).to_have_text("1,500.00 元")
    left = f"{before + 3500:,.2f} 元"
    expect(section.locator("tbody tr").first).to_contain_text(left)          # the balance the draw left
    expect(page.locator("#temporary-fund-balance")).to_have_text(left)
    expect(section).to_contain_text(re.compile(r"须于 \d{4}-\d\d-\d\d \d\d:\d\d 前补齐手续"))
    expect(section).not_to_contain_text("已逾期")

    log_in(page, "admin_xinganmeng", server.demo_password)
    page.goto("/admin/clock")
    page.fill("input[name=days]", "1")
    page.get_by_role("button", name="拨快").click()
    expect(page.locator("main")).to_contain_text("时钟已拨快 1 天")

    def paperwork(p):
        p.fill("#field-paperwork_recipient_name", "孙焱")
        p.fill("#field-paperwork_recipient_id", VICTIM_ID)
        p.fill("#field-paperwork_reason", "深夜住宅失火，先行救助现金 1500 元")
        p.fill("#field-paperwork_amount", "1500")
        p.check("input[name=recipient_signed]")
        p.check("input[name=officer_signed]")
    work_on(page, server, case_url, "township_caseworker_dulin", "补齐手续", paperwork)

    page.goto(case_url)
    expect(page.locator("#temporary")).to_contain_text(re.compile(r"已于 \d{4}-\d\d-\d\d \d\d:\d\d 补齐手续"))
    expect(page.locator("#temporary")).not_to_contain_text("已逾期")
    expect(page.locator("main")).to_contain_text("办结「补齐手续」")
