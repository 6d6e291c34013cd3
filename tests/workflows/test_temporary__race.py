"""Two township officers paying first at the same instant, for two cases, from one reserve fund that holds enough
for only one of them: one is paid, the other is told the fund is short, and nothing is overdrawn or lost."""
import threading
from decimal import Decimal

from sqlalchemy import select

import engine
from assistance.programmes.temporary.models import ReserveFundEntry, TemporaryPayment
from engine import EngineError
from tests.workflows.conftest import user
from tests.workflows.temporary_steps import TW, fund_balance, pay_first, temporary  # noqa: F401  (a fixture)


def test_concurrent_pay_first_never_overdraws_the_reserve_fund(temporary, session_factory):
    walks = [temporary(fund="2000"), temporary(fund="2000", people=[{
        "name": "孙二娘", "id_number": "152201198806060028", "relation": "本人", "is_applicant": True}])]
    task_ids = []
    for walk in walks:   # each officer has already claimed their case's 先行救助
        with session_factory() as s:
            task = walk.task(s, "Task_pay_first")
            engine.claim(s, task.id, user(s, TW).id)
            s.commit()
            task_ids.append(task.id)
    barrier, outcomes = threading.Barrier(2), {}

    def pay(task_id):
        with session_factory() as s:
            barrier.wait()
            try:
                engine.complete(s, task_id, user(s, TW).id, pay_first("1500"))
                s.commit()
                outcomes[task_id] = "paid"
            except EngineError as exc:
                s.rollback()
                outcomes[task_id] = exc.message

    threads = [threading.Thread(target=pay, args=(t,)) for t in task_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes.values(), key=len) == ["paid", "临时救助备用金余额不足：现有 500.00 元，本次需 1,500.00 元；"
                                                          "未发放任何款项，请报县级民政部门拨付后再办理。"]
    assert fund_balance(session_factory) == Decimal("500.00")
    refused = next(w for w, t in zip(walks, task_ids) if outcomes[t] != "paid")
    assert refused.open_steps() == ["Task_pay_first"]            # still to do, nothing paid on it
    with session_factory() as s:
        assert len(s.scalars(select(TemporaryPayment)).all()) == 1
        assert [e.balance_after for e in s.scalars(select(ReserveFundEntry).order_by(ReserveFundEntry.id))] == [
            Decimal("2000.00"), Decimal("500.00")]
