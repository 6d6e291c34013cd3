"""Every route that returns a case's data follows the one rule of assistance/core/access.py: the case's region
subtree, and for a coordination member unit only the cases its unit takes part in (一事一议). Documents and
attachments follow their case; rosters and batches the region, for staff who see cases by region."""
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

import documents
import engine
from assistance.core import china_time
from assistance.core.models import Case, Decision, DecisionOutcome, Region
from assistance.steps.discussion.models import Discussion, DiscussionOpinion
from assistance.worklist.comments import Attachment
from documents import Document, DocumentRequest
from tests.documents.factories import configure_signing

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEMBER, OTHER_UNIT, MEMBER_ELSEWHERE = ("coordination_member_finance_wulanhaote", "coordination_member_health_wulanhaote",
                                        "coordination_member_finance_keyouqianqi")


def run_worker(session_factory):
    while engine.run_due_jobs(session_factory, "test-worker"):
        pass


@pytest.fixture(scope="module")
def signing(tmp_path_factory):
    return tmp_path_factory.mktemp("instance")


@pytest.fixture
def world(app, start_case, open_task, login, session_factory, signing, tmp_path):
    """A 低保 case in 和平社区 with its open task, a note with a file, an issued decision document, an 一事一议 that
    the finance bureau takes part in, and a roster batch for 都林街道."""
    configure_signing(signing)
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    case_id = start_case(programme="dibao_application")
    task_id = open_task(case_id).id
    caseworker = login("township_caseworker_dulin")
    assert caseworker.post(f"/cases/{case_id}/comments", content_type="multipart/form-data", data={
        "body": "收入证明", "files": [(io.BytesIO(PDF), "收入证明.pdf")]}).status_code == 303
    with session_factory() as s:
        case = s.get(Case, case_id)
        county = s.scalar(select(Region).where(Region.code == "152201"))
        dulin = s.scalar(select(Region).where(Region.code == "152201001000"))
        now = china_time.now()
        decision = Decision(case_id=case_id, kind="dibao_confirmation", outcome=DecisionOutcome.REFUSED,
                            members=[{k: m[k] for k in ("name", "relation", "id_number")}
                                     | {"is_applicant": m["relation"] == "本人"} for m in case.household.snapshot()],
                            basis={}, reasons="家庭人均收入高于当地低保标准", office_region_id=county.id, decided_dt=now)
        s.add(decision)
        discussion = Discussion(case_id=case_id, subject="一事一议", departments=["finance"], convened_dt=now,
                                deadline_dt=now + timedelta(days=5))
        s.add(discussion)
        s.flush()
        s.add(DiscussionOpinion(discussion_id=discussion.id, department="finance"))
        documents.issue_for_decision(s, decision)
        batch = documents.request_roster_batch(s, dulin, date(2026, 4, 1), None)
        s.commit()
        batch_id = batch.id
    run_worker(session_factory)
    with session_factory() as s:
        decision_document = s.scalar(select(Document.id).where(Document.case_id == case_id))
        roster = s.scalar(select(Document.id).join(DocumentRequest, DocumentRequest.document_id == Document.id)
                          .where(DocumentRequest.batch_id == batch_id).order_by(Document.id))
        attachment_id = s.scalar(select(Attachment.id).where(Attachment.case_id == case_id))
    assert decision_document and roster and attachment_id
    return {"case": f"/cases/{case_id}", "section": f"/cases/{case_id}/dibao", "task": f"/tasks/{task_id}",
            "case documents": f"/cases/{case_id}/documents", "decision pdf": f"/documents/{decision_document}.pdf",
            "attachment": f"/attachments/{attachment_id}", "roster pdf": f"/documents/{roster}.pdf",
            "batch": f"/documents/batches/{batch_id}"}


ALL = ("case", "section", "task", "case documents", "decision pdf", "attachment", "roster pdf", "batch")
CASE_DATA = ("case", "section", "case documents", "decision pdf", "attachment")

# username -> the routes that answer 200; every other route answers 404
MATRIX = {
    "village_assistant_heping": ALL[:-1],             # the household's own village; the batch is the township's
    "township_caseworker_dulin": ALL,
    "township_leader_dulin": ALL,
    "county_caseworker_wulanhaote": ALL,
    "county_approver_wulanhaote": ALL,
    "coordination_chair_wulanhaote": ALL,
    "supervisor_wulanhaote": ALL,
    "supervisor_xinganmeng": ALL,                     # the league (盟) sees every county
    "auditor_xinganmeng": ALL,
    "admin_xinganmeng": ALL,
    MEMBER: CASE_DATA,                                # takes part in the 一事一议: the case, not the region's lists,
                                                      # and of its tasks only its own unit's
    OTHER_UNIT: (),                                   # another department of the same county
    MEMBER_ELSEWHERE: (),                             # the same department of another county
    "village_assistant_shengli": (),                  # another village of the same township
    "township_caseworker_yilelite": (),               # another township of the same county
    "township_caseworker_keerqin": (),                # another county
    "county_approver_keyouqianqi": (),
    "supervisor_keyouqianqi": (),
}


@pytest.mark.parametrize("username", MATRIX)
def test_case_data_follows_the_case(world, login, username):
    browser = login(username)
    answers = {name: browser.get(url).status_code for name, url in world.items()}
    assert answers == {name: 200 if name in MATRIX[username] else 404 for name in world}


def test_a_guest_is_sent_to_the_login_page(world, client):
    for url in world.values():
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_outsider_sees_nothing_of_the_household(world, login):
    """The 404 pages carry no data: the applicant's name appears on no refused route."""
    for username in (MEMBER_ELSEWHERE, OTHER_UNIT, "township_caseworker_keerqin"):
        browser = login(username)
        for url in world.values():
            response = browser.get(url)
            assert response.status_code == 404 and "赵敏" not in response.get_data(as_text=True)
            assert not response.data.startswith(b"%PDF")


def test_the_public_verify_page_still_needs_only_number_and_code(world, client, session_factory):
    with session_factory() as s:
        document = s.get(Document, int(world["decision pdf"].split("/")[-1].split(".")[0]))
        number, token = document.number, document.token
    assert client.get("/verify", query_string={"no": number, "code": token}).status_code == 200
    download = client.get("/verify/original.pdf", query_string={"no": number, "code": token})
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    assert client.get("/verify/original.pdf", query_string={"no": number, "code": "WRONG"}).status_code == 404
