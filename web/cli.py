"""Command-line entry points: flask --app web deploy | worker | seed-demo | serve | calendar | audit."""
import logging
import os
import secrets
import socket
import threading

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

import engine
from assistance.core.models import RegionLevel, User
from assistance.steps.discussion import departments
from demo import dibao_cases as demo_cases
from demo import jurisdiction as demo
from demo import temporary_cases as demo_temporary
from engine import audit, audit_watch, jobs, workdays

from . import settings
from .database import session_factory
from .filters import role_name


def register(app) -> None:
    for command in (deploy, worker, seed_demo, serve, calendar_group, audit_group):
        app.cli.add_command(command)


def _worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@click.command("deploy")
@with_appcontext
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def deploy(paths):
    """Deploy BPMN/DMN/form files or folders as new process versions (unchanged content keeps its version)."""
    with session_factory()() as session:
        try:
            results = engine.deploy(session, list(paths))
        except engine.DeployError as exc:
            session.rollback()
            for error in exc.errors:
                click.echo(error, err=True)
            raise SystemExit(1) from None
        session.commit()
    for r in results:
        click.echo(f"{r.process_key}: 版本 {r.version}（{'新' if r.is_new else '未变化'}）")


@click.command("worker")
@with_appcontext
def worker():
    """Run due jobs (timers, retries) until interrupted; any number of workers may run side by side."""
    click.echo(f"后台作业进程 {_worker_id()} 已启动")
    _schedule_recurring_jobs(current_app)
    jobs.work_forever(session_factory(), _worker_id())


def _demo_password(app) -> str:
    """One password for every demo account: configured (DOUDI_DEMO_PASSWORD), else generated once per instance."""
    return app.config.get("DEMO_PASSWORD") or settings.instance_secret(
        app.instance_path, "demo_password", make=lambda: secrets.token_urlsafe(9))


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Create the demo regions, users and households that are missing (safe to re-run), and — once the processes
    are deployed — 低保 cases at every stage of the procedure."""
    password = _demo_password(current_app)
    with session_factory()() as session:
        accounts = demo.seed_demo(session, password=password)
        session.commit()
        cases = demo_cases.seed_demo_cases(session)
        session.commit()
        temporary = demo_temporary.seed_demo_temporary(session)
        session.commit()
    if cases:
        click.echo(f"已生成 {cases} 个处于各办理环节的低保演示案件。")
    if temporary:
        click.echo(f"已生成 {temporary} 个临时救助演示案件（先行救助、补齐手续、支出型、分级审批、一事一议、分阶段发放）。")
    click.echo(f"演示账号（共 {len(accounts)} 个，密码均为 {password}）：")
    for account in accounts:
        click.echo(f"  {account.username:40} {role_name(account.role)}  {account.region}")


@click.command("serve")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--demo-clock", is_flag=True, help="let an admin move this server's clock forward (演示时钟)")
def serve(host, port, demo_clock):
    """The embedded set-up: the web server with the job worker as a thread of the same process."""
    app = current_app._get_current_object()
    if demo_clock or app.config["DEMO_CLOCK"]:
        app.config["DEMO_CLOCK"] = True
        engine.clock.use(engine.clock.OffsetClock())
        click.echo("演示时钟已启用：管理员可在「管理 → 演示时钟」拨快时间，观察定时器触发。")
    if app.config["SESSION_COOKIE_SECURE"] is None:   # this is Werkzeug's plain-http server: a Secure cookie never returns
        app.config["SESSION_COOKIE_SECURE"] = False
    _print_demo_accounts(app)
    _schedule_recurring_jobs(app)
    stop = threading.Event()
    thread = threading.Thread(target=jobs.work_forever, name="doudi-worker", daemon=True,
                              args=(session_factory(app), _worker_id()),
                              kwargs={"poll_seconds": app.config["JOB_POLL_SECONDS"], "stop": stop})
    thread.start()
    # Flask ignores app.run() inside the flask CLI (it expects `flask run`); serve is that run, plus the worker.
    os.environ.pop("FLASK_RUN_FROM_CLI", None)
    try:
        app.run(host=host, port=port, threaded=True, use_reloader=False)
    finally:
        stop.set()
        thread.join(timeout=10)


def _print_demo_accounts(app) -> None:
    if not (app.config.get("DEMO_PASSWORD") or os.path.exists(os.path.join(app.instance_path, "demo_password"))):
        return   # not a demo instance: never invent a password here
    password = _demo_password(app)
    with session_factory(app)() as session:
        users = session.scalars(select(User).where(User.username.in_(list(_demo_usernames(demo.XINGAN))),
                                                   User.is_enabled.is_(True)).order_by(User.region_id, User.id))
        lines = [f"  {u.username:40} {role_name(u.role)}  {u.region.name}" for u in users]
    click.echo(f"演示账号（密码均为 {password}）：")
    click.echo("\n".join(lines) or "  （尚无账号：先运行 flask --app web seed-demo）")


def _demo_usernames(place, level=RegionLevel.LEAGUE):
    """The usernames seed_demo gives (<role>_<place slug>), so only demo accounts are listed with the demo password."""
    for role in demo.LEVEL_ROLES[level]:
        yield f"{role}_{place.slug}"
    if level == RegionLevel.COUNTY:
        for department in departments.DEPARTMENTS:
            yield demo.member_username(department.code, place.slug)
    for child in place.children:
        yield from _demo_usernames(child, RegionLevel(level + 1))


def _schedule_recurring_jobs(app) -> None:
    """Every worker start makes sure the recurring jobs are pending: the November reminder to load next year's
    holidays, and the daily audit-trail verification (due at once)."""
    for ensure in (workdays.ensure_reminder, audit_watch.ensure_verification):
        try:
            with session_factory(app)() as session:
                ensure(session)
                session.commit()
        except Exception:   # noqa: BLE001 - like the job loop, a worker outlives a database that is down at start
            logging.getLogger(__name__).exception("scheduling %s failed; the next start retries", ensure.__name__)


@click.group("calendar")
def calendar_group():
    """工作日历: load a year's State Council holiday schedule, set single days, show each year's status."""


@calendar_group.command("import")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def calendar_import(file):
    """Load one year's holidays and 调休 days from a CSV file (date,kind,name; see engine.workdays.parse_schedule).
    Importing a year again replaces all of that year's days; on any error nothing is written."""
    with open(file, "rb") as f:
        data = f.read()
    try:
        schedule = workdays.parse_schedule(data)
    except workdays.ScheduleError as exc:
        for error in exc.errors:
            click.echo(error, err=True)
        click.echo("未作任何更改。", err=True)
        raise SystemExit(1) from None
    with session_factory()() as session:
        workdays.load_year(session, schedule, source=os.path.basename(file))
        session.commit()
        status = workdays.year_status(session, [schedule.year])[0]
    click.echo(f"已载入 {schedule.year} 年节假日安排：放假 {status.holidays} 天，调休上班 {status.make_up_days} 天。")


