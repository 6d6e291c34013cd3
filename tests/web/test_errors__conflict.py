"""Two people completing one task at the same moment: the winner's completion stands, the loser gets 409 with the
Chinese conflict message (a page for a browser, the status and a fragment for htmx), never 「系统出现错误」."""
import threading

import pytest
from sqlalchemy import func, select

import engine
from engine import AuditEvent, HumanTask
from tests.web.test_tasks__complete import APPROVE, claimed_task


def complete_race(monkeypatch, winner, loser, task_id, **loser_kwargs):
    """The winner's request runs up to its commit and waits; the loser's request then runs into it."""
    perform, flushed, go, responses = engine.perform, threading.Event(), threading.Event(), {}

    def paused_perform(*args, **kwargs):
        result = perform(*args, **kwargs)
        if threading.current_thread().name == "winner":
            flushed.set()
            go.wait(10)
        return result
    monkeypatch.setattr(engine, "perform", paused_perform)

    def post(name, browser, **kwargs):
        try:
            responses[name] = browser.post(f"/tasks/{task_id}/complete", data=APPROVE, **kwargs)
        except Exception as exc:   # noqa: BLE001 - TESTING propagates a 500: report it as the loser's answer
            responses[name] = exc
        finally:
            flushed.set()
    a = threading.Thread(target=post, args=("winner", winner), name="winner")
    a.start()
    flushed.wait(10)
    b = threading.Thread(target=post, args=("loser", loser), kwargs=loser_kwargs, name="loser")
    b.start()
    b.join(0.5)       # the loser now waits on the winner's lock, or has already lost the version check
    go.set()
    a.join(30)
    b.join(30)
    return responses["winner"], responses["loser"]


@pytest.mark.parametrize("headers, page_marker", [({}, "操作冲突"), ({"HX-Request": "true"}, None)])
def test_the_loser_of_a_completion_race_gets_409_and_the_winner_stands(
        start_case, login, open_task, session_factory, monkeypatch, headers, page_marker):
    case_id, task, first_tab = claimed_task(start_case, login, open_task)
    second_tab = login("township_caseworker_dulin")     # the same worker, a second browser
    won, lost = complete_race(monkeypatch, first_tab, second_tab, task.id, headers=headers)
    assert not isinstance(lost, Exception), repr(lost)
    page = lost.get_data(as_text=True)
    assert won.status_code == 303
    assert lost.status_code == 409, page
    # SQLite: the loser's write fails its version check; PostgreSQL: the row lock makes it see the task already done
    assert any(message in page for message in ("刷新后重试", "稍后重试", "该任务已办结，不能重复提交"))
    assert "系统出现错误" not in page
    assert (page_marker in page) if page_marker else "<html" not in page
    with session_factory() as s:
        assert s.get(HumanTask, task.id).state == "completed"
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "task.complete", AuditEvent.task_id == task.id)) == 1


def test_an_optimistic_lock_lost_at_the_final_commit_is_409_too(app, login):
    """StaleDataError from the request's own commit (not wrapped in engine.Conflict): rolled back, then 409."""
    from sqlalchemy.orm.exc import StaleDataError

    from web.database import db

    def lose_at_commit():
        db().execute(select(func.count()).select_from(HumanTask))   # the request's transaction is under way
        raise StaleDataError("UPDATE statement on table 'human_task' expected to update 1 row(s); 0 were matched.")
    app.add_url_rule("/_test/stale", view_func=lose_at_commit, methods=["POST"])
    worker = login("township_caseworker_dulin")
    page = worker.post("/_test/stale")
    assert page.status_code == 409 and "数据已被他人修改" in page.get_data(as_text=True)
    assert "都林街道" in page.get_data(as_text=True)              # the navigation still shows who is signed in
    fragment = worker.post("/_test/stale", headers={"HX-Request": "true"})
    assert fragment.status_code == 409 and fragment.get_data(as_text=True).startswith('<p class="error-message">')
