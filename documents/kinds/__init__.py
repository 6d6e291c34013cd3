"""The kinds of document: title, template and where each one's facts come from. A later issue's document
(临时救助决定书, 一事一议纪要, 终止/渐退告知书) is one more Kind here plus a template extending base.html."""
from dataclasses import dataclass
from typing import Callable

from . import dibao, discussion, roster, temporary


@dataclass(frozen=True)
class Kind:
    code: str
    title: str
    template: str
    context: Callable   # (session, DocumentRequest) -> dict of the template's own facts


KINDS = {k.code: k for k in (
    Kind("dibao_approval", "最低生活保障审核确认决定书", "dibao_approval", dibao.decision_context),
    Kind("dibao_refusal", "最低生活保障不予确认告知书", "dibao_refusal", dibao.decision_context),
    Kind("public_notice", "最低生活保障审核确认公示", "public_notice", dibao.notice_context),
    Kind("village_roster", "最低生活保障对象名册", "village_roster", roster.roster_context),
    Kind("temporary_approval", "临时救助审批决定书", "temporary_approval", temporary.temporary_context),
    Kind("temporary_refusal", "临时救助不予救助告知书", "temporary_refusal", temporary.temporary_context),
    Kind("discussion_minutes", "一事一议会议纪要", "discussion_minutes", discussion.minutes_context),
)}
