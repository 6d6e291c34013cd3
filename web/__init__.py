"""The Flask application: create_app() wires the domain and documents, the database, sign-in, CSRF, the area
blueprints and the CLI."""
import os

import jinja2
from flask import Flask
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect

import assistance
from assistance.core import access
from assistance.programmes import registry
from assistance.worklist import mail, notifications
from documents import install as install_documents  # (plain `documents` here would be the web.documents area)
from engine import audit as engine_audit

from . import auth, cli, converters, database, errors, filters, security, settings
from . import documents as documents_area

csrf = CSRFProtect()


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.defaults(app.instance_path))
    if config is None:
        settings.apply_environment(app.config)
    else:
        app.config.from_mapping(config)
    os.makedirs(app.instance_path, exist_ok=True)   # home of the default SQLite file and the generated secrets
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.instance_secret(app.instance_path, "secret_key")

    engine_audit.configure(app.config["AUDIT_KEY"] or settings.instance_secret(app.instance_path, "audit_key"),
                           app.config["AUDIT_ANCHOR_LOG"])
    load_models()
    assistance.register_all()   # directory, script functions, task events, the built-in programmes
    install_documents()         # a recorded decision queues its document, a 一事一议 decision its minutes
    mail.configure(app.config)
    database.init_app(app)
    security.init_app(app)   # proxy headers, form body limits, response headers: before CSRF reads the form
    csrf.init_app(app)
    auth.init_app(app)       # sign-in and session expiry, after CSRF: a timed-out form post goes to the login page
    converters.register(app)   # before any route: <int:…> refuses ids past 2⁶³ (404, not an overflow)
    filters.register(app)
    errors.register(app)
    cli.register(app)
    # the programmes' templates (case-page sections) after the app's own, looked up in the registry at each load
    app.jinja_loader = jinja2.ChoiceLoader([app.jinja_loader, registry.TemplateLoader()])
    _register_blueprints(app)
    documents_area.init_app(app)   # configures documents (keys, TSA, public URL) and adds /documents, /verify

    @app.context_processor
    def _nav():
        return {"access": access, "programme_links": registry.nav_links, "unread_notifications": _unread}
    return app


def load_models() -> None:
    """Every table the app uses: the domain's, the documents' (declared when documents is imported) and web's own."""
    assistance.load_models()
    from . import login_throttle  # noqa: F401  (sign-in attempts: web's own table)


def _register_blueprints(app) -> None:
    from .admin.blueprint import bp as admin
    from .auth.blueprint import bp as auth
    from .cases.blueprint import bp as cases
    from .dibao.blueprint import bp as dibao
    from .inbox.blueprint import bp as inbox
    from .me.blueprint import bp as me
    from .notes.blueprint import bp as notes
    from .queue.blueprint import bp as queue
    from .supervise.blueprint import bp as supervise
    from .tasks.blueprint import bp as tasks
    from .temporary.blueprint import bp as temporary
    for bp in (auth, queue, tasks, cases, admin, supervise, inbox, me, notes, dibao, temporary):
        app.register_blueprint(bp)


def _unread() -> int:
    """The inbox badge in the navigation: counted only when a page asks for it."""
    return notifications.unread_count(database.db(), current_user.id) if current_user.is_authenticated else 0
