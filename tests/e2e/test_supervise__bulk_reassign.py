"""A supervisor bulk-reassigns three overdue tasks of an overloaded caseworker to a colleague, who then finds them at
the top of 我的任务 — in a real browser against the running server. The tasks are prepared directly in the server's
database: a one-step review process, five cases in 和平社区, three of them past their deadline."""
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update
from werkzeug.security import generate_password_hash

import engine
from assistance.core.households import open_case, register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Region, User
from tests.e2e.test_demo__flow import log_in
from tests.web.queue_helpers import review_process
from web import create_app
from web.database import session_factory

OVERDUE, CURRENT = ("逾期甲", "逾期乙", "逾期丙"), ("常规丁", "常规戊")
RECEIVER = "township_caseworker_dulin_b"


@pytest.fixture(scope="module")
def team(server):
    """Deploy the review process, add a second 都林街道 caseworker, and give the first one three overdue tasks and
    the second two current ones."""
    app = create_app({"DATABASE_URL": server.database_url, "SECRET_KEY": "e2e-prep", "TESTING": True})
    with app.app_context(), session_factory(app)() as s:
        engine.deploy(s, {"q_review.bpmn": review_process().encode(),
                          "q_form.json": b'{"type": "object", "properties": {"opinion": {"type": "string"}}}'})
        heping = s.scalar(select(Region).where(Region.code == "152201001001"))
        first = s.scalar(select(User).where(User.username == "township_caseworker_dulin"))
        receiver = User(username=RECEIVER, display_name="都林接收经办人", role=first.role, region_id=first.region_id,
                        password_hash=generate_password_hash(server.demo_password, "pbkdf2:sha256:1000"))
        s.add(receiver)
        s.flush()
        for i, name in enumerate(OVERDUE + CURRENT):
            task = _case_task(s, heping, name, serial=701 + 2 * i)
            holder = first if name in OVERDUE else receiver
            engine.transitions.assign(s, task.id, holder.id, actor_id=None, reason="演示数据")
            due = engine.clock.now() + (timedelta(days=-(2 + i)) if name in OVERDUE else timedelta(days=30 + i))
            s.execute(update(engine.HumanTask).where(engine.HumanTask.id == task.id).values(due_dt=due))
        s.commit()
    app.extensions["doudi.db_engine"].dispose()


def _case_task(s, village, name, serial):
    household = register_household(s, region_id=village.id, address=f"和平社区{serial}号", is_urban=True, actor_id=None,
                                   members=[{"name": name, "relation": "本人", "is_applicant": True,
                                             "id_number": compose_id_number("152201", date(1961, 5, 1), serial)}])
    case = open_case(s, household=household, programme="q_review", actor_id=None)
    inst = engine.start(s, "q_review", region_id=village.id, business_key=str(case.id),
                        data={"due_wd": 3, "prio": 0}, summary={"title": f"{name}家申请", "case_number": case.number})
    return s.scalar(select(engine.HumanTask).where(engine.HumanTask.instance_id == inst.id))


def test_supervisor_bulk_reassigns_three_overdue_tasks_and_they_lead_the_receivers_queue(page, server, team):
    log_in(page, "supervisor_wulanhaote", server.demo_password)
    page.goto("/team?tab=overdue")
    for name in OVERDUE:
        row = page.locator("tr", has_text=name)
        expect(row).to_contain_text("已逾期")
        expect(row).to_contain_text("都林街道乡镇经办人")
        row.locator("input[name=task_id]").check()
    page.select_option("select[name=user_id]", label="都林接收经办人（乡镇经办人）")
    page.fill("#bulk input[name=reason]", "原经办人任务积压，调整分工")
    page.get_by_role("button", name="批量改派所选任务").click()
    expect(page.locator("main")).to_contain_text("成功 3 项，未成功 0 项")

    log_in(page, RECEIVER, server.demo_password)
    page.goto("/")
    expect(page.locator("nav.tabs")).to_contain_text("我的待办（5）")
    rows = page.locator("#queue tbody tr")
    expect(rows).to_have_count(5)
    for position, name in enumerate(OVERDUE[::-1] + CURRENT):    # the longest overdue first
        expect(rows.nth(position)).to_contain_text(name)
    for position in range(3):
        expect(rows.nth(position)).to_contain_text("已逾期")
    expect(page.locator("header")).to_contain_text("通知")
    page.goto("/inbox")
    expect(page.locator("main")).to_contain_text("原经办人任务积压，调整分工")
