"""make bench (e): the first page of 我的任务 and 团队任务 — the real WHERE clauses of assistance.core.access and the queue
filters, sorted by urgency — at 100,000 and 1,000,000 open tasks on PostgreSQL, in a scratch database that is
created and dropped here. Needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a postgresql+psycopg URL)."""
import json
import statistics
import time
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

import assistance
import web
from assistance.core import access
from assistance.core.models import Region
from assistance.worklist import sla
from engine import clock
from engine.db import Base
from web.queue.controllers import count, page_query, tabs_for
from web.queue.filters import QueueFilter
from web.supervise.controllers import team_tabs

from . import queue_data
from .scratch import postgres_base, scratch_postgres

SIZES = (100_000, 1_000_000)
GOAL_MS = 50
NOW = datetime(2026, 3, 2, 9, tzinfo=timezone(timedelta(hours=8)))


def main():
    web.load_models()
    assistance.register_all()
    if not postgres_base():
        print("(h) queue at 100,000 / 1,000,000 open tasks: skipped — set BENCH_DATABASE_URL (or TEST_DATABASE_URL) "
              "to a PostgreSQL URL; a scratch database is created and dropped there")
        return
    clock.use(clock.FrozenClock(NOW))
    with scratch_postgres("doudi_bench_queue") as db:
        run(db)


def run(db):
    Base.metadata.create_all(db)
    with db.begin() as conn:
        tree = queue_data.load_regions(conn)
        queue_data.load_households(conn, tree, NOW)
        definitions = queue_data.load_definitions(conn, NOW)
    loaded = 0
    for size in SIZES:
        started = time.perf_counter()
        with db.begin() as conn:
            queue_data.load_tasks(conn, tree, definitions, loaded + 1, size, NOW)
        with db.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
        print(f"(h) {size:,} open tasks loaded with COPY in {time.perf_counter() - started:.0f} s:")
        loaded = size
        measure(sessionmaker(db), tree)


def people(session, tree) -> dict:
    """Users of each kind, spread over the tree (the benchmark needs their role and region, not their rows)."""
    def user(role, region_id, uid=0):
        return SimpleNamespace(id=uid, role=role, region_id=region_id, region=session.get(Region, region_id),
                               department=None)
    return {"caseworkers": [user("township_caseworker", t, i) for i, (t, _c) in enumerate(tree.townships[::97][:10])],
            "holders": [user("township_caseworker", tree.townships[0][0], uid) for uid in range(1, 4000, 400)],
            "counties": [user("supervisor", c) for c, _league in tree.counties[::5][:10]],
            "league": [user("supervisor", 1)]}


def scenarios(who, tree):
    """(label, users, tab clause of a user, filter): each is run for several users of its kind."""
    village = str(tree.villages[123][0])
    return [
        ("我的任务 可认领", who["caseworkers"], access.claimable_by, QueueFilter()),
        ("我的任务 可认领 流程+已逾期", who["caseworkers"], access.claimable_by,
         QueueFilter(process="dibao_application", due="overdue")),
        ("我的任务 我的待办", who["holders"], access.assigned_to, QueueFilter()),
        ("团队任务 县 全部", who["counties"], access.team_tasks, QueueFilter()),
        ("团队任务 县 流程+即将到期", who["counties"], access.team_tasks,
         QueueFilter(process="dibao_application", due="soon")),
        ("团队任务 盟 全部", who["league"], access.team_tasks, QueueFilter()),
        ("团队任务 盟 环节+优先级≥2+已逾期", who["league"], access.team_tasks,
         QueueFilter(step="Task_survey", priority="2", due="overdue")),
        ("团队任务 盟 按村", who["league"], access.team_tasks, QueueFilter(region=village)),
        ("团队任务 盟 按身份证号", who["league"], access.team_tasks, QueueFilter(q=queue_data.id_number(4242))),
    ]


def measure(factory, tree):
    with factory() as session:
        soon = sla.soon_limit(session, 1, NOW)
        who = people(session, tree)
        for label, users, tab, flt in scenarios(who, tree):
            wall, server, rows = [], [], 0
            for user in users * max(1, 10 // len(users)):
                stmt = page_query(session, tab(user), flt, NOW, soon)
                started = time.perf_counter()
                rows = len(session.scalars(stmt).all())
                wall.append(time.perf_counter() - started)
                server.append(_server_ms(session, stmt))
                session.expunge_all()
            worst = max(server)
            print(f"    {label:<28} first page ({rows} rows): server median {statistics.median(server):6.2f} ms, "
                  f"max {worst:6.2f} ms; with ORM {statistics.median(wall) * 1000:6.2f} ms"
                  f"{'' if worst < GOAL_MS else f'  (over the {GOAL_MS} ms goal)'}")
        _tab_counts(session, who["caseworkers"][0], who["league"][0], soon)


def _tab_counts(session, caseworker, league, soon):
    """The other queries of the page: every tab's count (capped at COUNT_CAP), with no filter."""
    for label, tabs in (("我的任务 3 个标签计数", {k: w(caseworker) for k, (_l, w) in tabs_for(caseworker).items()}),
                        ("团队任务 盟 6 个标签计数", {k: w for k, (_l, w) in team_tabs(league, NOW, soon).items()})):
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            for where in tabs.values():
                count(session, where, QueueFilter(), NOW, soon)
            timings.append(time.perf_counter() - started)
        print(f"    {label:<28} {statistics.median(timings) * 1000:6.2f} ms (with ORM)")


def _server_ms(session, stmt) -> float:
    """PostgreSQL's own execution time of the statement (EXPLAIN ANALYZE), without network and ORM."""
    compiled = stmt.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    plan = session.execute(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {compiled}")).scalar()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Execution Time"] + plan[0].get("Planning Time", 0)
