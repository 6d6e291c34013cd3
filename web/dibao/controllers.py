from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

import engine
from assistance.core.models import Decision, User
from assistance.programmes.dibao import access as dibao_access
from assistance.programmes.dibao import procedure as dibao
from assistance.programmes.dibao.models import CaseProgress, NoticeObjection, PublicNotice
from engine import EngineError, Forbidden, ProcessInstance

from ..controller import CaseController
from ..database import db

OBJECTION_MESSAGE = "公示异议"


class DibaoSection(CaseController):
    """The 低保 facts of the case page: remaining working days, how the amount was computed, the notice."""

    def _get(self):
        return render_template("dibao/_case.html", **section_context(self.case, self.user))


def section_context(case, user) -> dict:
    session = db()
    instance = session.scalar(select(ProcessInstance).where(ProcessInstance.business_key == str(case.id))
                              .order_by(ProcessInstance.id.desc()).limit(1))
    data = engine.instance_data(session, instance) if instance else {}
    notices = list(session.scalars(select(PublicNotice).where(PublicNotice.case_id == case.id)
                                   .order_by(PublicNotice.round)))
    objections = list(session.scalars(select(NoticeObjection).where(NoticeObjection.case_id == case.id)
                                      .order_by(NoticeObjection.id)))
    awaited = engine.messages_awaited(session, instance) if instance else []
    names = {u.id: u.display_name for u in session.scalars(select(User).where(
        User.id.in_({o.recorded_by for o in objections})))}
    return dict(case=case, progress=session.get(CaseProgress, case.id), days_left=dibao.working_days_left(session, case),
                assessment=data.get("assessment"), matching=data.get("matching"), notices=notices,
                objections=objections, recorder_names=names,
                decision=session.scalar(select(Decision).where(Decision.case_id == case.id).order_by(Decision.id.desc())),
                can_object=OBJECTION_MESSAGE in awaited and dibao_access.can_record_objection(user, case),
                can_extend=dibao_access.can_extend_deadline(user, case))


class CaseAction(CaseController):
    """A POST from the 低保 section: check the rule, act, and come back to the case page with the outcome."""
    allowed = staticmethod(lambda user, case: False)
    refusal = ""
    done = ""

    def _check_access(self):
        super()._check_access()
        if not self.allowed(self.user, self.case):
            raise Forbidden(self.refusal)

    def _post(self):
        try:
            self.act()
        except EngineError as exc:
            db().rollback()
            flash(exc.message, "warning")
        else:
            flash(self.done, "success")
        return redirect(url_for("cases.show", case_id=self.case.id), 303)


class RecordObjection(CaseAction):
    """公示异议: recorded with who and why, then delivered to the running notice, which stops and is handled."""
    allowed = staticmethod(dibao_access.can_record_objection)
    refusal = "您不能为此案件登记公示异议。"
    done = "已登记公示异议，公示中止，转乡镇经办人处理。"

    def act(self):
        raised_by, reason = request.form.get("raised_by", "").strip(), request.form.get("reason", "").strip()
        instance = db().scalar(select(ProcessInstance).where(ProcessInstance.business_key == str(self.case.id))
                               .order_by(ProcessInstance.id.desc()).limit(1))
        dibao.record_objection(db(), self.case, raised_by, reason, self.user.id)
        engine.send_message(db(), instance.id, OBJECTION_MESSAGE, {"raised_by": raised_by, "reason": reason},
                            actor_id=self.user.id, reason=reason)


class ExtendDeadline(CaseAction):
    """Once per case, to 45 working days, with the reason on record (S2 art. 22; S6 §4(1))."""
    allowed = staticmethod(dibao_access.can_extend_deadline)
    refusal = "只有县级审批人或主管可以批准延期。"
    done = "已延长办理时限至 45 个工作日。"

    def act(self):
        dibao.extend_deadline(db(), self.case, request.form.get("reason", ""), self.user.id)
