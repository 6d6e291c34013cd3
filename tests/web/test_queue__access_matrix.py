"""Who can see, claim, complete, reassign and bulk-reassign a 都林街道 task (case in 和平社区), for roles × regions of
the demo jurisdiction. Out-of-region users get 404 — the task does not exist for them."""
import pytest

from tests.web.queue_helpers import OPINION, task_row, uid

HOLDER = "township_caseworker_dulin"
# user: (see, claim, complete, reassign, bulk-reassign); bulk answers per task: "done" / "refused", or 403 for the page
MATRIX = {
    "township_caseworker_dulin": (200, 303, 303, 403, 403),       # the pool; holds the task for `complete`
    "township_leader_dulin": (200, 403, 403, 403, 403),           # same office, another role
    "village_assistant_heping": (200, 403, 403, 403, 403),        # the case's village
    "county_caseworker_wulanhaote": (200, 403, 403, 403, 403),    # the county above
    "auditor_xinganmeng": (200, 403, 403, 403, 403),              # read-only
    "supervisor_wulanhaote": (200, 403, 403, 303, "done"),        # the county's supervisor
    "supervisor_xinganmeng": (200, 403, 403, 303, "done"),        # the league's supervisor
    "admin_xinganmeng": (200, 403, 403, 303, "done"),             # a business administrator too
    "township_caseworker_yilelite": (404, 404, 404, 404, 403),    # a neighbouring township
    "township_caseworker_keerqin": (404, 404, 404, 404, 403),     # another county
    "supervisor_keyouqianqi": (404, 404, 404, 404, "refused"),    # another county's supervisor
}
ACTIONS = ("see", "claim", "complete", "reassign", "bulk_reassign")


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("username", MATRIX)
def test_access_matrix(username, action, q_case, login, session_factory):
    _case_id, task_id = q_case()
    expected = MATRIX[username][ACTIONS.index(action)]
    target = uid(session_factory, HOLDER)
    if action == "complete":      # a task someone works on: only its holder may submit it
        assert login(HOLDER).post(f"/tasks/{task_id}/claim").status_code == 303
    user = login(username)
    if action == "see":
        response = user.get(f"/tasks/{task_id}")
    elif action == "claim":
        response = user.post(f"/tasks/{task_id}/claim")
    elif action == "complete":
        response = user.post(f"/tasks/{task_id}/complete", data=OPINION)
    elif action == "reassign":
        response = user.post(f"/tasks/{task_id}/reassign", data={"user_id": target, "reason": "调整分工"})
    else:
        response = user.post("/team/reassign", data={"task_id": task_id, "user_id": target})
    task = task_row(session_factory, task_id)
    if expected in ("done", "refused"):
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert ("成功 1 项" in page and task.assignee_id == target) if expected == "done" else \
               ("任务不存在或不在您的辖区" in page and task.assignee_id is None)
        return
    assert response.status_code == expected, response.get_data(as_text=True)[:400]
    if action in ("claim", "reassign") and expected != 303:
        assert task.assignee_id is None                       # a refusal changes nothing
    if action == "complete":
        assert task.state == ("completed" if expected == 303 else "reserved")
