"""Process instances: start, lock, load, run engine steps, save — one action inside one caller's transaction."""
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from . import audit, clock, events, jobs, scripts
from .deploy import latest
from .errors import Conflict, EngineError, NotFound
from .models import HumanTask, InstanceStatus, ProcessDefinition, ProcessInstance, TaskState
from .projection import sync
from .spiff import TaskState as SpiffState
from .spiff import deliver_message, dump_state, load_spec, load_state, new_workflow, timer_due_dts, waiting_messages

_spec_cache: dict[tuple[int, str], tuple] = {}


def specs_of(defn: ProcessDefinition):
    """Definitions are immutable, so each version's parsed spec is restored once per process."""
    key = (defn.id, defn.content_hash)
    if key not in _spec_cache:
        if len(_spec_cache) > 64:
            _spec_cache.clear()
        _spec_cache[key] = load_spec(defn.spec_json)
    return _spec_cache[key]


def start(session, process_key, *, region_id=None, business_key=None, actor_id=None, data=None, summary=None):
    """Start the latest version of a process; the instance stays pinned to that version."""
    defn = latest(session, process_key)
    if defn is None:
        raise NotFound(f"流程「{process_key}」尚未部署")
    now = clock.now()
    workflow = new_workflow(*specs_of(defn))
    for task in workflow.get_tasks(state=SpiffState.READY):
        task.data.update(data or {})
    inst = ProcessInstance(definition=defn, state="{}", region_id=region_id, business_key=business_key,
                           summary=summary or {}, started_by=actor_id, started_dt=now, updated_dt=now)
    session.add(inst)
    session.flush()
    run(session, inst, workflow, actor_id)
    audit.record(session, "instance.start", actor_id=actor_id, instance_id=inst.id,
                 subject=f"case:{business_key}" if business_key else None,
                 after={"process": process_key, "version": defn.version, "status": inst.status})
    return inst


def lock(session, instance_id: int) -> ProcessInstance:
    """Lock the instance row for this transaction (FOR UPDATE on PostgreSQL; the version column guards SQLite)."""
    stmt = select(ProcessInstance).where(ProcessInstance.id == instance_id).execution_options(populate_existing=True)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=ProcessInstance)
    inst = session.scalar(stmt)
    if inst is None:
        raise NotFound("流程实例不存在")
    return inst


def load(inst: ProcessInstance):
    return load_state(inst.state, *specs_of(inst.definition))


def run(session, inst, workflow, actor_id=None):
    """Run engine steps, then save state, refresh the task projection and schedule the next timer."""
    with scripts.session_scope(session, inst):   # script functions and due-date expressions may query
        _run(session, inst, workflow, actor_id)


def _run(session, inst, workflow, actor_id):
    _step(lambda: (workflow.refresh_timers(), workflow.do_engine_steps()))   # on failure the case stays as it was
    was_running = inst.status == InstanceStatus.RUNNING
    inst.state = dump_state(workflow)
    inst.updated_dt = clock.now()
    if workflow.is_completed():
        inst.status, inst.completed_dt, inst.next_timer_dt = InstanceStatus.COMPLETED, inst.updated_dt, None
    else:
        inst.next_timer_dt = min(timer_due_dts(workflow), default=None)
    flush(session)
    sync(session, inst, workflow)
    flush(session)
    jobs.schedule_timer(session, inst)
    if was_running and inst.status == InstanceStatus.COMPLETED:
        audit.record(session, "instance.complete", actor_id=actor_id, instance_id=inst.id)
        events.emit("instance.completed", session, instance=inst)


def _step(action):
    """Run one Spiff call, turning its failures into a clean EngineError (the caller rolls back)."""
    try:
        return action()
    except EngineError:
        raise
    except Exception as exc:
        refusal = _domain_refusal(exc)
        if refusal is not None:   # a script function said no (e.g. 备用金余额不足): its own words, not Spiff's wrapper
            raise refusal from exc
        raise EngineError(f"流程执行出错：{getattr(exc, 'message', None) or exc}", detail=repr(exc)) from exc


def _domain_refusal(exc) -> EngineError | None:
    """The EngineError a script raised, found under the exceptions Spiff wrapped it in."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, EngineError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def flush(session):
    """Flush, turning a lost optimistic-lock race into a clean refusal."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict("该案件刚被他人处理，请刷新后重试。", detail=str(exc)) from exc
    except OperationalError as exc:
        if "locked" in str(exc).lower():   # SQLite: another writer held the database past the busy timeout
            raise Conflict("系统繁忙，该案件正被他人处理，请稍后重试。", detail=str(exc)) from exc
        raise


def fire_timers(session, instance_id: int) -> bool:
    """Timer job body: lock, refresh timers, run engine steps, save. True when something moved."""
    inst = lock(session, instance_id)
    if inst.status != InstanceStatus.RUNNING or inst.next_timer_dt is None or inst.next_timer_dt > clock.now():
        jobs.schedule_timer(session, inst)   # a stale job: make sure the real next timer still has one
        return False
    before = inst.state
    run(session, inst, load(inst))
    moved = inst.state != before
    if moved:
        audit.record(session, "timer.fire", instance_id=inst.id, after={"next_timer": inst.next_timer_dt})
    return moved


@jobs.handler("timer")
def _fire_timer(session, job):
    fire_timers(session, job.instance_id)


def send_message(session, instance_id: int, name: str, payload: dict, actor_id=None, reason=None):
    """Deliver a BPMN message (e.g. 公示异议, an objection posted from the case page) to a waiting instance."""
    inst = lock(session, instance_id)
    workflow = load(inst)
    if name not in waiting_messages(workflow):
        raise Conflict(f"当前环节不接收「{name}」，可能已经结束，请刷新后查看。")
    with scripts.session_scope(session, inst):
        _step(lambda: deliver_message(workflow, name, payload))
    run(session, inst, workflow, actor_id)
    audit.record(session, "message.receive", actor_id=actor_id, instance_id=inst.id,
                 after={"message": name, "payload": payload}, reason=reason)
    return inst


def messages_awaited(session, inst: ProcessInstance) -> list[str]:
    """Names of the messages the instance can receive now (the case page offers only these actions)."""
    return waiting_messages(load(inst)) if inst.status == InstanceStatus.RUNNING else []


def instance_data(session, inst: ProcessInstance) -> dict:
    """The case data as the process last left it (the data of the most recently completed task)."""
    workflow = load(inst)
    return dict(workflow.last_task.data) if workflow.last_task else {}


def completed_by(session, instance_id: int, element_id: str | None = None, group: str | None = None) -> int | None:
    """Who completed the instance's latest step (`element_id`, of that candidate group if given): the person a
    script task that follows acts for."""
    stmt = select(HumanTask.completed_by).where(HumanTask.instance_id == instance_id,
                                                HumanTask.state == TaskState.COMPLETED)
    if element_id is not None:
        stmt = stmt.where(HumanTask.element_id == element_id)
    if group is not None:
        stmt = stmt.where(HumanTask.group == group)
    return session.scalar(stmt.order_by(HumanTask.completed_dt.desc(), HumanTask.id.desc()).limit(1))


def completed_steps(session, instance_id: int) -> list[HumanTask]:
    return list(session.scalars(select(HumanTask).where(
        HumanTask.instance_id == instance_id, HumanTask.state == TaskState.COMPLETED)
        .order_by(HumanTask.completed_dt, HumanTask.id)))
