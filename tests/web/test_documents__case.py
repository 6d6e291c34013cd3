"""The case page's 文书 section: 正在生成… until the worker has signed it, then the document; downloads, re-issue and
batches follow the region rules (the access matrix below)."""
import re

import pytest
from sqlalchemy import select

import engine
from documents import Document, issue_for_decision
from tests.documents.factories import configure_signing, make_decision


@pytest.fixture
def decision(app, session_factory, tmp_path_factory):
    configure_signing(tmp_path_factory.mktemp("instance"))   # after create_app: keys in a temporary folder
    with session_factory() as s:
        decision = make_decision(s)
        s.commit()
        return decision


def run_worker(session_factory):
    while engine.run_due_jobs(session_factory, "test-worker"):
        pass


def test_case_page_shows_generating_then_the_signed_document(decision, login, session_factory):
    caseworker = login("county_caseworker_wulanhaote")
    page = caseworker.get(f"/cases/{decision.case_id}").get_data(as_text=True)
    assert f'hx-get="/cases/{decision.case_id}/documents"' in page   # the section loads itself with htmx

    response = caseworker.post(f"/cases/{decision.case_id}/decisions/{decision.id}/documents")
    assert response.status_code == 303
    part = caseworker.get(f"/cases/{decision.case_id}/documents").get_data(as_text=True)
    assert "正在生成…" in part and 'hx-trigger="every 2s"' in part and "乌民救〔2026〕1号" in part

    run_worker(session_factory)
    part = caseworker.get(f"/cases/{decision.case_id}/documents").get_data(as_text=True)
    assert "正在生成…" not in part and "every 2s" not in part and "已签发" in part
    link = re.search(r'href="(/documents/\d+\.pdf)"', part).group(1)
    pdf = caseworker.get(link)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


@pytest.mark.parametrize("username, status", [
    (None, 302),                                  # guest: sent to the login page
    ("county_caseworker_keyouqianqi", 404),       # another county: not even its existence
    ("coordination_member_finance_wulanhaote", 404),   # a member unit that takes no part in the case
    ("village_assistant_heping", 200),            # the household's own village
    ("county_caseworker_wulanhaote", 200),
    ("admin_xinganmeng", 200),
])
def test_download_access_matrix(decision, login, client, session_factory, username, status):
    with session_factory() as s:
        issue_for_decision(s, s.merge(decision))
        s.commit()
    run_worker(session_factory)
    with session_factory() as s:
        document_id = s.scalar(select(Document.id))
    browser = login(username) if username else client
    assert browser.get(f"/documents/{document_id}.pdf").status_code == status


@pytest.mark.parametrize("username, status", [
    ("village_assistant_heping", 403), ("county_caseworker_keyouqianqi", 404),
    ("township_caseworker_dulin", 303), ("county_approver_wulanhaote", 303)])
def test_reissue_access_matrix(decision, login, username, status):
    response = login(username).post(f"/cases/{decision.case_id}/decisions/{decision.id}/documents")
    assert response.status_code == status


def test_roster_batch_shows_progress(decision, login, session_factory):
    caseworker = login("township_caseworker_dulin")
    form = caseworker.get("/documents/batches").get_data(as_text=True)
    region_id = re.search(r'<option value="(\d+)">[^<]*都林街道', form).group(1)
    response = caseworker.post("/documents/batches", data={"kind": "rosters", "region_id": region_id,
                                                           "month": "2026-04"})
    assert response.status_code == 303
    batch_url = response.headers["Location"]
    page = caseworker.get(batch_url).get_data(as_text=True)
    assert "已生成 <strong>0</strong> / 2 份" in page and "every 2s" in page
    run_worker(session_factory)
    part = caseworker.get(batch_url, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "已生成 <strong>2</strong> / 2 份" in part and "全部完成" in part and "every 2s" not in part
    assert "<html" not in part                               # htmx gets the fragment only
    assert "和平社区" in part and "胜利社区" in part
    assert login("village_assistant_heping").get("/documents/batches").status_code == 403
    assert login("county_caseworker_keyouqianqi").get(batch_url).status_code == 404
    assert login("coordination_member_finance_wulanhaote").get(batch_url).status_code == 404   # rosters: staff only
