"""The generic BPMN runtime — the only package that imports SpiffWorkflow. It knows nothing of 低保.

Public face (every function takes an SQLAlchemy session and only flushes; the caller commits):

    deploy(session, paths, actor_id=None) -> list[DeployResult]    raises DeployError
    start(session, process_key, *, region_id, business_key, actor_id, data=None, summary=None) -> ProcessInstance
    perform(session, action, task_id, actor_id, target_user_id=None, reason=None, values=None)   any task action by
        name; TRANSITIONS[name] declares each once (sources, targets, needs_reason, needs_user, effect): claim,
        release, complete, save_draft, reassign, delegate, resolve, escalate, suspend, resume (engine/transitions.py)
    claim(session, task_id, user_id, actor_id=None) / release(session, task_id, user_id)
    complete(session, task_id, user_id, data) -> ProcessInstance    raises ValidationFailed / Conflict / Forbidden
    transitions.save_draft / assign / delegate / resolve / escalate / suspend / resume   the effects, called directly
    form_schema(session, task) -> dict | None;  task_data(session, task) -> dict;  tasks_data(session, tasks)
    instance_data(session, instance) -> dict;  completed_steps(session, instance_id) -> list[HumanTask]
    completed_by(session, instance_id, element_id=None, group=None) -> user id of the latest completer
    run_due_jobs(session_factory, worker_id, limit=20) -> int;  fire_timers(session, instance_id)
    send_message(session, instance_id, name, payload, actor_id) / messages_awaited(session, instance)
    audit.record(session, action, actor_id=..., instance_id=..., ...)
    clock.now(), clock.use(FrozenClock(...));  workdays.add_working_days(session, start, n)
    scripts.register(name, fn);  directory.install(obj)
"""
from . import audit, audit_watch, clock, deadlines, directory, scripts, transitions, workdays
from .deploy import DeployResult, deploy
from .errors import Conflict, DeployError, EngineError, Forbidden, NotFound, ValidationFailed
from .jobs import run_due_jobs
from .models import (
                     AuditEvent,
                     CalendarDay,
                     Delegation,
                     HumanTask,
                     InstanceStatus,
                     Job,
                     JobStatus,
                     ProcessDefinition,
                     ProcessInstance,
                     TaskState,
)
from .runtime import completed_by, completed_steps, fire_timers, instance_data, messages_awaited, send_message, start
from .tasks import claim, complete, form_schema, release, task_data, tasks_data
from .transitions import TRANSITIONS, Transition, perform

__all__ = [
    "audit", "audit_watch", "clock", "deadlines", "directory", "scripts", "transitions", "workdays",
    "deploy", "DeployResult", "start", "perform", "TRANSITIONS", "Transition", "claim", "release",
    "complete", "form_schema", "task_data", "tasks_data", "instance_data", "send_message", "messages_awaited",
    "completed_by", "completed_steps", "fire_timers", "run_due_jobs",
    "EngineError", "DeployError", "NotFound", "Conflict", "Forbidden", "ValidationFailed",
    "ProcessDefinition", "ProcessInstance", "HumanTask", "Job", "AuditEvent", "CalendarDay",
    "InstanceStatus", "TaskState", "JobStatus", "Delegation",
]
