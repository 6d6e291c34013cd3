"""documents area: a case's documents, downloads and batches for staff; the public /verify page."""
import documents
import engine


def init_app(app) -> None:
    documents.configure(documents.config.from_flask_config(app.config, app.instance_path))
    engine.events.subscribe("decision.recorded", _issue_decision_document)
    from .blueprint import bp, public
    app.register_blueprint(bp)
    app.register_blueprint(public)


def _issue_decision_document(session, decision) -> None:
    """Every recorded decision leaves as a signed document: queue its generation in the same transaction."""
    documents.issue_for_decision(session, decision, actor_id=decision.decided_by)
