"""Bulk actions (批量认领 / 批量改派) with a result per task: each task passes the same per-object access check as a
single action, and one refusal never undoes or blocks the others. Engine transitions refuse before writing
anything, so the successes can share one transaction."""
from dataclasses import dataclass

from assistance.core import access
from engine import EngineError, HumanTask

from ..converters import to_int

MAX_TASKS = 200   # a page of the team list at most; more is a mistake in the request


@dataclass
class BulkResult:
    task_id: int
    task: HumanTask | None
    ok: bool
    message: str


def run(session, user, raw_ids, action: str, act, done_message="成功") -> list[BulkResult]:
    """act(task) for every selected task the user may see and act on; refusals are reported, not raised."""
    ids = list(dict.fromkeys(i for i in map(to_int, raw_ids) if i is not None and i > 0))[:MAX_TASKS]
    results = []
    for task_id in ids:
        task = session.get(HumanTask, task_id)
        if task is None or not access.can_view_task(user, task):
            results.append(BulkResult(task_id, None, False, "任务不存在或不在您的辖区"))
            continue
        try:
            access.check_action(user, task, action)
            act(task)
            results.append(BulkResult(task_id, task, True, done_message))
        except EngineError as exc:
            results.append(BulkResult(task_id, task, False, exc.message))
    return results
