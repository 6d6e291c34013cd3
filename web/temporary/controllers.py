"""急难登记 (intake where the emergency happened) and the 临时救助 section of the case page."""
from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from assistance.core import access, china_time
from assistance.core.households import RELATIONS, HouseholdInvalid
from assistance.core.models import Case, Region, RegionLevel, User
from assistance.core.regions import lift_to_level
from assistance.programmes.temporary import access as temporary_access
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.approval import TIERS, latest_approval
from assistance.programmes.temporary.intake import TemporaryRefused, start_temporary
from assistance.programmes.temporary.models import (
    HARDSHIP_LABELS,
    KIND_LABELS,
    MEASURE_LABELS,
    PaymentKind,
    ReserveFundEntry,
    TemporaryCase,
    TemporaryKind,
    TemporaryMeasure,
    TemporaryPayment,
)
from assistance.programmes.temporary.steps import METHODS
from engine import EngineError, Forbidden

from ..controller import CaseController, Controller
from ..database import db
from .forms import TemporaryForm

SOURCE_LABELS = {"reserve_fund": "乡镇备用金", "county_fund": "县级资金"}


class NewTemporary(Controller):
    """急难登记: anyone on duty registers the emergency in the village where it happened, then pays first."""

    def _check_access(self):
        if not temporary_access.can_start_temporary(self.user):
            raise Forbidden("只有村协理员、乡镇经办人和乡镇审核人可以登记临时救助。")

    def _get(self):
        return self._render(TemporaryForm.blank())

    def _post(self):
        form = TemporaryForm.from_request(request.form)
        villages = {str(v.id): v for v in self._villages()}
        incident_dt = form.incident_at()
        if form.village_id not in villages:
            form.errors["village_id"] = "请选择您辖区内急难发生地所在的村（嘎查、社区）"
        if form.errors:
            return self._render(form, 422)
        try:
            case = start_temporary(
                db(), actor_id=self.user.id, incident_village_id=villages[form.village_id].id, kind=form.kind,
                hardship=form.hardship, reason=form.reason, incident_dt=incident_dt,
                incident_address=form.address, hukou_place=form.hukou_place, is_non_resident=form.is_non_resident,
                is_major=form.is_major, is_urban=form.is_urban == "1", members=form.members())
        except HouseholdInvalid as exc:
            db().rollback()
            form.take_errors(exc.errors)
            return self._render(form, 422)
        except TemporaryRefused as exc:
            db().rollback()
            form.errors["_form"] = exc.message
            return self._render(form, 422, earlier_case=exc.earlier_case)
        except EngineError as exc:
            db().rollback()
            form.errors["_form"] = exc.message
            return self._render(form, 422)
        next_step = "请立即办理先行救助" if form.kind == TemporaryKind.EMERGENCY else "请按程序调查审核"
        flash(f"已登记，案件编号 {case.number}，{next_step}。", "success")
        return redirect(url_for("cases.show", case_id=case.id), 303)

    def _villages(self):
        return list(db().scalars(access.startable_villages(self.user)))

    def _render(self, form, status=200, earlier_case=None):
        return render_template("temporary/new.html", form=form, villages=self._villages(), relations=RELATIONS,
                               kinds=KIND_LABELS, hardships=HARDSHIP_LABELS, earlier_case=earlier_case), status


class TemporarySection(CaseController):
    """The 临时救助 facts of the case page: money paid so far, the township's reserve fund, the paperwork clock."""

    def _load(self, case_id: int):
        super()._load(case_id)
        self.temporary = db().get(TemporaryCase, case_id) or abort(404)

    def _get(self):
        return render_template("temporary/_case.html", **section_context(self.case, self.temporary, self.user))


def section_context(case: Case, temporary: TemporaryCase, user) -> dict:
    session = db()
    payments = list(session.scalars(select(TemporaryPayment).where(TemporaryPayment.case_id == case.id)
                                    .order_by(TemporaryPayment.paid_dt, TemporaryPayment.id)))
    entries = {e.id: e for e in session.scalars(select(ReserveFundEntry).where(
        ReserveFundEntry.id.in_([p.fund_entry_id for p in payments if p.fund_entry_id])))}
    measures = list(session.scalars(select(TemporaryMeasure).where(TemporaryMeasure.case_id == case.id)
                                    .order_by(TemporaryMeasure.recorded_dt, TemporaryMeasure.id)))
    names = {u.id: u.display_name for u in session.scalars(select(User).where(
        User.id.in_({p.paid_by for p in payments} | {m.recorded_by for m in measures})))}
    paid = sum((p.amount for p in payments), start=Decimal("0.00"))
    township = session.get(Region, lift_to_level(session, case.region_id, RegionLevel.TOWNSHIP))
    due, done = temporary.paperwork_due_dt, temporary.paperwork_done_dt
    return dict(
        case=case, temporary=temporary, kind_label=KIND_LABELS.get(temporary.kind, temporary.kind),
        hardship_label=HARDSHIP_LABELS.get(temporary.hardship, temporary.hardship),
        incident_region=session.get(Region, temporary.incident_region_id),
        earlier_case=session.get(Case, temporary.earlier_case_id) if temporary.earlier_case_id else None,
        payments=[(p, payment_label(p), entries.get(p.fund_entry_id)) for p in payments], paid=paid,
        remaining=temporary.approved_amount - paid if temporary.approved_amount is not None else None,
        township=township, balance=reserve_fund.balance(session, township.id),
        can_see_fund=temporary_access.can_view_reserve_fund(user, township),
        is_overdue=done is None and (temporary.is_paperwork_overdue or (due is not None and china_time.now() > due)),
        tier_label=TIERS.get(temporary.approval_tier or "", temporary.approval_tier),
        measures=[(m, MEASURE_LABELS.get(m.kind, m.kind)) for m in measures], names=names,
        methods=METHODS, sources=SOURCE_LABELS, stage_plan=_stage_plan(session, case),
        stages_paid=sum(1 for p in payments if p.kind == PaymentKind.STAGE))


def _stage_plan(session, case: Case) -> list[dict]:
    """The stages the approval fixed (一次审批、分阶段救助): [{amount, due_date}], from the decision's basis."""
    decision = latest_approval(session, case.id)
    stages = (decision.basis or {}).get("stages") if decision else None
    return [{"amount": Decimal(s["amount"]), "due_date": s["due_date"]} for s in stages or []]


def payment_label(payment: TemporaryPayment) -> str:
    if payment.kind == PaymentKind.STAGE:
        return f"第 {payment.stage_no or '?'} 期"
    return {PaymentKind.PAY_FIRST: "先行救助", PaymentKind.ONE_OFF: "一次性发放"}.get(payment.kind, payment.kind)
