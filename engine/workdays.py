"""Working-day calendar: Chinese public holidays and 调休 make-up days from the chinese-calendar package, later years
imported by admins (calendar_year), single days overridden (calendar_day). A year known to neither is counted Monday
to Friday and reported as unverified, so pages can say so; a job reminds the admins each November."""
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import chinese_calendar
from chinese_calendar import constants
from sqlalchemy import delete, func, select

from . import audit, clock, events, jobs
from .errors import EngineError
from .models import CalendarDay, CalendarYear, HumanTask, Job, JobStatus, TaskState

CHINA = timezone(timedelta(hours=8))
END_OF_DAY = time(23, 59, 59)
PACKAGE_YEARS = frozenset(day.year for day in constants.holidays)   # the years chinese-calendar knows
OPEN_TASK = (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS, TaskState.SUSPENDED)


def _overrides(session, start: date, end: date) -> dict[date, bool]:
    rows = session.execute(select(CalendarDay.day, CalendarDay.is_workday)
                           .where(CalendarDay.day >= start, CalendarDay.day <= end))
    return dict(rows.all())


def _is_workday(day: date, overrides: dict[date, bool]) -> bool:
    if day in overrides:
        return overrides[day]
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:   # a year the package does not know: its imported days are overrides, the rest Mon-Fri
        return day.weekday() < 5


def _local(day: date | datetime) -> date:
    return day.astimezone(CHINA).date() if isinstance(day, datetime) else day


def is_workday(session, day: date) -> bool:
    return _is_workday(day, _overrides(session, day, day))


def add_working_days(session, start: date | datetime, n: int) -> date:
    """The date n working days after start (start itself not counted); n=0 gives the next working day on or after.
    Check unverified_years(session, start, result) to know whether it rests on a Monday-to-Friday guess."""
    start = _local(start)
    overrides = _overrides(session, start, start + timedelta(days=n * 3 + 30))
    day, left = start, n
    if n == 0:
        while not _is_workday(day, overrides):
            day += timedelta(days=1)
        return day
    while left > 0:
        day += timedelta(days=1)
        if _is_workday(day, overrides):
            left -= 1
    return day


def working_days_between(session, start: date | datetime, end: date | datetime) -> int:
    """Working days after start up to and including end (negative when end is before start)."""
    start, end = _local(start), _local(end)
    sign, lo, hi = (1, start, end) if end >= start else (-1, end, start)
    overrides = _overrides(session, lo, hi)
    count = sum(_is_workday(lo + timedelta(days=i), overrides) for i in range(1, (hi - lo).days + 1))
    return sign * count


def deadline(session, start: datetime, working_days: int) -> datetime:
    """The end (23:59:59 Beijing time) of the n-th working day after start: what 'within n 工作日' means."""
    return datetime.combine(add_working_days(session, start, working_days), END_OF_DAY, CHINA)


# --- which years are known ----------------------------------------------------------------------------------------

def is_year_loaded(session, year: int) -> bool:
    """The year's holidays and 调休 days are known: from chinese-calendar, or imported by an admin."""
    return year in PACKAGE_YEARS or session.get(CalendarYear, year) is not None


def unverified_years(session, start: date | datetime, end: date | datetime) -> list[int]:
    """The years from start to end (Beijing time) whose schedule is not loaded: there, only Mon-Fri counted."""
    first, last = sorted((_local(start).year, _local(end).year))
    imported = set(session.scalars(select(CalendarYear.year).where(CalendarYear.year.between(first, last))))
    return [y for y in range(first, last + 1) if y not in PACKAGE_YEARS and y not in imported]


def _new_year(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=CHINA)


def unverified_task_years(session) -> dict[int, int]:
    """Unloaded years that open tasks are due in -> how many tasks: the deadlines an admin should make exact."""
    is_open = HumanTask.state.in_(OPEN_TASK)
    lo, hi = session.execute(select(func.min(HumanTask.due_dt), func.max(HumanTask.due_dt)).where(is_open)).one()
    if lo is None:
        return {}
    counts = {}
    for year in unverified_years(session, lo, hi):
        n = session.scalar(select(func.count()).select_from(HumanTask).where(
            is_open, HumanTask.due_dt >= _new_year(year), HumanTask.due_dt < _new_year(year + 1)))
        if n:
            counts[year] = n
    return counts


