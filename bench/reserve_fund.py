"""make bench, reserve fund: one 先行救助 draw (conditional UPDATE + ledger entry + audit, committed), alone and with
four officers of one township drawing at once (SQLite file; the PostgreSQL server too when BENCH_DATABASE_URL is set)."""
import statistics
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import sessionmaker

import assistance
import web
from assistance.core.models import RegionLevel
from assistance.core.regions import create_region
from assistance.programmes.temporary import reserve_fund
from engine import clock
from engine.db import Base, make_engine

from .scratch import postgres_base, scratch_postgres

DRAWS, THREADS = 400, 4


def _world(db):
    Base.metadata.drop_all(db)
    Base.metadata.create_all(db)
    factory = sessionmaker(db, expire_on_commit=False)
    with factory() as s:
        league = create_region(s, code="152200", name="兴安盟", level=RegionLevel.LEAGUE)
        county = create_region(s, code="152201", name="乌兰浩特市", level=RegionLevel.COUNTY, parent=league)
        township = create_region(s, code="152201001000", name="都林街道", level=RegionLevel.TOWNSHIP, parent=county)
        reserve_fund.top_up(s, township.id, Decimal(DRAWS * 100), None, "bench")
        s.commit()
        return factory, township.id


def _draw(factory, township_id):
    with factory() as s:
        reserve_fund.draw(s, township_id, "1.00", None, None, "bench")
        s.commit()


def run(label, db):
    factory, township_id = _world(db)
    times = []
    for _ in range(DRAWS // 2):
        started = time.perf_counter()
        _draw(factory, township_id)
        times.append(time.perf_counter() - started)

    def officer():
        for _ in range(DRAWS // 2 // THREADS):
            _draw(factory, township_id)
    threads = [threading.Thread(target=officer) for _ in range(THREADS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    contended = time.perf_counter() - started
    with factory() as s:
        left = reserve_fund.balance(s, township_id)
    print(f"(i) reserve fund on {label}: one 先行救助 draw committed, median {statistics.median(times) * 1000:.2f} ms; "
          f"{THREADS} officers of one township at once: {DRAWS // 2 / contended:.0f} draws/s; "
          f"balance {left} (expected {Decimal(DRAWS * 100 - DRAWS):.2f})")
    Base.metadata.drop_all(db)
    db.dispose()


def main():
    web.load_models()
    assistance.register_all()
    clock.use(clock.FrozenClock(datetime(2026, 3, 2, 9, tzinfo=timezone(timedelta(hours=8)))))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run("SQLite", make_engine(f"sqlite:///{Path(tmp) / 'fund.sqlite3'}"))
        if postgres_base():
            with scratch_postgres("doudi_bench_fund") as db:
                run("PostgreSQL", db)
    finally:
        clock.use(clock.SystemClock())
