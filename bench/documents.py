"""make bench, documents: render+sign of one decision and of a 500-row village roster, and documents per minute
when the worker generates a batch (one worker, SQLite, dev keys in a temporary instance folder)."""
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import sessionmaker

import documents
import engine
from demo import jurisdiction as demo
from documents.offices import Office
from engine import clock
from engine.db import Base, make_engine

COUNTY = Office(1, "152201", "乌兰浩特市民政局", "乌民救", "乌兰浩特市")
FAMILY = [{"name": "王堃", "relation": "本人", "id_number": "152201196805121010"},
          {"name": "李赟", "relation": "配偶", "id_number": "152201197011031026"},
          {"name": "王喆", "relation": "子女", "id_number": "152201200802281042"}]


def _common(title):
    return {"title": title, "number": "乌民救〔2026〕1号", "token": "ABCDEFGH23", "signers": [COUNTY],
            "verify_url": "https://doudi.example/verify?no=x&code=ABCDEFGH23",
            "verify_page": "https://doudi.example/verify", "issued_date": date(2026, 3, 2)}


def decision_context():
    return {**_common("最低生活保障审核确认决定书"), "case_number": "DB-2026-000001", "members": FAMILY,
            "applicant": FAMILY[0], "amount": Decimal("1234.50"), "effective_month": date(2026, 4, 1),
            "basis": [("家庭月人均收入（元）", "420.00")], "reasons": [], "village": "和平社区"}


def roster_context(rows=500):
    return {**_common("最低生活保障对象名册"), "village": "和平社区", "period": date(2026, 4, 1),
            "rows": [{"name": f"王堃{i}", "id_number": "152201196805121010", "household_size": 1 + i % 5,
                      "amount": Decimal(300 + i % 400)} for i in range(rows)]}


def render_and_sign(template, context) -> tuple[float, int]:
    start = time.perf_counter()
    pdf = documents.sign(documents.render(template, context), COUNTY)
    return time.perf_counter() - start, len(pdf)


def batch_rate(n=30) -> float:
    """Documents per minute: n decisions queued, then one worker drains the queue."""
    from tests.documents.factories import make_decision  # the same factory the tests use
    factory = sessionmaker(make_engine(f"sqlite:///{tempfile.mkdtemp()}/bench-docs.sqlite3"), expire_on_commit=False)
    Base.metadata.create_all(factory.kw["bind"])
    demo.PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
    with factory() as s:
        demo.seed_demo(s, password="bench")
        for i in range(n):
            documents.issue_for_decision(s, make_decision(s, serial_base=5 * i))
        s.commit()
    start = time.perf_counter()
    done = 0
    while (ran := engine.run_due_jobs(factory, "bench-worker")):
        done += ran
    assert done == n, done
    return n / (time.perf_counter() - start) * 60


def main():
    clock.use(clock.FrozenClock(datetime(2026, 3, 2, 9, tzinfo=timezone(timedelta(hours=8)))))
    documents.configure(documents.Settings(instance_path=Path(tempfile.mkdtemp())))
    render_and_sign("dibao_approval", decision_context())   # warm-up: keys generated, fonts loaded
    one = [render_and_sign("dibao_approval", decision_context()) for _ in range(5)]
    print(f"(e) one 低保 decision, render + sign: median {statistics.median(t for t, _ in one) * 1000:.0f} ms "
          f"({one[0][1] / 1024:.0f} KiB)")
    seconds, size = render_and_sign("village_roster", roster_context(500))
    print(f"(f) 500-row village roster, render + sign: {seconds:.2f} s ({size / 1024:.0f} KiB)")
    print(f"(g) batch generation by one worker (render, sign, store): {batch_rate():.0f} documents per minute")
