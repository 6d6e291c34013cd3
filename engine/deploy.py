"""Deploy: a process (its BPMN, the processes it calls, its DMN and forms) becomes a versioned definition row."""
import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select

from . import audit, clock
from .errors import DeployError
from .models import ProcessDefinition
from .spiff import SpiffBpmnParser, dump_spec
from .validate import as_utf8, check_bpmn, check_dmn, decision_ids, parse_xml

try:   # the parser's own refusals, re-worded with the element they name
    from SpiffWorkflow.exceptions import SpiffWorkflowException
except ImportError:  # pragma: no cover
    SpiffWorkflowException = Exception


@dataclass
class DeployResult:
    process_key: str
    version: int
    definition_id: int
    is_new: bool


def collect(paths) -> dict[str, bytes]:
    """Files to deploy: .bpmn/.dmn/.json named directly or found in the given folders; for a folder
    workflows/bpmn the sibling dmn/ and forms/ folders come along."""
    files: dict[str, bytes] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folders = [path] + [path.parent / sib for sib in ("dmn", "forms") if path.name == "bpmn"]
            for folder in folders:
                for f in sorted(folder.glob("*")):
                    if f.suffix in (".bpmn", ".dmn", ".json"):
                        files[f.name] = f.read_bytes()
        elif path.is_file():
            files[path.name] = path.read_bytes()
            forms_dir = path.parent.parent / "forms"
            if path.suffix == ".bpmn" and forms_dir.is_dir():
                for f in forms_dir.glob("*.json"):
                    files.setdefault(f.name, f.read_bytes())
        else:
            raise DeployError([f"{raw}: 文件或目录不存在"])
    return files


def deploy(session, paths_or_files, actor_id=None) -> list[DeployResult]:
    """Validate and store every executable process in the bundle; identical content keeps its version."""
    files = paths_or_files if isinstance(paths_or_files, dict) else collect(paths_or_files)
    errors: list[str] = []
    files = {n: as_utf8(n, c, errors) if n.endswith((".bpmn", ".dmn")) else c for n, c in files.items()}
    files = {n: c for n, c in files.items() if c is not None}
    forms = {n: c for n, c in files.items() if n.endswith(".json")}
    trees = {n: parse_xml(n, c, errors) for n, c in files.items() if n.endswith((".bpmn", ".dmn"))}
    dmn = {n: t for n, t in trees.items() if n.endswith(".dmn") and t is not None}
    for n, t in dmn.items():
        check_dmn(n, t, errors)
    checked = {n: check_bpmn(n, t, forms, errors) for n, t in trees.items() if n.endswith(".bpmn") and t is not None}
    if not checked and not errors:
        errors.append("没有可部署的 BPMN 文件")
    if errors:
        raise DeployError(errors)
    parser = _parser(checked, dmn, errors)
    results = []
    for c in checked.values():
        for key, name in c.processes.items():
            results.append(_store(session, parser, key, name, checked, dmn, files, actor_id, errors))
    if errors:
        raise DeployError(errors)
    return results


def _parser(checked, dmn, errors):
    parser = SpiffBpmnParser()
    try:
        for name, tree in dmn.items():
            parser.add_dmn_xml(tree.getroot(), filename=name)
        for c in checked.values():
            parser.add_bpmn_xml(c.tree.getroot(), filename=c.name)
    except SpiffWorkflowException as exc:
        raise DeployError([f"{getattr(exc, 'file_name', '') or ''} {_spiff_message(exc)}".strip()])
    return parser


def _store(session, parser, key, name, checked, dmn, files, actor_id, errors):
    try:
        spec = parser.get_spec(key)
        subprocess_specs = parser.get_subprocess_specs(key)
    except SpiffWorkflowException as exc:
        errors.append(f"流程 {key}: {_spiff_message(exc)}")
        return None
    owner = {pid: c for c in checked.values() for pid in c.processes}
    owner.update({pid: c for c in checked.values() for pid in _all_process_ids(c.tree)})
    used = [owner[key]] + [owner[k] for k in subprocess_specs if k in owner and owner[k] is not owner[key]]
    used = list({c.name: c for c in used}.values())
    decisions = set().union(*(c.decisions_used for c in used))
    bundle = {c.name: files[c.name] for c in used}
    bundle.update({n: files[n] for n, t in dmn.items() if decision_ids(t) & decisions})
    bundle.update({f: files[f] for c in used for f in c.forms_used})
    content_hash = hashlib.sha256(b"".join(n.encode() + b"\0" + bundle[n] + b"\0" for n in sorted(bundle))).hexdigest()
    existing = session.scalar(select(ProcessDefinition).where(ProcessDefinition.process_key == key,
                                                              ProcessDefinition.content_hash == content_hash))
    if existing:
        return DeployResult(key, existing.version, existing.id, False)
    meta = {}
    for c in used:
        for tid, m in c.user_tasks.items():
            if tid in meta:
                errors.append(f"流程 {key}: 用户任务 id「{tid}」在多个文件中重复")
            meta[tid] = asdict(m)
    for tid, m in meta.items():
        errors.extend(f"流程 {key}: 用户任务 {tid} 的 excludeCompletersOf 引用了不存在的用户任务「{ref}」"
                      for ref in m["exclude_completers_of"] if ref not in meta)
    version = (session.scalar(select(func.max(ProcessDefinition.version))
                              .where(ProcessDefinition.process_key == key)) or 0) + 1
    defn = ProcessDefinition(process_key=key, version=version, name=name, content_hash=content_hash,
                             files={n: c.decode("utf-8") for n, c in bundle.items()},
                             spec_json=dump_spec(spec, subprocess_specs), task_meta=meta,
                             deployed_by=actor_id, deployed_dt=clock.now())
    session.add(defn)
    session.flush()
    audit.record(session, "definition.deploy", actor_id=actor_id, subject=f"definition:{defn.id}",
                 after={"process_key": key, "version": version, "hash": content_hash, "files": sorted(bundle)})
    return DeployResult(key, version, defn.id, True)


def _all_process_ids(tree):
    return [p.get("id") for p in tree.getroot().iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}process")]


SPIFF_MESSAGES = {   # the parser's refusals an analyst meets most, in Chinese; others pass through as written
    "No start event found": "没有开始事件",
    "Non-default exclusive outgoing sequence flow without condition": "排他网关的非默认出口缺少条件",
    "Multiple outgoing flows are not supported for tasks of type": "任务不能有多条出口（请用网关分支）",
    "There is no support implemented for this task type": "暂不支持此类元素",
    "Exactly one start event is required in a SubWorkflow Task": "子流程必须恰好有一个开始事件",
    "was not found": "引用的流程或决策表不存在",
    "Time Specification Error": "定时器时间格式错误",
}


def _spiff_message(exc) -> str:
    where = f"（元素 {exc.id}）" if getattr(exc, "id", None) else ""
    line = f"第 {exc.line_number} 行" if getattr(exc, "line_number", None) else ""
    text = str(getattr(exc, "message", None) or exc)
    chinese = next((zh for en, zh in SPIFF_MESSAGES.items() if en in text), None)
    return f"{line}{where} {chinese}：{text}".strip() if chinese else f"{line}{where} {text}".strip()


def latest(session, process_key: str) -> ProcessDefinition | None:
    return session.scalar(select(ProcessDefinition).where(ProcessDefinition.process_key == process_key)
                          .order_by(ProcessDefinition.version.desc()).limit(1))


