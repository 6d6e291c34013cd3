"""Request bodies: a form without files is refused past 1 MB before it is parsed (413 in Chinese, quickly), while
multipart uploads keep their own, larger limit."""
import time

from tests.web.conftest import csrf_token


def test_a_huge_many_field_login_post_is_refused_quickly(client):
    token = csrf_token(client.get("/login"))
    body = f"csrf_token={token}&username=a&password=b&" + "&".join(f"f{i}=x" for i in range(3_000_000))
    started = time.monotonic()
    response = client.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and "提交的内容过大" in response.get_data(as_text=True)
    assert time.monotonic() - started < 2


def test_a_form_just_under_the_limit_is_read(client):
    token = csrf_token(client.get("/login"))
    response = client.post("/login", data={"csrf_token": token, "username": "nobody", "password": "x",
                                           "padding": "x" * 900_000})
    assert response.status_code == 200 and "用户名或密码错误" in response.get_data(as_text=True)


def test_too_many_multipart_fields_are_413(client):
    token = csrf_token(client.get("/login"))
    data = {"csrf_token": token, "username": "a", "password": "b", **{f"f{i}": "x" for i in range(2000)}}
    response = client.post("/login", data=data, content_type="multipart/form-data")
    assert response.status_code == 413


def test_uploads_keep_their_own_limit(app):
    assert app.config["MAX_CONTENT_LENGTH"] >= 2 * app.config["ATTACHMENT_MAX_BYTES"] > app.config["MAX_FORM_BYTES"]
