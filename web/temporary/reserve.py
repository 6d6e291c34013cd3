"""临时救助备用金 pages: the balances of the townships in the user's region, one township's ledger, the county's top-up."""
from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from assistance.core.models import Case, Region, User
from assistance.programmes.temporary import access as temporary_access
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.models import FundEntryKind
from engine import EngineError, Forbidden

from ..controller import Controller
from ..database import db

ENTRY_LABELS = {FundEntryKind.TOP_UP: "拨付", FundEntryKind.DRAW: "先行救助支出"}


class ReserveFunds(Controller):
    """备用金: every township of the user's region with its balance."""

    def _check_access(self):
        if not temporary_access.can_view_reserve_funds(self.user):
            raise Forbidden("您的岗位不能查看临时救助备用金。")

    def _get(self):
        session = db()
        townships = list(session.scalars(temporary_access.reserve_townships(self.user)))
        found = reserve_fund.balances(session, [t.id for t in townships])
        rows = [(t, found[t.id]) for t in townships]
        return render_template("temporary/reserve.html", rows=rows,
                               total=sum((b for _, b in rows), start=Decimal("0.00")))


class ReserveFundController(Controller):
    """/temporary/reserve/<township_id>: a township outside the user's region (or not a township) is 404."""

    def _load(self, township_id: int):
        self.township = db().get(Region, township_id) or abort(404)

    def _check_access(self):
        if not temporary_access.can_view_reserve_fund(self.user, self.township):
            abort(404)

    def _render(self, status=200, amount="", reason="", error=None):
        session = db()
        entries = reserve_fund.ledger(session, self.township.id)
        cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_({e.case_id for e in entries})))}
        names = {u.id: u.display_name for u in session.scalars(select(User).where(
            User.id.in_({e.actor_id for e in entries})))}
        return render_template("temporary/ledger.html", township=self.township, entries=entries, cases=cases,
                               names=names, labels=ENTRY_LABELS,
                               balance=reserve_fund.balance(session, self.township.id),
                               can_top_up=temporary_access.can_top_up_reserve_fund(self.user, self.township),
                               amount=amount, reason=reason, error=error), status


class ReserveFundLedger(ReserveFundController):
    """The ledger: every top-up and draw, newest first, with the balance each one left."""

    def _get(self):
        return self._render()


class TopUpReserveFund(ReserveFundController):
    """拨付备用金: a bad amount or a missing reason is refused with its message, 422, nothing changed."""

    def _check_access(self):
        super()._check_access()
        if not temporary_access.can_top_up_reserve_fund(self.user, self.township):
            raise Forbidden("只有县级经办人、县级审批人或系统管理员可以拨付备用金。")

    def _post(self):
        amount, reason = request.form.get("amount", "").strip(), request.form.get("reason", "").strip()
        try:
            entry = reserve_fund.top_up(db(), self.township.id, amount, self.user.id, reason)
        except EngineError as exc:
            db().rollback()
            return self._render(422, amount, reason, exc.message)
        flash(f"已向{self.township.name}拨付备用金 {entry.amount:,.2f} 元，余额 {entry.balance_after:,.2f} 元。",
              "success")
        return redirect(url_for("temporary.ledger", township_id=self.township.id), 303)
