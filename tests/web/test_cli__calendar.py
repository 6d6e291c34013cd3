"""flask --app web calendar import | set | status, and the November reminder scheduled once at worker start."""
from datetime import date, datetime

from sqlalchemy import func, select

from engine import CalendarDay, Job, JobStatus, jobs, workdays
from engine.models import CalendarYear
from tests.conftest import CST

SCHEDULE = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-20,workday,春节调休上班\n"


def days(session_factory):
    with session_factory() as s:
        return {d.day: (d.is_workday, d.note) for d in s.scalars(select(CalendarDay))}


def test_import_loads_the_year_and_importing_again_replaces_it(app, tmp_path, session_factory, clock):
    clock.set(datetime(2026, 12, 4, 10, tzinfo=CST))
    runner, path = app.test_cli_runner(), tmp_path / "2027.csv"
    path.write_text(SCHEDULE, encoding="utf-8")
    result = runner.invoke(args=["calendar", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "已载入 2027 年节假日安排：放假 2 天，调休上班 1 天。" in result.output
    path.write_text("日期,类型,名称\n2027-01-01,休,元旦\n", encoding="gbk")
    assert runner.invoke(args=["calendar", "import", str(path)]).exit_code == 0
    assert days(session_factory) == {date(2027, 1, 1): (False, "元旦")}
    with session_factory() as s:
        year = s.get(CalendarYear, 2027)
        assert (year.source, year.loaded_by) == ("2027.csv", None)
    status = runner.invoke(args=["calendar", "status"]).output
    assert "2026：已载入（chinese-calendar" in status and "2027：已载入（2027.csv，放假 1 天" in status
    assert "2028：未载入，仅按周一至周五计算" in status


def test_a_bad_file_exits_1_lists_every_problem_and_writes_nothing(app, tmp_path, session_factory):
    path = tmp_path / "bad.csv"
    path.write_text("date,kind,name\n2027-01-32,holiday,元旦\n2028-01-01,weekend,元旦\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["calendar", "import", str(path)])
    assert result.exit_code == 1
    assert "第 2 行：日期「2027-01-32」无效" in result.output and "第 3 行：类型「weekend」无法识别" in result.output
    assert "未作任何更改" in result.output
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(CalendarYear)) == 0
    assert days(session_factory) == {}


def test_set_a_single_day(app, session_factory):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["calendar", "set", "2027-10-09", "--workday", "--name", "国庆调休上班"])
    assert result.exit_code == 0 and "已将 2027-10-09 设为工作日。" in result.output
    assert runner.invoke(args=["calendar", "set", "2027-10-01", "--holiday"]).exit_code == 0
    assert days(session_factory) == {date(2027, 10, 9): (True, "国庆调休上班"), date(2027, 10, 1): (False, None)}
    no_kind = runner.invoke(args=["calendar", "set", "2027-10-02"])
    assert no_kind.exit_code == 1 and "请指定 --holiday（放假）或 --workday（上班）" in no_kind.output
    bad_day = runner.invoke(args=["calendar", "set", "2027-10-32", "--holiday"])
    assert bad_day.exit_code == 1 and "日期「2027-10-32」无效" in bad_day.output
    assert len(days(session_factory)) == 2


def test_every_worker_start_leaves_one_pending_reminder(app, monkeypatch, session_factory):
    monkeypatch.setattr(jobs, "work_forever", lambda factory, worker_id, **kw: None)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["worker"]).exit_code == 0
    assert runner.invoke(args=["worker"]).exit_code == 0
    with session_factory() as s:
        due = s.scalars(select(Job.due_dt).where(Job.kind == workdays.REMINDER_KIND,
                                                 Job.status == JobStatus.PENDING)).all()
    assert due == [datetime(2026, 11, 1, tzinfo=CST)]
