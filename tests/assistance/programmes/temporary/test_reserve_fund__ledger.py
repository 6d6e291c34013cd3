"""The township reserve fund (临时救助备用金): top-ups and draws are ledger entries; a draw never overdraws, even when
many officers pay at the same instant."""
import threading
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.models import FundEntryKind, ReserveFund, ReserveFundEntry
from engine import AuditEvent, EngineError


def test_top_up_then_draw_keeps_a_ledger_with_balances(session, clock, tree, make_user):
    officer = make_user("dulin_a", "township_caseworker", tree["dulin"])
    county = make_user("city_cw", "county_caseworker", tree["city"])
    reserve_fund.top_up(session, tree["dulin"].id, "5000", county.id, "乌民发〔2026〕3号 拨付备用金")
    entry = reserve_fund.draw(session, tree["dulin"].id, Decimal("1200.50"), None, officer.id, "火灾先行救助")
    session.commit()
    assert reserve_fund.balance(session, tree["dulin"].id) == Decimal("3799.50")
    assert (entry.kind, entry.amount, entry.balance_after) == (FundEntryKind.DRAW, Decimal("1200.50"),
                                                               Decimal("3799.50"))
    assert [(e.kind, e.balance_after) for e in reserve_fund.ledger(session, tree["dulin"].id)] == [
        (FundEntryKind.DRAW, Decimal("3799.50")), (FundEntryKind.TOP_UP, Decimal("5000.00"))]
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.subject == f"reserve_fund:{tree['dulin'].id}")
                              .order_by(AuditEvent.id)).all()
    assert actions == ["reserve_fund.top_up", "reserve_fund.draw"]


def test_a_draw_larger_than_the_balance_is_refused_and_changes_nothing(session, clock, tree):
    reserve_fund.top_up(session, tree["dulin"].id, "800", None, "拨付")
    session.commit()
    with pytest.raises(EngineError, match="余额不足：现有 800.00 元，本次需 1,000.00 元"):
        reserve_fund.draw(session, tree["dulin"].id, "1000", None, None, "先行救助")
    session.rollback()
    assert reserve_fund.balance(session, tree["dulin"].id) == Decimal("800.00")
    assert session.scalar(select(func.count()).select_from(ReserveFundEntry)) == 1


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "NaN"])
def test_bad_amounts_are_refused(session, clock, tree, amount):
    with pytest.raises(EngineError, match="金额"):
        reserve_fund.top_up(session, tree["dulin"].id, amount, None, "拨付")
    assert session.scalar(select(func.count()).select_from(ReserveFund)) == 0


def test_no_fund_and_non_township_are_refused(session, clock, tree):
    with pytest.raises(EngineError, match="尚未设立"):
        reserve_fund.draw(session, tree["dulin"].id, "10", None, None, "先行救助")
    with pytest.raises(EngineError, match="只能拨付给乡镇"):
        reserve_fund.top_up(session, tree["heping"].id, "10", None, "拨付")
    with pytest.raises(EngineError, match="拨付依据"):
        reserve_fund.top_up(session, tree["dulin"].id, "10", None, " ")


def test_concurrent_draws_never_overdraw(session_factory, session, clock, tree):
    """Eight officers draw 300 元 at the same instant from 1,000 元: three are paid, five refused, 100 元 left."""
    reserve_fund.top_up(session, tree["dulin"].id, "1000", None, "拨付")
    session.commit()
    township_id, barrier, outcomes = tree["dulin"].id, threading.Barrier(8), []

    def officer():
        with session_factory() as s:
            barrier.wait()
            try:
                reserve_fund.draw(s, township_id, "300", None, None, "先行救助")
                s.commit()
                outcomes.append("paid")
            except EngineError:
                s.rollback()
                outcomes.append("refused")

    threads = [threading.Thread(target=officer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    with session_factory() as s:
        draws = s.scalars(select(ReserveFundEntry).where(ReserveFundEntry.kind == FundEntryKind.DRAW)
                          .order_by(ReserveFundEntry.id)).all()
        assert sorted(outcomes) == ["paid"] * 3 + ["refused"] * 5
        assert reserve_fund.balance(s, township_id) == Decimal("100.00")
        assert [d.balance_after for d in draws] == [Decimal("700.00"), Decimal("400.00"), Decimal("100.00")]