@calendar_group.command("set")
@with_appcontext
@click.argument("day")
@click.option("--holiday", "kind", flag_value="holiday", help="这一天放假")
@click.option("--workday", "kind", flag_value="workday", help="这一天上班（如周末调休）")
@click.option("--name", default="", help="名称，如 国庆节")
def calendar_set(day, kind, name):
    """Make one day (2027-10-09) a holiday or a working day."""
    parsed, errors = workdays.parse_date(day), []
    if parsed is None:
        errors.append(f"日期「{day}」无效，应写成 2027-01-01 的格式。")
    if kind is None:
        errors.append("请指定 --holiday（放假）或 --workday（上班）。")
    if len(name.strip()) > workdays.NAME_MAX:
        errors.append(f"名称过长（最多 {workdays.NAME_MAX} 字）。")
    if errors:
        click.echo("\n".join(errors), err=True)
        raise SystemExit(1)
    with session_factory()() as session:
        workdays.set_day(session, parsed, kind == "workday", name)
        session.commit()
    click.echo(f"已将 {parsed} 设为{'工作日' if kind == 'workday' else '放假'}。")


@calendar_group.command("status")
@with_appcontext
def calendar_status():
    """Each year from this one: loaded (and from where) or counted Monday to Friday."""
    this_year = engine.clock.now().astimezone(workdays.CHINA).year
    with session_factory()() as session:
        imported = session.scalars(select(engine.models.CalendarYear.year)
                                   .where(engine.models.CalendarYear.year >= this_year))
        years = workdays.year_status(session, {*range(this_year, this_year + 3), *imported})
    for y in years:
        click.echo(f"{y.year}：已载入（{y.source}，放假 {y.holidays} 天，调休上班 {y.make_up_days} 天）" if y.is_loaded
                   else f"{y.year}：未载入，仅按周一至周五计算")




@click.group("audit")
def audit_group():
    """审计日志: verify the keyed hash chain and its anchors."""


@audit_group.command("verify")
@with_appcontext
def audit_verify():
    """Check every audit row against its predecessor and the key, and the anchored heads; exit 1 on the first break."""
    with session_factory()() as session:
        broken = audit.check(session)
        count = session.scalar(select(func.count()).select_from(engine.models.AuditEvent))
    if broken is not None:
        click.echo(f"审计日志校验未通过：{broken.message}", err=True)
        raise SystemExit(1)
    click.echo(f"审计日志完整：共 {count} 条记录，校验通过。")
