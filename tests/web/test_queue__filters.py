"""我的任务: urgency order, filters (process, step, region, due state, priority, applicant search matched fully and
shown masked), counts per tab, paging, saved and shared views, bulk claim with a result per task."""
import re
from urllib.parse import urlencode

import engine
from assistance.core.idnumbers import mask_id
from tests.engine.bpmn_factory import FORM
from tests.web.queue_helpers import id_number, review_process, uid

CASEWORKER = "township_caseworker_dulin"


def listed(page: str) -> list[int]:
    """Task ids in the order the table shows them."""
    return [int(i) for i in re.findall(r'<td><a href="/tasks/(\d+)">', page)]


def claimable(browser, **filters) -> str:
    return browser.get("/?" + urlencode({"tab": "claimable", **filters})).get_data(as_text=True)


def test_overdue_first_then_soonest_then_priority_and_no_deadline_last(q_case, login, clock):
    _c, late = q_case(name="甲", serial=101, due=1)
    clock.advance(days=3)                                       # Thursday: `late` is now overdue
    _c, later = q_case(name="乙", serial=103, due=5)
    _c, soon_low = q_case(name="丙", serial=105, due=1)
    _c, soon_high = q_case(name="丁", serial=107, due=1, priority=5)
    _c, open_ended = q_case(name="戊", serial=109, due=None)
    page = claimable(login(CASEWORKER))
    assert listed(page) == [late, soon_high, soon_low, later, open_ended]
    assert "已逾期" in page and "即将到期" in page and "无期限" in page


def test_filters_narrow_the_list_and_the_counts(q_case, login, clock, session_factory):
    with session_factory() as s:
        engine.deploy(s, {"q_other.bpmn": review_process(pid="q_other").encode(), "q_form.json": FORM.encode()})
        s.commit()
    _c, heping = q_case(name="王堃", serial=111, due=5, priority=2)
    _c, shengli = q_case(name="李赟", serial=113, due=1, village_code="152201001002")
    _c, other = q_case(name="张喆", serial=115, due=5, process="q_other")
    worker = login(CASEWORKER)
    assert listed(claimable(worker, process="q_other")) == [other]
    assert set(listed(claimable(worker, step="Task_review"))) == {heping, shengli, other}   # same step id
    with session_factory() as s:
        village = s.get(engine.ProcessInstance, s.get(engine.HumanTask, shengli).instance_id).region_id
    assert listed(claimable(worker, region=village)) == [shengli]
    assert listed(claimable(worker, due="soon")) == [shengli]
    assert listed(claimable(worker, priority="1")) == [heping]
    page = claimable(worker, due="on_time")
    assert "可认领（2）" in page and "我的待办（0）" in page    # the counts follow the filters


def test_applicant_search_matches_whole_names_and_whole_id_numbers_only(q_case, login):
    _c, task = q_case(name="王堃", serial=121)
    worker, full = login(CASEWORKER), id_number(121)
    assert listed(claimable(worker, q="王堃")) == [task]
    assert listed(claimable(worker, q="王")) == []                  # no fragments of names…
    assert listed(claimable(worker, q=full[:10])) == []             # …or of ID numbers
    page = claimable(worker, q=full.lower())                        # a lower-case x check digit still matches
    assert listed(page) == [task]
    table = page[page.index("<table"):]
    assert mask_id(full) in table and full not in table             # found by the full number, shown masked


def test_pages_of_fifty(q_case, login):
    tasks = [q_case(name=f"户{i}", serial=200 + 2 * i, due=1 + i % 5)[1] for i in range(53)]
    worker = login(CASEWORKER)
    first, second = claimable(worker), claimable(worker, page=2)
    assert len(listed(first)) == 50 and "下一页" in first and "可认领（53）" in first
    assert len(listed(second)) == 3 and "上一页" in second
    assert set(listed(first)) | set(listed(second)) == set(tasks)


def test_saved_views_are_private_or_shared_with_the_pool(q_case, login, colleague):
    _c, overdue_task = q_case(name="甲", serial=131)
    owner = login(CASEWORKER)
    response = owner.post("/queue/views", data={"name": "本周逾期", "tab": "claimable", "due": "soon",
                                                "is_shared": "1"})
    view_url = response.headers["Location"]
    opened = owner.get(view_url)
    assert opened.status_code == 303 and "due=soon" in opened.headers["Location"]
    assert "本周逾期" in owner.get("/").get_data(as_text=True)
    assert colleague.get(view_url).status_code == 303 and "本周逾期" in colleague.get("/").get_data(as_text=True)
    assert login("township_caseworker_yilelite").get(view_url).status_code == 404
    private = owner.post("/queue/views", data={"name": "私人", "tab": "mine"}).headers["Location"]
    assert colleague.get(private).status_code == 404
    view_id = view_url.rsplit("/", 1)[1]
    assert colleague.post(f"/queue/views/{view_id}/delete").status_code == 403
    assert owner.post(f"/queue/views/{view_id}/delete").status_code == 303


def test_bulk_claim_reports_each_task(q_case, login, colleague, session_factory):
    tasks = [q_case(name=f"户{i}", serial=141 + 2 * i)[1] for i in range(4)]
    assert colleague.post(f"/tasks/{tasks[3]}/claim").status_code == 303
    response = login(CASEWORKER).post("/queue/claim", data={"task_id": [str(t) for t in tasks]})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "成功 3 项，未成功 1 项" in page and "已被他人认领" in page
    with session_factory() as s:
        holders = [s.get(engine.HumanTask, t).assignee_id for t in tasks]
    assert holders == [uid(session_factory, CASEWORKER)] * 3 + [uid(session_factory, "dulin_2")]