@dataclass(frozen=True)
class YearStatus:
    """What the admin page says of a year: loaded from the package or a file (with its counts), or not."""
    year: int
    source: str | None          # "chinese-calendar", the imported file's name, or None: counted Mon-Fri
    holidays: int = 0           # days off (放假) listed, weekends inside a holiday included
    make_up_days: int = 0       # weekend days worked (调休上班)
    loaded_by: int | None = None
    loaded_dt: datetime | None = None

    @property
    def is_loaded(self) -> bool:
        return self.source is not None


def year_status(session, years) -> list[YearStatus]:
    result = []
    for year in sorted(set(years)):
        row = session.get(CalendarYear, year)
        if row is not None:
            counts = dict(session.execute(select(CalendarDay.is_workday, func.count()).where(
                CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31))).group_by(CalendarDay.is_workday)).all())
            result.append(YearStatus(year, row.source, counts.get(False, 0), counts.get(True, 0), row.loaded_by,
                                     row.loaded_dt))
        elif year in PACKAGE_YEARS:
            result.append(YearStatus(year, "chinese-calendar", sum(d.year == year for d in constants.holidays),
                                     sum(d.year == year for d in constants.workdays)))
        else:
            result.append(YearStatus(year, None))
    return result


# --- the schedule file and the admin's edits ----------------------------------------------------------------------

class ScheduleError(EngineError):
    """A schedule (or a day) that cannot be taken; errors lists every problem, each naming its line."""
    http_status = 422

    def __init__(self, errors: list[str]):
        super().__init__("节假日安排有误，未作任何更改：\n" + "\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Schedule:
    """One year's State Council holiday schedule, as read by parse_schedule."""
    year: int
    days: dict   # date -> (is_workday, name)


HEADERS = (("date", "kind"), ("日期", "类型"))
KINDS = {"holiday": False, "休": False, "放假": False, "workday": True, "班": True, "上班": True}
WEEKDAYS = "一二三四五六日"
NAME_MAX = 120
_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def parse_date(raw: str) -> date | None:
    """2027-01-01 (or 2027/1/1, as spreadsheets save it); None when it is not a real date of 2000-2100."""
    match = _DATE.fullmatch((raw or "").strip())
    try:
        day = date(*map(int, match.groups())) if match else None
    except ValueError:
        return None
    return day if day and 2000 <= day.year <= 2100 else None


def parse_schedule(data: bytes | str) -> Schedule:
    """Read a schedule file: CSV in UTF-8 (BOM or not) or GBK, a header `date,kind,name` (or `日期,类型,名称`), then
    one day per line, e.g. `2027-01-01,holiday,元旦` or `2027-02-20,workday,春节调休上班`. kind is holiday (休, 放假)
    or workday (班, 上班: a weekend day worked); name may be empty; blank lines and lines starting with # are skipped.
    Every problem is reported at once (ScheduleError); all days must fall in one year that chinese-calendar lacks."""
    errors, days, seen = [], {}, {}
    lines = _rows(data, errors)
    if lines and tuple(c.strip().lower() for c in lines[0][1][:2]) in HEADERS:
        lines = lines[1:]
    elif lines:
        errors.append(f"第 {lines[0][0]} 行：文件应以表头 date,kind,name（或 日期,类型,名称）开始。")
    for number, row in lines:
        cells = [c.strip() for c in row]
        if any(cells[3:]):
            errors.append(f"第 {number} 行：应为 日期,类型,名称 三列，实有 {len(cells)} 列。")
            continue
        raw_day, raw_kind, name = (cells + ["", ""])[:3]
        day, is_workday = parse_date(raw_day), KINDS.get(raw_kind.lower())
        if day is None:
            errors.append(f"第 {number} 行：日期「{raw_day}」无效，应写成 2027-01-01 的格式。")
        if is_workday is None:
            errors.append(f"第 {number} 行：类型「{raw_kind}」无法识别，应为 holiday（放假）或 workday（调休上班）。")
        if len(name) > NAME_MAX:
            errors.append(f"第 {number} 行：名称过长（最多 {NAME_MAX} 字）。")
        if day is None:
            continue
        if day in seen:
            errors.append(f"第 {number} 行：日期 {day} 与第 {seen[day]} 行重复。")
        elif is_workday and day.weekday() < 5:
            errors.append(f"第 {number} 行：{day} 是星期{WEEKDAYS[day.weekday()]}，本就是工作日；"
                          "workday 只用于周末调休上班的日子。")
        seen.setdefault(day, number)   # every readable date counts towards the one-year check
        days[day] = (is_workday, name)
    years = sorted({d.year for d in seen})
    if len(years) > 1:
        errors.append(f"文件包含 {'、'.join(map(str, years))} 年的日期：一个文件只能载入一年的安排。")
    elif years and years[0] in PACKAGE_YEARS:
        errors.append(f"{years[0]} 年的安排已由 chinese-calendar 软件包提供，不能整年导入；个别日期请逐日设置。")
    elif not years and not errors:
        errors.append("文件中没有任何日期。")
    if errors:
        raise ScheduleError(errors)
    return Schedule(years[0], days)


def _rows(data: bytes | str, errors: list) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every line that is not blank or a # comment."""
    if isinstance(data, bytes):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                data = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            errors.append("文件不是文本：应为 UTF-8 或 GBK 编码的 CSV 文件。")
            return []
    reader, rows = csv.reader(io.StringIO(data.lstrip("\ufeff"))), []
    try:
        for row in reader:
            if any(c.strip() for c in row) and not row[0].lstrip().startswith("#"):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        errors.append(f"第 {reader.line_num} 行：无法按 CSV 读取（{exc}）。")
    return rows


def load_year(session, schedule: Schedule, *, source: str, actor_id: int | None = None) -> CalendarYear:
    """Replace the year's days with the schedule's and mark the year loaded: importing a year again is safe.
    Single days set earlier in that year are replaced too (the file is the whole schedule)."""
    year = schedule.year
    before = year_status(session, [year])[0]
    session.execute(delete(CalendarDay).where(CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31))))
    session.add_all(CalendarDay(day=day, is_workday=is_workday, note=name or None)
                    for day, (is_workday, name) in sorted(schedule.days.items()))
    row = session.get(CalendarYear, year) or CalendarYear(year=year)
    row.loaded_by, row.loaded_dt, row.source = actor_id, clock.now(), source[:200]
    session.add(row)
    session.flush()
    after = year_status(session, [year])[0]
    audit.record(session, "calendar.import", actor_id=actor_id, subject=f"calendar:{year}",
                 before=_counts(before) if before.is_loaded else None, after=_counts(after))
    return row


