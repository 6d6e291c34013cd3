"""The township reserve fund (临时救助备用金): balance, top-ups and draws, each one a ledger entry, audited.

A draw is one conditional UPDATE (`balance = balance - x WHERE balance >= x`): two officers paying at the same moment
are serialized by the row lock, and the second is refused if the first left too little — never an overdraft.
"""
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from assistance.core import china_time
from assistance.core.models import Region, RegionLevel
from assistance.core.money import positive
from assistance.core.params import get_param
from assistance.programmes.temporary.models import FundEntryKind, ReserveFund, ReserveFundEntry
from engine import EngineError, audit


def fund_of(session, township_id: int) -> ReserveFund | None:
    return session.scalar(select(ReserveFund).where(ReserveFund.township_region_id == township_id))


def balance(session, township_id: int) -> Decimal:
    fund = fund_of(session, township_id)
    return fund.balance if fund is not None else Decimal("0.00")


def balances(session, township_ids) -> dict[int, Decimal]:
    """township id -> balance, for a list page (0.00 where no fund was opened yet), in one query."""
    found = dict(session.execute(select(ReserveFund.township_region_id, ReserveFund.balance)
                                 .where(ReserveFund.township_region_id.in_(list(township_ids)))).all())
    return {t: found.get(t, Decimal("0.00")) for t in township_ids}


def ledger(session, township_id: int, limit: int = 100) -> list[ReserveFundEntry]:
    """The latest entries, newest first by when they happened (then by entry, for two in the same instant)."""
    fund = fund_of(session, township_id)
    if fund is None:
        return []
    return list(session.scalars(select(ReserveFundEntry).where(ReserveFundEntry.fund_id == fund.id)
                                .order_by(ReserveFundEntry.created_dt.desc(), ReserveFundEntry.id.desc())
                                .limit(limit)))


def top_up(session, township_id: int, amount, actor_id: int | None, reason: str) -> ReserveFundEntry:
    """拨付备用金: add money to the township's fund (the fund is opened on its first top-up); an amount above the
    temporary_reserve_top_up_ceiling parameter is refused as a typing error."""
    township = session.get(Region, township_id)
    if township is None or township.level != RegionLevel.TOWNSHIP:
        raise EngineError("备用金只能拨付给乡镇（苏木、街道）。")
    amount = positive(amount, "拨付金额",
                      ceiling=get_param(session, "temporary_reserve_top_up_ceiling", township_id))
    if not (reason or "").strip():
        raise EngineError("请填写拨付依据（如拨款文号）。")
    fund = _open(session, township_id)
    new_balance = session.execute(update(ReserveFund).where(ReserveFund.id == fund.id)
                                  .values(balance=ReserveFund.balance + amount, updated_dt=china_time.now())
                                  .returning(ReserveFund.balance)
                                  .execution_options(synchronize_session=False)).scalar_one()
    return _entry(session, fund, FundEntryKind.TOP_UP, amount, new_balance, None, actor_id, reason.strip())


def draw(session, township_id: int, amount, case_id: int, actor_id: int | None, reason: str) -> ReserveFundEntry:
    """先行救助支出: take money out, refused (nothing changed) when the fund holds less than the amount."""
    amount = positive(amount, "支出金额")
    fund = fund_of(session, township_id)
    if fund is None:
        raise EngineError("本乡镇尚未设立临时救助备用金，不能先行救助；请联系县级民政部门拨付。")
    new_balance = session.execute(update(ReserveFund).where(ReserveFund.id == fund.id, ReserveFund.balance >= amount)
                                  .values(balance=ReserveFund.balance - amount, updated_dt=china_time.now())
                                  .returning(ReserveFund.balance)
                                  .execution_options(synchronize_session=False)).scalar_one_or_none()
    if new_balance is None:
        left = session.scalar(select(ReserveFund.balance).where(ReserveFund.id == fund.id)
                              .execution_options(populate_existing=True))
        raise EngineError(f"临时救助备用金余额不足：现有 {left:,.2f} 元，本次需 {amount:,.2f} 元；"
                          f"未发放任何款项，请报县级民政部门拨付后再办理。")
    return _entry(session, fund, FundEntryKind.DRAW, amount, new_balance, case_id, actor_id, reason)


def _open(session, township_id: int) -> ReserveFund:
    fund = fund_of(session, township_id)
    if fund is not None:
        return fund
    try:
        with session.begin_nested():   # another top-up may be opening the same fund right now
            fund = ReserveFund(township_region_id=township_id, balance=Decimal("0.00"), updated_dt=china_time.now())
            session.add(fund)
        return fund
    except IntegrityError:
        return fund_of(session, township_id)


def _entry(session, fund, kind, amount, new_balance, case_id, actor_id, reason) -> ReserveFundEntry:
    entry = ReserveFundEntry(fund_id=fund.id, kind=kind, amount=amount, balance_after=new_balance, case_id=case_id,
                             actor_id=actor_id, reason=reason or "", created_dt=china_time.now())
    session.add(entry)
    session.flush()
    session.refresh(fund)
    audit.record(session, f"reserve_fund.{kind}", actor_id=actor_id, subject=f"reserve_fund:{fund.township_region_id}",
                 before={"balance": new_balance + amount if kind == FundEntryKind.DRAW else new_balance - amount},
                 after={"balance": new_balance, "amount": amount, "case_id": case_id}, reason=reason or None)
    return entry

