"""The Flask application: create_app() wires the database, sign-in, CSRF, the area blueprints and the CLI."""
import os

from flask import Flask
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect

import assistance.core.directory
import assistance.core.script_functions
from assistance.core import access, kinship, substitution
from assistance.programmes.temporary import access as temporary_access
from assistance.programmes.temporary import models as temporary_models
from assistance.worklist import (
    comments,  # noqa: F401,E501  (their tables)
    mail,
    notifications,
    queue_views,
    task_events,
)

from . import cli, database, errors, filters, login_throttle, settings  # noqa: F401  (login_throttle: its table)
from . import documents as documents_area
from .auth import login_manager

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

    assistance.core.directory.install()
    assistance.core.script_functions.register_all()
    task_events.install()
    mail.configure(app.config)
    database.init_app(app)
    login_manager.init_app(app)
    csrf.init_app(app)
    filters.register(app)
    errors.register(app)
    cli.register(app)
    _register_blueprints(app)
    documents_area.init_app(app)   # configures documents (keys, TSA, public URL) and adds /documents, /verify

    @app.context_processor
    def _nav():
        return {"access": access, "temporary_access": temporary_access, "unread_notifications": _unread}
    return app


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
