"""The queue shows the *case* clock beside each task's own due date (S2 art. 22: 30 working days from 受理 for the
whole 低保 case), read for the whole page in one query; once the limit passes and the job has run, the case is
shown overdue and its steps wait in the supervisors' 升级待处理 tab."""
import re

from sqlalchemy import event

import engine
from assistance.core.case_clock import CaseProgress
from assistance.core.models import Case
from tests.web.test_dibao__case_section import case_of, seeded

CASEWORKER, SUPERVISOR = "township_caseworker_dulin", "supervisor_wulanhaote"


def row_of(page: str, case_number: str) -> str:
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if f">{case_number}<" in r]
    assert rows, f"no row of {case_number}"
    return rows[0]


def case_progress_queries(app, browser, url) -> tuple[str, int]:
    """The page, and how many SQL statements read case_progress to render it."""
    seen = []

    def count(_conn, _cursor, statement, *_args):
        if "case_progress" in statement:
            seen.append(statement)
    db = app.extensions["doudi.db_engine"]
    event.listen(db, "before_cursor_execute", count)
    try:
        page = browser.get(url).get_data(as_text=True)
    finally:
        event.remove(db, "before_cursor_execute", count)
    return page, len(seen)


def number(session_factory, applicant) -> str:
    with session_factory() as s:
        return s.get(Case, case_of(session_factory, applicant)).number


def test_s2_art_22_the_queue_shows_each_cases_working_days_left_in_one_query(app, login, session_factory):
    seeded(session_factory)
    page, reads = case_progress_queries(app, login(CASEWORKER), "/?tab=claimable")
    investigated = row_of(page, number(session_factory, "冯志刚"))           # accepted today: 入户调查 due in 3
    assert "剩余 3 个工作日" in investigated and "案件剩余 30 个工作日" in investigated
    assert "案件剩余" not in row_of(page, number(session_factory, "韩立新"))   # not accepted yet: no case clock
    assert page.count("案件剩余") >= 2 and reads == 1                      # one query for the page, not per row


def test_s2_art_22_past_the_limit_the_queue_says_the_case_is_overdue(app, login, session_factory, clock):
    seeded(session_factory)
    case_id = case_of(session_factory, "冯志刚")
    clock.advance(days=60)
    while engine.run_due_jobs(session_factory, "w"):
        pass
    with session_factory() as s:
        assert s.get(CaseProgress, case_id).overdue_dt is not None
    boss = login(SUPERVISOR)
    escalated = row_of(boss.get("/?tab=escalated").get_data(as_text=True), number(session_factory, "冯志刚"))
    assert "案件已超期" in escalated and "已升级" in escalated
    section = boss.get(f"/cases/{case_id}/dibao").get_data(as_text=True)
    assert "案件已超期" in section and "升级至主管" in section
    refused = row_of(login(CASEWORKER).get("/?tab=claimable").get_data(as_text=True),
                     number(session_factory, "朱德明"))                    # decided: its clock has stopped
    assert "送达不予确认通知书" in refused and "案件剩余" not in refused and "案件已超期" not in refused
