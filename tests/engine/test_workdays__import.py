"""A year's schedule file: every problem reported at once with its line and nothing written; importing a year again
replaces that year (and only that year); single days set by an admin; everything audited."""
from datetime import date

import pytest
from sqlalchemy import func, select

from engine import AuditEvent, CalendarDay, workdays
from engine.models import CalendarYear


def rows(session):
    return (session.scalar(select(func.count()).select_from(CalendarDay)),
            session.scalar(select(func.count()).select_from(CalendarYear)))


def refusal(text) -> list[str]:
    with pytest.raises(workdays.ScheduleError) as caught:
        workdays.parse_schedule(text)
    return caught.value.errors


def test_a_file_with_a_bad_date_an_unknown_kind_and_a_second_year_is_refused_whole(session):
    errors = refusal("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n"
                     "2027-02-20,rest,调休\n2028-01-01,holiday,元旦\n")
    assert errors == ["第 3 行：日期「2027-02-30」无效，应写成 2027-01-01 的格式。",
                      "第 4 行：类型「rest」无法识别，应为 holiday（放假）或 workday（调休上班）。",
                      "文件包含 2027、2028 年的日期：一个文件只能载入一年的安排。"]
    assert rows(session) == (0, 0)


def test_other_refusals(session):
    assert refusal("2027-01-01,holiday\n")[0] == "第 1 行：文件应以表头 date,kind,name（或 日期,类型,名称）开始。"
    assert refusal("date,kind\n2027-01-01,holiday\n2027-01-01,休\n") == ["第 3 行：日期 2027-01-01 与第 2 行重复。"]
    assert refusal("date,kind\n2027-02-22,workday\n") == [
        "第 2 行：2027-02-22 是星期一，本就是工作日；workday 只用于周末调休上班的日子。"]
    assert refusal("date,kind\n2026-10-01,holiday\n") == [
        "2026 年的安排已由 chinese-calendar 软件包提供，不能整年导入；个别日期请逐日设置。"]
    assert refusal("date,kind,name\n# 还没有日期\n") == ["文件中没有任何日期。"]
    assert refusal("date,kind,name\n2027-01-01,holiday,元旦,多余\n") == ["第 2 行：应为 日期,类型,名称 三列，实有 4 列。"]
    assert refusal(b"\x00\xff\xfe binary") != []


def test_chinese_header_gbk_encoding_comments_and_spreadsheet_dates_are_read():
    text = "日期,类型,名称\n# 2027 年\n\n2027/1/1,休,元旦\n2027-02-20,班,春节调休上班\n"
    schedule = workdays.parse_schedule(text.encode("gbk"))
    assert schedule.year == 2027
    assert schedule.days == {date(2027, 1, 1): (False, "元旦"), date(2027, 2, 20): (True, "春节调休上班")}
    assert workdays.parse_schedule(("\ufeff" + text).encode("utf-8")).days == schedule.days


def test_importing_a_year_again_replaces_only_that_year(session):
    workdays.set_day(session, date(2028, 1, 1), False, "元旦", actor_id=1)
    first = workdays.parse_schedule("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-08,holiday,春节\n")
    workdays.load_year(session, first, source="2027.csv", actor_id=1)
    workdays.load_year(session, first, source="2027.csv", actor_id=1)       # the same file twice: same rows
    assert rows(session) == (3, 1)
    workdays.set_day(session, date(2027, 5, 3), False, "地方假日", actor_id=1)
    second = workdays.parse_schedule("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-10,holiday,春节\n")
    workdays.load_year(session, second, source="2027-更正.csv", actor_id=2)
    session.commit()
    days = session.scalars(select(CalendarDay.day).order_by(CalendarDay.day)).all()
    assert [d.isoformat() for d in days] == ["2027-01-01", "2027-02-10", "2028-01-01"]
    year = session.get(CalendarYear, 2027)
    assert (year.source, year.loaded_by) == ("2027-更正.csv", 2)
    imports = session.scalars(select(AuditEvent).where(AuditEvent.action == "calendar.import")
                              .order_by(AuditEvent.id)).all()
    assert [e.before for e in imports] == [None, {"source": "2027.csv", "holidays": 2, "make_up_days": 0},
                                           {"source": "2027.csv", "holidays": 3, "make_up_days": 0}]
    assert imports[-1].after == {"source": "2027-更正.csv", "holidays": 2, "make_up_days": 0}


def test_set_day_overrides_and_is_audited(session):
    workdays.set_day(session, date(2027, 10, 9), True, "国庆调休上班", actor_id=5)
    workdays.set_day(session, date(2027, 10, 9), False, "", actor_id=5)
    session.commit()
    assert not workdays.is_workday(session, date(2027, 10, 9))
    assert not workdays.is_year_loaded(session, 2027)     # a single day is a correction, not the year's schedule
    sets = session.scalars(select(AuditEvent).where(AuditEvent.action == "calendar.set").order_by(AuditEvent.id)).all()
    assert [(e.actor_id, e.subject, e.before, e.after) for e in sets] == [
        (5, "calendar:2027-10-09", None, {"is_workday": True, "name": "国庆调休上班"}),
        (5, "calendar:2027-10-09", {"is_workday": True, "name": "国庆调休上班"}, {"is_workday": False, "name": None})]
    with pytest.raises(workdays.ScheduleError):
        workdays.set_day(session, date(2027, 10, 9), True, "长" * 121)
