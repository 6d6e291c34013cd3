"""The Flask application: create_app() wires the database, sign-in, CSRF, the area blueprints and the CLI."""
import os

from flask import Flask
from flask_wtf.csrf import CSRFProtect

import assistance.directory
import assistance.script_functions
from assistance import access

from . import cli, database, errors, filters, login_throttle, settings  # noqa: F401  (login_throttle: its table)
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

    assistance.directory.install()
    assistance.script_functions.register_all()
    database.init_app(app)
    login_manager.init_app(app)
    csrf.init_app(app)
    filters.register(app)
    errors.register(app)
    cli.register(app)
    _register_blueprints(app)

    @app.context_processor
    def _nav():
        return {"access": access}
    return app


def _register_blueprints(app) -> None:
    from .admin.blueprint import bp as admin
    from .auth.blueprint import bp as auth
    from .cases.blueprint import bp as cases
    from .queue.blueprint import bp as queue
    from .tasks.blueprint import bp as tasks
    for bp in (auth, queue, tasks, cases, admin):
        app.register_blueprint(bp)
