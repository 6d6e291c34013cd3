from flask import abort, flash, redirect, request, url_for
from sqlalchemy import select

import engine
from assistance.programmes import registry
from assistance.programmes.dibao import access as dibao_access
from assistance.programmes.dibao import procedure as dibao
from assistance.programmes.dibao.case_page import OBJECTION_MESSAGE
from assistance.steps.public_notice import notice as public_notice
from engine import EngineError, Forbidden, ProcessInstance

from ..controller import CaseController
from ..database import db


class CaseAction(CaseController):
    """A POST from the 低保 section: check the rule, act, and come back to the case page with the outcome."""
    allowed = staticmethod(lambda user, case: False)
    refusal = ""
    done = ""

    def _load(self, case_id: int):
        super()._load(case_id)
        if not _is_dibao(self.case):   # another programme's case is not a 低保 case here: 404, as a wrong-kind object
            abort(404)

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
        public_notice.record_objection(db(), self.case, raised_by, reason, self.user.id)
        engine.send_message(db(), instance.id, OBJECTION_MESSAGE, {"raised_by": raised_by, "reason": reason},
                            actor_id=self.user.id, reason=reason)


class ExtendDeadline(CaseAction):
    """Once per undecided case, on one of the S6 §4(1) grounds (S2 art. 22). A refusal is the error page with its
    Chinese message and status (422 no ground, 409 already extended or decided): nothing is written."""
    allowed = staticmethod(dibao_access.can_extend_deadline)
    refusal = "只有县级审批人或主管可以批准延期。"

    def _post(self):
        progress = dibao.extend_deadline(db(), self.case, request.form.get("trigger", ""), self.user.id,
                                         request.form.get("note"))
        flash(f"已延长办理时限至 {progress.limit_working_days} 个工作日"
              f"（{dibao.EXTENSION_TRIGGERS[progress.extension_trigger]}）。", "success")
        return redirect(url_for("cases.show", case_id=self.case.id), 303)


def _is_dibao(case) -> bool:
    try:
        return registry.for_process(case.programme).key == "dibao"
    except registry.NotRegistered:
        return False
