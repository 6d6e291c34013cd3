"""Checks a BPMN/DMN/forms bundle before deploy; every problem names its element. Also normalizes
Camunda Modeler idioms (bare ISO 8601 timer literals, camunda:formKey, camunda:decisionRef) for the parser."""
import codecs
import json
import re
from dataclasses import dataclass, field

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from lxml import etree

from . import directory, sandbox

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
DMN_NAMESPACES = ("https://www.omg.org/spec/DMN/20191111/MODEL/", "http://www.omg.org/spec/DMN/20151101/dmn.xsd")
RESERVED_IDS = {"Start", "End", "Root"}   # SpiffWorkflow names its own synthetic task specs so
NS = {"bpmn": BPMN, "camunda": CAMUNDA, "spiffworkflow": SPIFF}
MAX_BYTES = 2 * 1024 * 1024
ISO_8601 = re.compile(r"^(R\d*/)?(P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"
                      r"|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)(/P[\dYMWDTHS.]+)?$")
TAG_LABELS = {"userTask": "用户任务", "timerEventDefinition": "定时器", "lane": "泳道", "process": "流程",
              "sequenceFlow": "顺序流", "scriptTask": "脚本任务", "businessRuleTask": "业务规则任务",
              "intermediateCatchEvent": "中间捕获事件", "boundaryEvent": "边界事件", "startEvent": "开始事件",
              "endEvent": "结束事件", "exclusiveGateway": "排他网关", "callActivity": "调用活动",
              "subProcess": "子流程", "task": "任务", "serviceTask": "服务任务", "manualTask": "人工任务"}


@dataclass
class UserTaskMeta:
    element_id: str
    name: str
    lane: str | None
    role: str | None
    form: str | None
    schema: dict | None
    due_working_days: str | None
    due_days: str | None
    priority: str | None
    instructions: str | None
    exclude_completers_of: list[str] = field(default_factory=list)   # separation of duties (回避)
    escalate_on_overdue: bool = False   # escalateOnOverdue="true": the deadline job escalates it to the supervisors
    candidate_group: str | None = None  # candidateGroup: expression on task data; only that group of the role may claim


@dataclass
class CheckedFile:
    name: str
    tree: etree._ElementTree
    processes: dict[str, str] = field(default_factory=dict)      # executable process id -> name
    user_tasks: dict[str, UserTaskMeta] = field(default_factory=dict)
    decisions_used: set[str] = field(default_factory=set)
    forms_used: set[str] = field(default_factory=set)


def label(el) -> str:
    tag = etree.QName(el).localname
    name = el.get("name")
    return f"{TAG_LABELS.get(tag, tag)}「{name}」({el.get('id')})" if name else f"{TAG_LABELS.get(tag, tag)} {el.get('id')}"


XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)""")


def as_utf8(name: str, content: bytes, errors: list[str]) -> bytes | None:
    """BPMN/DMN bytes as UTF-8 with a matching declaration: a UTF-16 file, a UTF-8 BOM or a declared legacy
    encoding (e.g. GBK from an older modeler) is re-encoded, so every later check reads the same text."""
    encoding = "utf-8"
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8):]
    elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif content[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        encoding = "utf-16-le" if content[:1] == b"<" else "utf-16-be"
    else:
        declared = XML_ENCODING.match(content[:200].decode("ascii", "replace"))
        if declared and declared.group(2).strip().lower() not in ("utf-8", "utf8", "utf-16", "utf16"):
            encoding = declared.group(2).strip()
    try:
        text = content.decode(codecs.lookup(encoding).name)
    except (LookupError, UnicodeDecodeError):
        errors.append(f"{name}: 文件编码无法识别（按 {encoding} 解码失败），请另存为 UTF-8 编码")
        return None
    return XML_ENCODING.sub(lambda m: m.group(1) + "UTF-8", text.lstrip("\ufeff"), count=1).encode("utf-8")


def parse_xml(name: str, content: bytes, errors: list[str]):
    """Parse untrusted XML: size-limited, no DTD, no entities, no network."""
    if len(content) > MAX_BYTES:
        errors.append(f"{name}: 文件超过 {MAX_BYTES // 1024 // 1024} MB 上限")
        return None
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        errors.append(f"{name}: 不允许 DOCTYPE 或实体声明（XML 外部实体攻击防护）")
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.ElementTree(etree.fromstring(content, parser))
    except etree.XMLSyntaxError as exc:
        errors.append(f"{name}: XML 格式错误（第 {exc.lineno} 行）：{exc.msg}")
        return None


def decision_ids(tree) -> set[str]:
    root = tree.getroot()
    return {el.get("id") for ns in DMN_NAMESPACES for el in root.iter(f"{{{ns}}}decision")}


def check_bpmn(name: str, tree, forms: dict[str, bytes], errors: list[str]) -> CheckedFile:
    checked = CheckedFile(name, tree)
    root = tree.getroot()
    seen: dict[str, int] = {}
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("id"):
            seen[el.get("id")] = seen.get(el.get("id"), 0) + 1
    errors.extend(f"{name}: 元素 id「{i}」重复出现 {n} 次" for i, n in seen.items() if n > 1)
    errors.extend(f"{name}: 元素 id「{i}」是引擎保留名，请改名（如 {i}_1）" for i in seen if i in RESERVED_IDS)
    for process in root.iter(f"{{{BPMN}}}process"):
        if process.get("isExecutable") != "false":
            checked.processes[process.get("id")] = process.get("name") or process.get("id")
        _check_process(name, process, checked, forms, errors)
    for el in root.iter(f"{{{BPMN}}}timerEventDefinition"):
        _normalize_timer(name, el, errors)
    for el in root.iter(f"{{{BPMN}}}conditionExpression"):
        _check_python(name, el.getparent(), el.text or "", "eval", "条件表达式", errors)
    for el in root.iter(f"{{{BPMN}}}script"):
        _check_python(name, el.getparent(), el.text or "", "exec", "脚本", errors)
    for tag, what in (("preScript", "前置脚本"), ("postScript", "后置脚本")):
        for el in root.iter(f"{{{SPIFF}}}{tag}"):
            owner = next((a for a in el.iterancestors() if a.get("id")), el.getparent())
            _check_python(name, owner, el.text or "", "exec", what, errors)
    for el in root.iter(f"{{{BPMN}}}businessRuleTask"):
        checked.decisions_used.add(_normalize_decision_ref(name, el, errors))
    checked.decisions_used.discard(None)
    return checked


def _check_process(name, process, checked, forms, errors):
    lanes = {}
    for lane in process.iter(f"{{{BPMN}}}lane"):
        if lane.find(f"{{{BPMN}}}childLaneSet") is not None:
            continue   # a parent lane; its child lanes carry the roles
        lane_name = (lane.get("name") or "").strip()
        if not lane_name or directory.get().role_for_lane(lane_name) is None:
            errors.append(f"{name}: {label(lane)} 未对应任何角色（泳道名应为角色代码或中文名，如「乡镇经办人」）")
        for ref in lane.iter(f"{{{BPMN}}}flowNodeRef"):
            lanes[(ref.text or "").strip()] = lane_name
    for task in process.iter(f"{{{BPMN}}}userTask"):
        lane = next((lanes[a.get("id")] for a in task.iterancestors() if a.get("id") in lanes), lanes.get(task.get("id")))
        if lane is None:
            errors.append(f"{name}: {label(task)} 不在任何泳道内，无法确定由哪个角色办理")
        props = {p.get("name"): p.get("value") for p in task.iterfind(
            "bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", NS)}
        form = props.get("formJsonSchemaFilename") or _camunda_form(task)
        schema = _load_form(name, task, form, forms, errors) if form else None
        for key in ("dueInWorkingDays", "dueInDays", "priority", "candidateGroup"):
            if props.get(key):
                _check_python(name, task, props[key], "eval", f"属性 {key}", errors)
        doc = task.find(f"{{{BPMN}}}documentation")
        role = directory.get().role_for_lane(lane) if lane else None
        checked.user_tasks[task.get("id")] = UserTaskMeta(
            task.get("id"), task.get("name") or task.get("id"), lane, role, form, schema,
            props.get("dueInWorkingDays"), props.get("dueInDays"), props.get("priority"),
            doc.text.strip() if doc is not None and doc.text else None,
            [i.strip() for i in (props.get("excludeCompletersOf") or "").split(",") if i.strip()],
            escalate_on_overdue=(props.get("escalateOnOverdue") or "").strip().lower() == "true",
            candidate_group=props.get("candidateGroup") or None)
        if form:
            checked.forms_used.add(form)


def _camunda_form(task):
    key = task.get(f"{{{CAMUNDA}}}formKey")
    return key.split(":")[-1].strip() if key else None


def _load_form(name, task, form, forms, errors):
    if form not in forms:
        errors.append(f"{name}: {label(task)} 引用的表单文件「{form}」不存在")
        return None
    try:
        schema = json.loads(forms[form])
        Draft202012Validator.check_schema(schema)
        return schema
    except (ValueError, SchemaError) as exc:
        errors.append(f"{name}: {label(task)} 的表单「{form}」不是有效的 JSON Schema：{str(exc).splitlines()[0]}")
        return None


def _normalize_timer(name, timer, errors):
    for expr in timer:
        if not isinstance(expr.tag, str) or etree.QName(expr).localname not in ("timeDuration", "timeDate", "timeCycle"):
            continue
        text = (expr.text or "").strip()
        if ISO_8601.match(text):        # Camunda Modeler users write bare literals such as P7D
            expr.text = repr(text)
        elif not _compiles(text, "eval"):
            errors.append(f"{name}: {label(timer.getparent())} 的定时器表达式「{text}」既不是 Python 表达式，"
                          f"也不是 ISO 8601 时间（如 P7D、2026-10-01T09:00:00+08:00）")
        elif sandbox.problems(text, "eval"):
            errors.append(f"{name}: {label(timer.getparent())} 的定时器表达式被沙箱拒绝："
                          f"{sandbox.problems(text, 'eval')}")


def _normalize_decision_ref(name, task, errors):
    ref = task.find("bpmn:extensionElements/spiffworkflow:calledDecisionId", NS)
    if ref is not None:
        return (ref.text or "").strip()
    camunda_ref = task.get(f"{{{CAMUNDA}}}decisionRef")
    if not camunda_ref:
        errors.append(f"{name}: {label(task)} 没有指定决策表（calledDecisionId 或 camunda:decisionRef）")
        return None
    ext = task.find(f"{{{BPMN}}}extensionElements")
    if ext is None:
        ext = etree.SubElement(task, f"{{{BPMN}}}extensionElements")
        task.insert(0, ext)
    etree.SubElement(ext, f"{{{SPIFF}}}calledDecisionId").text = camunda_ref
    return camunda_ref


def _compiles(source: str, mode: str) -> bool:
    try:
        compile(source, "<bpmn>", mode)
        return bool(source.strip()) or mode == "exec"
    except SyntaxError:
        return False


def _check_python(name, el, source, mode, what, errors):
    if not source.strip() and mode == "eval":
        errors.append(f"{name}: {label(el)} 的{what}为空")
    elif not _compiles(source, mode):
        errors.append(f"{name}: {label(el)} 的{what}不是有效的 Python：{source.strip()[:80]}")
    elif problem := sandbox.problems(source, mode):
        errors.append(f"{name}: {label(el)} 的{what}被沙箱拒绝：{problem}")


def check_dmn(name: str, tree, errors: list[str]) -> None:
    """DMN input expressions and cells run in the same sandbox; a cell may be a bare comparison (`> 5`, `< ? <`)."""
    for ns in DMN_NAMESPACES:
        for el in tree.getroot().iter(f"{{{ns}}}text"):
            text = (el.text or "").strip()
            if not text or text == "-":
                continue
            source = re.sub(r"(\?)(?=(?:[^'\"]|['\"][^'\"]*['\"])*$)", "dmninputexpr", text)
            if not _compiles(source, "eval"):
                source = f"dmninputexpr {source}"
            owner = next((a for a in el.iterancestors() if a.get("id")), el.getparent())
            if problem := sandbox.problems(source, "eval"):
                errors.append(f"{name}: 决策表元素 {owner.get('id')} 的表达式「{text[:60]}」被沙箱拒绝：{problem}")
