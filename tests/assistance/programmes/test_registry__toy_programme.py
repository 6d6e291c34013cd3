"""The programme registry: a third programme (tests/assistance/programmes/toy/) joins with one registry.register()
call and no other edit — the real app then offers its process, numbers its cases, shows its section and nav link, and
issues its decision document; a decision kind no programme issues raises instead of borrowing 低保's documents."""
import pytest
from sqlalchemy import func, select

import engine
from assistance.core import applications, households
from assistance.core.models import Case
from assistance.core.params import DEFAULTS
from assistance.programmes import registry
from documents import Document, DocumentRequest, issue_for_decision, kinds
from tests.assistance.programmes import toy
from tests.documents.conftest import seeded
from tests.documents.factories import configure_signing, make_decision
from tests.documents.pdf_tools import pdftotext
from tests.web.conftest import app, login, new_case_form, open_task


@pytest.fixture
def toy_programme(app, session_factory):
    """The toy registered after the app was made (nothing in web/ or documents/ knows it), its BPMN deployed."""
    registry.register(toy.PROGRAMME)
    with session_factory() as s:
        engine.deploy(s, [toy.BPMN])
        s.commit()
    yield toy.PROGRAMME
    registry.unregister(toy.PROGRAMME.key)


def test_the_toy_programme_runs_through_the_real_app(toy_programme, login, new_case_form, open_task, session_factory,
                                                      tmp_path, tmp_path_factory):
    assistant, caseworker = login("village_assistant_heping"), login("township_caseworker_dulin")
    form = assistant.get("/cases/new").get_data(as_text=True)
    assert '<option value="toy_application"' in form and "玩具救助申请" in form        # the new-case form offers it
    assert "玩具登记</a>" in assistant.get("/").get_data(as_text=True)                  # its nav link: allowed user
    assert "玩具登记</a>" not in caseworker.get("/").get_data(as_text=True)             # … and not another

    response = assistant.post("/cases/new", data=new_case_form(programme="toy_application"))
    assert response.status_code == 303
    case_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with session_factory() as s:
        assert s.get(Case, case_id).number == "WJ-2026-000001"                            # its case-number prefix
    page = assistant.get(f"/cases/{case_id}").get_data(as_text=True)
    assert f'hx-get="/cases/{case_id}/toy"' in page and "正在加载玩具救助信息…" in page
    section = assistant.get(f"/cases/{case_id}/toy")
    assert section.status_code == 200 and "玩具救助的案件 WJ-2026-000001：审核中。" in section.get_data(as_text=True)
    assert assistant.get(f"/cases/{case_id}/dibao").status_code == 404                   # another programme's key

    task = open_task(case_id)
    assert task.due_dt is not None                                                         # its parameter was read
    assert caseworker.post(f"/tasks/{task.id}/claim").status_code == 303
    assert caseworker.post(f"/tasks/{task.id}/complete", data={"opinion": "情况属实"}).status_code == 303
    with session_factory() as s:
        request = s.scalars(select(DocumentRequest).where(DocumentRequest.case_id == case_id)).one()
        assert request.kind == "toy_grant_approval"                                       # its decision's document
    assert "已决定" in caseworker.get(f"/cases/{case_id}/toy").get_data(as_text=True)

    configure_signing(tmp_path_factory.mktemp("instance"))   # after create_app: keys in a temporary folder
    while engine.run_due_jobs(session_factory, "test-worker"):
        pass
    with session_factory() as s:
        document = s.scalars(select(Document).where(Document.case_id == case_id)).one()
        title, text = document.title, pdftotext(document.content, tmp_path)
    assert title == toy.TITLE and toy.TITLE in text and "WJ-2026-000001" in text and "赵敏" in text


def test_unregistering_takes_the_toy_out_of_every_reader(toy_programme):
    assert registry.for_process("toy_application") is toy.PROGRAMME
    registry.unregister(toy.PROGRAMME.key)
    try:
        for lookup in (lambda: registry.for_process("toy_application"), lambda: registry.by_key("toy"),
                       lambda: registry.for_decision_kind("toy_grant"), lambda: kinds.kind("toy_grant_approval")):
            with pytest.raises(registry.NotRegistered):
                lookup()
        with pytest.raises(LookupError):
            households.case_prefix("toy_application")
        assert "toy_review_working_days" not in DEFAULTS and "toy_application" not in applications.OFFERED_PROCESSES
    finally:
        registry.register(toy.PROGRAMME)   # the fixture unregisters it again


def test_a_clash_with_a_registered_programme_is_refused():
    dibao = registry.by_key("dibao")
    with pytest.raises(ValueError, match="dibao_application"):
        registry.register(registry.Programme(key="copy", label="复制", case_prefix="FZ",
                                             processes={"dibao_application": registry.Process("重复")}))
    with pytest.raises(ValueError, match="already registered"):
        registry.register(registry.Programme(key="dibao", label="另一个", case_prefix="DB", processes={}))
    assert registry.by_key("dibao") is dibao and "copy" not in [p.key for p in registry.all()]


def test_an_unknown_decision_kind_raises_instead_of_getting_dibao_documents(seeded):
    decision = make_decision(seeded)
    decision.kind = "tekun_support"   # 特困供养: no programme registered for it
    seeded.flush()
    with pytest.raises(registry.NotRegistered, match="tekun_support"):
        issue_for_decision(seeded, decision)
    assert seeded.scalar(select(func.count()).select_from(DocumentRequest)) == 0


def test_the_new_case_form_starts_only_what_the_registry_offers(login, new_case_form, session_factory):
    assistant = login("village_assistant_heping")
    for process in ("temporary_assistance", "toy_application", ""):   # 急难登记 starts the first; the toy is not in
        response = assistant.post("/cases/new", data=new_case_form(programme=process))
        assert response.status_code == 422 and "请选择办理事项" in response.get_data(as_text=True)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
