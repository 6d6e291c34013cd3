"""make bench: engine overhead, per-step cost over a long instance, the 我的任务 query at 100,000 tasks, state size,
documents, the queue on PostgreSQL, and reserve-fund draws."""
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from uuid import UUID

from sqlalchemy import func, insert, select
from sqlalchemy.orm import sessionmaker

import assistance
import engine
import web
from assistance.core import access
from engine import clock, directory
from engine.db import Base, make_engine
from engine.models import HumanTask, TaskState
from engine.runtime import specs_of
from engine.spiff import dump_state, load_state
from web.queue.controllers import PAGE_SIZE, URGENCY

from . import documents as bench_documents
from . import queue as bench_queue
from . import reserve_fund as bench_reserve_fund

HERE = Path(__file__).parent


class BenchDirectory:
    def role_for_lane(self, name):
        return "township_caseworker"

    def route(self, session, role, region_id, group=None):
        return region_id, []

    def excluded_users(self, session, instance, element_id):
        return []


def ms(seconds):
    return f"{seconds * 1000:.2f} ms"


def setup():
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    db = make_engine(url)
    Base.metadata.create_all(db)
    directory.install(BenchDirectory())
    clock.use(clock.FrozenClock(datetime(2026, 3, 2, 9, tzinfo=timezone(timedelta(hours=8)))))
    factory = sessionmaker(db, expire_on_commit=False)
    with factory() as s:
        engine.deploy(s, {"loop.bpmn": (HERE / "loop.bpmn").read_bytes(),
                          "bench_step.json": (HERE / "bench_step.json").read_bytes()})
        s.commit()
    return factory


def open_task(s, inst_id):
    return s.scalar(select(HumanTask).where(HumanTask.instance_id == inst_id, HumanTask.state == TaskState.READY))


def complete_full(factory, inst_id):
    """Our complete path as a view runs it: claim, then lock/validate/run/save/project/audit/commit."""
    with factory() as s:
        task = open_task(s, inst_id)
        engine.claim(s, task.id, 1)
        s.commit()
    start = time.perf_counter()
    with factory() as s:
        engine.complete(s, task.id, 1, {"note": "核对无误"})
        s.commit()
    return time.perf_counter() - start


def raw_spiff(factory, inst_id):
    """SpiffWorkflow alone: deserialize, run the task, engine steps, serialize."""
    with factory() as s:
        inst = s.get(engine.ProcessInstance, inst_id)
        state, specs, guid = inst.state, specs_of(inst.definition), open_task(s, inst_id).task_guid
    start = time.perf_counter()
    wf = load_state(state, *specs)
    task = wf.get_task_from_id(UUID(guid))
    task.data.update({"note": "核对无误"})
    task.run()
    wf.do_engine_steps()
    dump_state(wf)
    return time.perf_counter() - start


def start_instance(factory):
    with factory() as s:
        inst = engine.start(s, "bench_loop", region_id=1, data={"step": 0})
        s.commit()
        return inst.id


def main():
    web.load_models()   # every table, and the programmes the documents and queues read
    assistance.register_all()
    factory = setup()
    inst_id = start_instance(factory)
    raw, full = [], []
    for _ in range(20):
        raw.append(raw_spiff(factory, inst_id))
        full.append(complete_full(factory, inst_id))
    r, f = statistics.median(raw), statistics.median(full)
    print(f"(a) complete one user task: raw SpiffWorkflow {ms(r)}, Doudi complete_task {ms(f)}, ratio {f / r:.1f}x")

    long_id = start_instance(factory)
    raw_first = statistics.median(raw_spiff(factory, long_id) for _ in range(3))
    per_step = [complete_full(factory, long_id) for _ in range(50)]
    raw_last = statistics.median(raw_spiff(factory, long_id) for _ in range(3))
    first, fiftieth = statistics.median(per_step[:3]), statistics.median(per_step[-3:])
    print(f"(b) task 1 vs task 50 of one instance: {ms(first)} vs {ms(fiftieth)} ({fiftieth / first:.2f}x); "
          f"raw SpiffWorkflow alone {ms(raw_first)} vs {ms(raw_last)} ({raw_last / raw_first:.2f}x)")

    with factory() as s:
        size_1 = len(s.get(engine.ProcessInstance, start_instance(factory)).state.encode())
        size_50 = len(s.get(engine.ProcessInstance, long_id).state.encode())
    print(f"(d) serialized state per instance: {size_1 / 1024:.1f} KiB at its first task, "
          f"{size_50 / 1024:.1f} KiB after 50 completed tasks (spec stored once per version, not here)")
    my_tasks(factory)
    bench_documents.main()
    bench_queue.main()
    bench_reserve_fund.main()


def my_tasks(factory, n=100_000):
    """100,000 open tasks over 200 regions and 5 roles; one user's queue: assigned to me + claimable in my role/region."""
    now = clock.now()
    with factory() as s:
        inst_id = start_instance(factory)
        rows = [{"instance_id": inst_id, "task_guid": f"00000000-0000-0000-0000-{i:012d}", "element_id": "Task_step",
                 "name": "逐项核对", "role": f"role_{i % 5}", "region_id": i % 200, "candidates": [], "excluded": [],
                 "assignee_id": (i % 1000) if i % 3 == 0 else None,
                 "state": TaskState.RESERVED if i % 3 == 0 else TaskState.READY,
                 "due_dt": now + timedelta(hours=i % 500), "created_dt": now, "priority": i % 3, "version": 1}
                for i in range(n)]
        s.execute(insert(HumanTask), rows)
        s.commit()
    timings = []
    with factory() as s:
        for n_user in range(20):
            user = SimpleNamespace(id=n_user, role=f"role_{n_user % 5}", region_id=n_user % 200, department=None)
            start = time.perf_counter()
            counts = [s.scalar(select(func.count()).select_from(HumanTask).where(where(user)))
                      for where in (access.assigned_to, access.claimable_by)]
            page = s.scalars(select(HumanTask).where(access.claimable_by(user)).order_by(*URGENCY).limit(PAGE_SIZE)).all()
            timings.append(time.perf_counter() - start)
    print(f"(c) 我的任务 page queries (two tab counts + first page) with {n:,} open tasks: "
          f"median {ms(statistics.median(timings))}, max {ms(max(timings))} "
          f"(counts {counts[0]}/{counts[1]}, page of {len(page)} rows)")


if __name__ == "__main__":
    main()
