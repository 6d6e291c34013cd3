"""Command-line entry points: flask --app web deploy | worker | seed-demo | serve."""
import os
import secrets
import socket
import threading

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

import engine
from assistance.core.models import RegionLevel, User
from assistance.steps.discussion import departments
from demo import dibao_cases as demo_cases
from demo import jurisdiction as demo
from demo import temporary_cases as demo_temporary
from engine import jobs

from . import settings
from .database import session_factory
from .filters import role_name


def register(app) -> None:
    for command in (deploy, worker, seed_demo, serve):
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
    _print_demo_accounts(app)
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