def _counts(status: YearStatus) -> dict:
    return {"source": status.source, "holidays": status.holidays, "make_up_days": status.make_up_days}


def set_day(session, day: date, is_workday: bool, name: str = "", *, actor_id: int | None = None) -> CalendarDay:
    """Make one day a holiday or a working day (a correction, or a day added after the schedule was published)."""
    name = (name or "").strip()
    if len(name) > NAME_MAX:
        raise ScheduleError([f"名称过长（最多 {NAME_MAX} 字）。"])
    row = session.get(CalendarDay, day)
    before = None if row is None else {"is_workday": row.is_workday, "name": row.note}
    if row is None:
        row = CalendarDay(day=day)
        session.add(row)
    row.is_workday, row.note = is_workday, name or None
    session.flush()
    audit.record(session, "calendar.set", actor_id=actor_id, subject=f"calendar:{day.isoformat()}",
                 before=before, after={"is_workday": is_workday, "name": row.note})
    return row


# --- the yearly reminder ------------------------------------------------------------------------------------------

REMINDER_KIND = "calendar.reminder"
MISSING_EVENT = "calendar.year_missing"   # emitted with year=…; the domain tells the admins


def reminder_due(now: datetime) -> datetime:
    """The next 1 November, 00:00 Beijing time, after now: the State Council publishes around then."""
    this_year = datetime(now.astimezone(CHINA).year, 11, 1, tzinfo=CHINA)
    return this_year if this_year > now else this_year.replace(year=this_year.year + 1)


def ensure_reminder(session) -> Job:
    """The pending reminder job, scheduled if there is none. In November and December it is due at once, as next
    year may still be missing."""
    now = clock.now()
    return jobs.ensure_one(session, REMINDER_KIND, now if now.astimezone(CHINA).month >= 11 else reminder_due(now))


@jobs.handler(REMINDER_KIND)
def _remind(session, job) -> None:
    """Announce next year's missing schedule (once per run), then come back next November."""
    year = job.due_dt.astimezone(CHINA).year + 1
    if not is_year_loaded(session, year):
        audit.record(session, "calendar.reminder", subject=f"calendar:{year}", after={"year": year, "loaded": False})
        events.emit(MISSING_EVENT, session, year=year)
    other = session.scalar(select(Job.id).where(Job.kind == REMINDER_KIND, Job.status == JobStatus.PENDING,
                                                Job.id != job.id).limit(1))
    if other is None:
        jobs.schedule(session, REMINDER_KIND, reminder_due(clock.now()))
