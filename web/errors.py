"""Error pages in Chinese: engine refusals carry their own status and message; HTTP errors get a plain explanation."""
from flask import g, render_template, render_template_string, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from engine import EngineError

TITLES = {
    400: "请求无效", 401: "请先登录", 403: "没有权限", 404: "页面不存在", 405: "不支持的操作",
    409: "操作冲突", 413: "提交内容过大", 422: "提交的内容有误", 429: "操作过于频繁", 500: "系统错误",
}
MESSAGES = {
    400: "请求格式不正确。",
    403: "您没有权限访问此页面或执行此操作。",
    404: "您要找的页面不存在，或不在您的辖区范围内。",
    405: "此页面不支持该操作。",
    409: "数据已被他人修改，请刷新后重试。",
    413: "提交的内容过大。上传的文件请压缩或分开上传。",
    422: "提交的内容有误，请修改后再提交。",
    429: "操作过于频繁，请稍后再试。",
    500: "系统出现错误，已记录。请稍后重试，或联系系统管理员。",
}
HTMX_FRAGMENT = ('<p class="error-message">{{ message }}</p>'
                 '{% if lines %}<ul>{% for line in lines %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}')


def error_page(status: int, message: str | None = None, lines=()):
    _rollback()   # a failed flush (lost optimistic lock) leaves the session unusable until rolled back
    message = message or MESSAGES.get(status, "")
    if request.headers.get("HX-Request"):   # htmx swaps nothing on an error: the status and the message suffice
        return render_template_string(HTMX_FRAGMENT, message=message, lines=lines), status
    return render_template("errors/error.html", status=status, title=TITLES.get(status, "出错了"),
                           message=message, lines=lines), status


def _rollback() -> None:
    """Undo the request's transaction before the page reads anything (the navigation reads current_user)."""
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def register(app) -> None:
    @app.errorhandler(EngineError)
    def _engine_error(exc):
        return error_page(exc.http_status, exc.message.split("\n")[0], getattr(exc, "errors", ()))

    @app.errorhandler(StaleDataError)   # the optimistic lock lost at the request's final commit
    def _stale(_exc):
        return error_page(409)

    @app.errorhandler(CSRFError)
    def _csrf_error(_exc):
        return error_page(400, "页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试。")

    @app.errorhandler(HTTPException)   # unhandled exceptions arrive here too, as InternalServerError
    def _http_error(exc):
        if exc.code is not None and exc.code < 400:   # routing redirects (trailing slash) are not errors
            return exc
        return error_page(exc.code or 500)
