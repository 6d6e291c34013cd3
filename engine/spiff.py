"""Everything that touches SpiffWorkflow directly: parser, serializer, script engine, the injected clock."""
import json
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.util import BpmnEvent
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from . import clock, scripts
from .sandbox import SandboxEnvironment

__all__ = ["BpmnWorkflow", "TaskState", "SpiffBpmnParser", "new_workflow", "dump_state", "load_state",
           "dump_spec", "load_spec", "script_engine", "timer_due_dts", "waiting_messages", "deliver_message"]


class _ClockDatetime(datetime):
    """Spiff's timers call datetime.now(); routing it to engine.clock lets tests move time."""

    @classmethod
    def now(cls, tz=None):
        at = clock.now()
        return at.astimezone(tz) if tz else at.astimezone().replace(tzinfo=None)


spiff_timer.datetime = _ClockDatetime


class _SpeclessWorkflowConverter(BpmnWorkflowConverter):
    """Instance state without the spec: the spec is stored once per definition version."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct, spec=None, subprocess_specs=None):
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


def _make_registry():
    config = dict(SPIFF_CONFIG)
    config[BpmnWorkflow] = _SpeclessWorkflowConverter
    registry = BpmnWorkflowSerializer.configure(config)
    registry.register(Decimal, lambda v: {"value": str(v)}, lambda v: Decimal(v["value"]))
    registry.register(date, lambda v: {"value": v.isoformat()}, lambda v: date.fromisoformat(v["value"]))
    return registry


_registry = _make_registry()
_encoder = BpmnWorkflowSerializer(_registry)._encoder_cls


def dump_spec(spec, subprocess_specs) -> str:
    return json.dumps({"spec": _registry.convert(spec),
                       "subprocess_specs": {k: _registry.convert(v) for k, v in subprocess_specs.items()}})


def load_spec(spec_json: str):
    dct = json.loads(spec_json)
    return (_registry.restore(dct["spec"]),
            {k: _registry.restore(v) for k, v in dct["subprocess_specs"].items()})


def script_engine() -> PythonScriptEngine:
    """Every script, condition and expression runs in the sandbox (engine.sandbox) with the registered functions."""
    return PythonScriptEngine(environment=SandboxEnvironment(scripts.registered()))


def new_workflow(spec, subprocess_specs) -> BpmnWorkflow:
    return BpmnWorkflow(spec, subprocess_specs, script_engine=script_engine())


def dump_state(workflow) -> str:
    _registry._encoder_mode = True
    try:
        return json.dumps(_registry.convert(workflow), cls=_encoder, separators=(",", ":"))
    finally:
        _registry._encoder_mode = False


def load_state(state: str, spec, subprocess_specs) -> BpmnWorkflow:
    workflow = _registry.restore(json.loads(state), spec=spec, subprocess_specs=subprocess_specs)
    workflow.script_engine = script_engine()
    return workflow


def _waiting_definitions(workflow):
    """(task, event definition) for everything the workflow waits on; an event-based gateway waits on several."""
    for task in list(workflow.event_manager.tasks.values()):
        definition = task.task_spec.event_definition
        for sub in getattr(definition, "event_definitions", None) or [definition]:
            yield task, sub


def waiting_messages(workflow) -> list[str]:
    return sorted({d.name for _t, d in _waiting_definitions(workflow) if isinstance(d, MessageEventDefinition)})


def deliver_message(workflow, name: str, payload: dict) -> None:
    """Hand a message to the task that waits for it; its messageVariable receives the payload."""
    for _task, definition in _waiting_definitions(workflow):
        if isinstance(definition, MessageEventDefinition) and definition.name == name:
            workflow.catch(BpmnEvent(definition, payload=payload))
            return
    raise KeyError(name)


def timer_due_dts(workflow) -> list[datetime]:
    """When each waiting timer of the workflow (and its subprocesses) falls due."""
    due = []
    for task, definition in _waiting_definitions(workflow):
        if not isinstance(definition, spiff_timer.TimerEventDefinition):
            continue
        value = task._get_internal_data("event_value")
        if isinstance(value, dict):     # a cycle timer's bookkeeping
            value = value.get("next") if value.get("cycles") else None
        try:
            due.append(spiff_timer.TimerEventDefinition.get_datetime(value))   # naive values: Spiff's local-time rule
        except (TypeError, ValueError):
            continue
    return due
