"""Web fixtures: the app on the test database with the 兴安盟 demo jurisdiction and the workflows deployed, and
logged-in browsers that carry the CSRF token the way a real form does."""
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

import engine
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Region, User
from demo import jurisdiction as demo
from tests.web.queue_helpers import colleague, q_case, q_process  # noqa: F401  (fixtures for the queue tests)
from web import create_app

PASSWORD = "demo-pass-1"
WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows" / "bpmn"
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def app(db_url, db_engine, session_factory, clock, monkeypatch):
    monkeypatch.setattr(demo, "PASSWORD_HASH_METHOD", "pbkdf2:sha256:1")   # seeding 30 users must stay fast
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": db_url})
    with session_factory() as session:
        demo.seed_demo(session, password=PASSWORD)
        engine.deploy(session, [WORKFLOWS])
        session.commit()
    yield app
    app.extensions["doudi.db_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


class Browser:
    """A test client that has logged in and sends the page's CSRF token with every form post."""

    def __init__(self, client, username):
        self.client, self.username, self.token = client, username, None

    def login(self, password=PASSWORD):
        self.token = csrf_token(self.client.get("/login"))
        response = self.client.post("/login", data={"username": self.username, "password": password,
                                                    "csrf_token": self.token})
        if response.status_code == 303:   # login starts a fresh session with a new CSRF token (auth/sessions.py)
            self.token = csrf_token(self.client.get("/me/relatives"))
        return response

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def post(self, url, data=None, **kwargs):
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)


def csrf_token(response) -> str:
    return CSRF_INPUT.search(response.get_data(as_text=True)).group(1)


@pytest.fixture
def attempt_login():
    """attempt_login(client, username, password, ip='10.0.0.1') -> the response of one sign-in attempt."""
    def attempt(client, username, password=PASSWORD, ip="10.0.0.1", **kwargs):
        token = csrf_token(client.get("/login"))
        return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                           environ_base={"REMOTE_ADDR": ip}, **kwargs)
    return attempt


@pytest.fixture
def login(app):
    """login('township_caseworker_dulin') -> a Browser of its own (separate cookies, like a second person)."""
    def make(username):
        browser = Browser(app.test_client(), username)
        response = browser.login()
        assert response.status_code == 303, response.get_data(as_text=True)
        return browser
    return make


@pytest.fixture
def new_case_form(session_factory):
    """new_case_form(members=[(name, id_number, relation), …], village_code=…, address=…) -> the form's fields."""
    def make(village_code="152201001001", members=None, **overrides):
        with session_factory() as s:
            village_id = s.scalar(select(Region.id).where(Region.code == village_code))
        members = members or [("赵敏", compose_id_number("152201", date(1975, 4, 1), 123), "本人"),
                              ("钱多", compose_id_number("152201", date(2010, 6, 1), 124), "子女")]
        data = {"village_id": str(village_id), "address": "和平社区5号楼1单元202室", "is_urban": "1",
                "programme": "demo_application"}
        for i, (name, id_number, relation) in enumerate(members):
            data.update({f"members-{i}-name": name, f"members-{i}-id_number": id_number,
                         f"members-{i}-relation": relation})
        return {**data, **overrides}
    return make


@pytest.fixture
def start_case(login, new_case_form):
    """The village assistant of 和平社区 registers an application; returns the new case id."""
    def start(**overrides):
        assistant = login("village_assistant_heping")
        response = assistant.post("/cases/new", data=new_case_form(**overrides))
        assert response.status_code == 303, response.get_data(as_text=True)
        return int(response.headers["Location"].rsplit("/", 1)[1])
    return start


@pytest.fixture
def open_task(session_factory):
    """open_task(case_id) -> the case's one open HumanTask (fresh from the database)."""
    def find(case_id):
        with session_factory() as s:
            return s.scalars(select(engine.HumanTask).join(engine.ProcessInstance).where(
                engine.ProcessInstance.business_key == str(case_id),
                engine.HumanTask.state.in_(("ready", "reserved")))).one()
    return find


@pytest.fixture
def user_id(session_factory):
    def find(username):
        with session_factory() as s:
            return s.scalar(select(User.id).where(User.username == username))
    return find
