"""documents area: a case's documents, downloads and batches for staff; the public /verify page."""
import documents


def init_app(app) -> None:
    documents.configure(documents.config.from_flask_config(app.config, app.instance_path))
    from .blueprint import bp, public
    app.register_blueprint(bp)
    app.register_blueprint(public)
