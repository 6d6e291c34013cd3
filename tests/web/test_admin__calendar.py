"""管理 / 工作日历: only admins load a year's holiday schedule or set a day; the page shows each year's status; a task
due in a year not loaded says its deadline is a Monday-to-Friday count; the November reminder reaches the admins."""
import io
from datetime import datetime

import pytest
from sqlalchemy import func, select

import engine
from assistance.worklist.notifications import Notification
from engine import AuditEvent, CalendarDay, workdays
from engine.models import CalendarYear
from tests.conftest import CST

ADMIN = "admin_xinganmeng"
SCHEDULE_2027 = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-20,workday,春节调休上班\n"
WARNING = "办理期限按周一至周五推算：2027年节假日安排尚未载入"


def upload(browser, text: str, filename="2027.csv"):
    return browser.post("/admin/calendar/import", data={"file": (io.BytesIO(text.encode("utf-8")), filename)})


def year_row(page: str, year: int) -> str:
    start = page.index(f'<tr id="year-{year}">')
    return page[start:page.index("</tr>", start)]


def stored(session_factory):
    with session_factory() as s:
        return (s.scalar(select(func.count()).select_from(CalendarDay)),
                s.scalar(select(func.count()).select_from(CalendarYear)))


@pytest.mark.parametrize("username", ["county_caseworker_wulanhaote", "supervisor_xinganmeng", "auditor_xinganmeng",
                                      "village_assistant_heping"])
def test_only_admins(username, login, session_factory):
    user = login(username)
    assert user.get("/admin/calendar").status_code == 403
    assert upload(user, SCHEDULE_2027).status_code == 403
    assert user.post("/admin/calendar/day", data={"day": "2027-10-09", "kind": "workday"}).status_code == 403
    assert stored(session_factory) == (0, 0)


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get("/admin/calendar").status_code in (302, 303)


def test_admin_uploads_a_year_and_the_status_changes(login, session_factory, clock):
    clock.set(datetime(2026, 12, 4, 10, tzinfo=CST))
    admin = login(ADMIN)
    page = admin.get("/admin/calendar").get_data(as_text=True)
    assert "已载入" in year_row(page, 2026) and "chinese-calendar" in year_row(page, 2026)
    assert "仅按周一至周五计算" in year_row(page, 2027) and "仅按周一至周五计算" in year_row(page, 2028)
    response = upload(admin, SCHEDULE_2027)
    assert response.status_code == 303
    assert "已载入 2027 年节假日安排：放假 2 天，调休上班 1 天。" in admin.get("/admin/calendar").get_data(as_text=True)
    row = year_row(admin.get("/admin/calendar").get_data(as_text=True), 2027)
    assert "已载入" in row and "2027.csv" in row and "2 天" in row and "1 天" in row
    assert "2026-12-04 10:00" in row
    with session_factory() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "calendar.import"))
        assert (event.subject, event.after["holidays"]) == ("calendar:2027", 2)
        assert s.get(CalendarYear, 2027).loaded_by == event.actor_id
    assert "仅按周一至周五计算" in year_row(admin.get("/admin/calendar").get_data(as_text=True), 2028)


def test_a_bad_file_lists_every_problem_and_changes_nothing(login, session_factory):
    admin = login(ADMIN)
    response = upload(admin, "date,kind,name\n2027-13-01,holiday,元旦\n2027-02-06,rest,春节\n2028-01-01,holiday,元旦\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "第 2 行：日期「2027-13-01」无效" in page and "第 3 行：类型「rest」无法识别" in page
    assert "文件包含 2027、2028 年的日期" in page
    assert stored(session_factory) == (0, 0)
    assert admin.post("/admin/calendar/import", data={}).status_code == 422     # no file chosen


def test_admin_sets_a_single_day(login, session_factory):
    admin = login(ADMIN)
    response = admin.post("/admin/calendar/day", data={"day": "2027-10-09", "kind": "workday", "name": "国庆调休上班"})
    assert response.status_code == 303
    with session_factory() as s:
        assert workdays.is_workday(s, datetime(2027, 10, 9).date())
        assert s.get(CalendarDay, datetime(2027, 10, 9).date()).note == "国庆调休上班"
        assert s.scalar(select(AuditEvent.subject).where(AuditEvent.action == "calendar.set")) == "calendar:2027-10-09"
    bad = admin.post("/admin/calendar/day", data={"day": "2027-02-30", "kind": "holiday"})
    assert bad.status_code == 422 and "日期「2027-02-30」无效" in bad.get_data(as_text=True)
    assert admin.post("/admin/calendar/day", data={"day": "2027-05-06", "kind": "maybe"}).status_code == 422
    assert stored(session_factory) == (1, 0)


def test_task_due_in_an_unloaded_year_warns_until_the_year_is_loaded(clock, start_case, open_task, login):
    clock.set(datetime(2026, 12, 30, 9, tzinfo=CST))
    task = open_task(start_case())
    assert task.due_dt.astimezone(CST).year == 2027
    worker = login("township_caseworker_dulin")
    assert WARNING in worker.get(f"/tasks/{task.id}").get_data(as_text=True)
    admin = login(ADMIN)
    assert "2027年（1 个任务）" in admin.get("/admin/jobs").get_data(as_text=True)        # the admin dashboard
    assert "1 个办理中的任务期限落在该年" in year_row(admin.get("/admin/calendar").get_data(as_text=True), 2027)
    assert upload(admin, SCHEDULE_2027).status_code == 303
    assert WARNING not in worker.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "calendar-unverified" not in admin.get("/admin/jobs").get_data(as_text=True)


def test_a_task_due_this_year_has_no_warning(start_case, open_task, login):
    task = open_task(start_case())     # March 2026: chinese-calendar knows the year
    assert "节假日安排尚未载入" not in login("township_caseworker_dulin").get(f"/tasks/{task.id}").get_data(as_text=True)


def admin_notes(session_factory):
    with session_factory() as s:
        return s.execute(select(Notification.user_id, Notification.title)
                         .where(Notification.kind == "calendar.year_missing")).all()


def test_november_reminder_tells_the_admins_once_and_comes_back_a_year_later(app, session_factory, clock, user_id):
    with session_factory() as s:
        workdays.ensure_reminder(s)
        s.commit()
    clock.set(datetime(2026, 11, 1, 8, tzinfo=CST))
    assert engine.run_due_jobs(session_factory, "w") == 1
    assert engine.run_due_jobs(session_factory, "w") == 0
    assert admin_notes(session_factory) == [(user_id(ADMIN), "2027年节假日安排尚未载入")]
    with session_factory() as s:
        [job] = s.scalars(select(engine.Job).where(engine.Job.kind == workdays.REMINDER_KIND,
                                                   engine.Job.status == engine.JobStatus.PENDING)).all()
        assert job.due_dt == datetime(2027, 11, 1, tzinfo=CST)


def test_november_reminder_is_quiet_when_next_year_is_loaded(app, login, session_factory, clock):
    assert upload(login(ADMIN), SCHEDULE_2027).status_code == 303
    with session_factory() as s:
        workdays.ensure_reminder(s)
        s.commit()
    clock.set(datetime(2026, 11, 1, 8, tzinfo=CST))
    assert engine.run_due_jobs(session_factory, "w") == 1
    assert admin_notes(session_factory) == []
