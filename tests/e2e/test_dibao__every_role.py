"""One 低保 application in a real browser, from the village assistant through every role to confirmation; each
step is done by the demo user whose role the step's lane names."""
from datetime import date

from playwright.sync_api import expect

from assistance.core.idnumbers import compose_id_number
from tests.e2e.test_demo__flow import log_in


def work_on(page, server, case_url, username, task_name, fill):
    """Log in as username, open the task from the case page, claim it, fill the form, submit."""
    log_in(page, username, server.demo_password)
    page.goto(case_url)
    page.get_by_role("link", name=task_name, exact=True).click()
    page.get_by_role("button", name="认领").click()
    page.goto(case_url)
    page.get_by_role("link", name=task_name, exact=True).click()
    fill(page)
    page.locator("#task-form").get_by_role("button", name="提交").click()
    expect(page.locator("body")).not_to_contain_text("表单有误")


def apply(page):
    page.check("input[name=channel][value=in_person]")
    page.check("input[name=promise_signed]")
    page.check("input[name=finance_check_authorized]")
    page.check("input[name=materials][value=书面申请书]")
    page.check("input[name=materials][value=户口簿]")


def accept(page):
    page.check("input[name=materials_complete]")


def survey(page):
    page.fill("#field-investigator_1", "李明")
    page.fill("#field-investigator_2", "王芳")
    page.fill("#field-visit_date", date.today().isoformat())
    page.check("input[name=survey_method][value=home_visit]")
    page.fill("#field-income_wages", "900")
    page.check("input[name=signed_by_household]")


def test_one_application_through_every_role_to_confirmation(page, server):
    log_in(page, "village_assistant_shengli", server.demo_password)
    page.goto("/cases/new")
    page.select_option("select[name=programme]", value="dibao_application")
    page.select_option("select[name=village_id]", label="都林街道 / 胜利社区")
    page.check("input[name=is_urban][value='1']")
    page.fill("input[name=address]", "胜利社区8号楼3单元")
    page.fill("input[name=members-0-name]", "吴堃")
    page.fill("input[name=members-0-id_number]", compose_id_number("152201", date(1979, 8, 8), 777))
    page.fill("input[name=members-1-name]", "吴小赟")
    page.fill("input[name=members-1-id_number]", compose_id_number("152201", date(2015, 2, 3), 778))
    page.select_option("select[name=members-1-relation]", "子女")
    page.click("text=登记并提交乡镇审核")
    expect(page.locator("main")).to_contain_text("已登记，案件编号")
    case_url = page.url

    work_on(page, server, case_url, "village_assistant_shengli", "提交申请", apply)
    work_on(page, server, case_url, "township_caseworker_dulin", "受理审查", accept)
    page.goto(case_url)
    expect(page.locator("#dibao")).to_contain_text("剩余 30 个工作日")
    work_on(page, server, case_url, "township_caseworker_dulin", "入户调查", survey)
    work_on(page, server, case_url, "county_caseworker_wulanhaote", "信息核对",
            lambda p: p.check("input[name=matching_result][value=consistent]"))
    work_on(page, server, case_url, "township_leader_dulin", "初审", lambda p: (
        p.check("input[name=first_review_opinion][value=agree]"), p.fill("#field-first_review_note", "情况属实，同意公示")))
    page.goto(case_url)
    expect(page.locator("#dibao")).to_contain_text("公示中")
    expect(page.locator("#dibao")).to_contain_text("月保障金")

    log_in(page, "admin_xinganmeng", server.demo_password)          # the 7-day notice runs out
    page.goto("/admin/clock")
    page.fill("input[name=days]", "8")
    page.get_by_role("button", name="拨快").click()

    work_on(page, server, case_url, "county_caseworker_wulanhaote", "县级审查", lambda p: (
        p.check("input[name=county_review_opinion][value=agree]"), p.fill("#field-county_review_note", "程序合规")))
    work_on(page, server, case_url, "county_approver_wulanhaote", "审核确认",
            lambda p: p.check("input[name=decision][value=approve]"))
    page.goto(case_url)
    expect(page.locator("#dibao")).to_contain_text("确认同意，月保障金")
    expect(page.locator("#dibao")).to_contain_text("期满无异议")
