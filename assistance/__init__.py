"""The social-assistance domain: core, worklist, shared steps and programmes. Its wiring is explicit: load_models()
declares every table, register_all() connects the domain to the engine. Both are idempotent; the app factory, the
migrations and the tests call them."""
import importlib

# modules whose tables the shared layers own; each programme lists its own (Programme.model_modules)
MODEL_MODULES = (
    "assistance.core.models", "assistance.core.case_clock", "assistance.core.kinship", "assistance.core.substitution",
    "assistance.worklist.comments", "assistance.worklist.notifications", "assistance.worklist.queue_views",
    "assistance.steps.discussion.models", "assistance.steps.public_notice.models",
)


def load_models() -> None:
    """Import every module that declares tables on engine.db.Base: the shared layers', the built-in programmes' and
    those of any programme registered since."""
    from assistance import programmes
    from assistance.programmes import registry
    for name in MODEL_MODULES:
        importlib.import_module(name)
    for programme in [*programmes.built_in(), *registry.all()]:
        for name in programme.model_modules:
            importlib.import_module(name)


def register_all() -> None:
    """The engine's directory, the shared script functions (core and steps), the worklist's task-event handlers,
    and the built-in programmes (their parameters, case-number prefixes, script functions and handlers)."""
    from assistance import programmes
    from assistance.core import access, directory
    from assistance.core import script_functions as core_scripts
    from assistance.steps.discussion import meeting
    from assistance.steps.discussion import scripts as discussion_scripts
    from assistance.steps.public_notice import scripts as public_notice_scripts
    from assistance.worklist import task_events
    from engine import scripts
    directory.install()
    access.add_participation(meeting.takes_part)   # member units see the cases of their 一事一议
    for name, fn in {**core_scripts.FUNCTIONS, **discussion_scripts.FUNCTIONS,
                     **public_notice_scripts.FUNCTIONS}.items():
        scripts.register(name, fn)
    task_events.install()
    programmes.register_built_in()
