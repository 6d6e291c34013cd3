"""Process scripts run in the sandbox: hostile scripts are refused at deploy (naming the element) and, smuggled
past deploy, at run time — the step fails with a Chinese message and the case stays as it was."""
from decimal import Decimal

import pytest
from sqlalchemy import func, select

import engine
from engine import sandbox, spiff
from engine.models import HumanTask, ProcessInstance, TaskState
from engine.validate import check_dmn, parse_xml
from tests.engine.bpmn_factory import FORM, HEAD, bundle

# refused when compiled: deploy names the element, and the run-time compiler refuses the same text
COMPILE_REFUSED = {
    "dunder_import": "__import__('os').system('id')",
    "import": "import os",
    "from_import": "from os import path",
    "subclasses_walk": "x = ().__class__.__base__.__subclasses__()",
    "open_secret_key": "x = open('instance/secret_key').read()",
    "eval": "x = eval('1')",
    "exec": "exec('x=1')",
    "getattr_dunder": "x = getattr(opinion, '__class__')",
    "globals": "x = globals()",
    "vars": "x = vars()",
    "type": "x = type(opinion)",
    "private_attribute": "x = opinion._private",
    "list_class": "x = [].__class__",
    "lambda_dunder_walk": "f = lambda: 0\nx = f.__globals__",
    "lambda_code_walk": "x = (lambda: 0).__code__",
    "dict_subclasses": "x = dict.__subclasses__()",
    "compile": "x = compile('1', 'f', 'eval')",
    "setattr": "setattr(opinion, 'upper', 1)",
    "breakpoint": "breakpoint()",
    "input": "x = input()",
    "builtins_name": "x = __builtins__",
    "class_definition": "class A:\n    pass",
    "format_walk": "x = '{0.__class__}'.format(opinion)",
    "generator_frame": "g = (i for i in [1])\nx = g.gi_frame",
    "huge_fstring_width": "x = f'{opinion:>1000000000}'",
}
# pass the compiler (plain-looking code) but are stopped while running
RUN_REFUSED = {
    "endless_loop": ("while True:\n    pass", "死循环"),
    "loop_swallowing_the_stop": ("while True:\n    try:\n        pass\n    except:\n        pass", "死循环"),
    "huge_string": ("x = 'x' * 10**10", "过大"),
    "huge_range": ("x = list(range(10**9))", "过大"),
    "huge_list": ("x = [0] * 10**10", "过大"),
    "huge_power": ("x = 10**10**10", "过大"),
    "doubling_string": ("x = 'x' * 1000\nwhile True:\n    x = x + x", "过大"),
    "huge_join": ("x = ''.join(['x' * 100000] * 100)", "过大"),
    "dunder_item_through_locals": ("x = locals()['__builtins__']", "不允许"),
}


def process(script: str) -> str:
    """start -> user task 审核 (lane 乡镇经办人) -> script task Script_1 -> end."""
    body = script.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (HEAD.format(pid="t_proc") +
            '<bpmn:process id="t_proc" name="测试流程" isExecutable="true">'
            '<bpmn:laneSet id="LS_1"><bpmn:lane id="Lane_1" name="乡镇经办人"><bpmn:flowNodeRef>Task_1'
            '</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet><bpmn:startEvent id="Start_1" />'
            '<bpmn:userTask id="Task_1" name="审核"><bpmn:extensionElements><spiffworkflow:properties>'
            '<spiffworkflow:property name="formJsonSchemaFilename" value="t_form.json" />'
            '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            f'<bpmn:scriptTask id="Script_1" name="计算"><bpmn:script>{body}</bpmn:script></bpmn:scriptTask>'
            '<bpmn:endEvent id="End_1" />'
            '<bpmn:sequenceFlow id="F1" sourceRef="Start_1" targetRef="Task_1" />'
            '<bpmn:sequenceFlow id="F2" sourceRef="Task_1" targetRef="Script_1" />'
            '<bpmn:sequenceFlow id="F3" sourceRef="Script_1" targetRef="End_1" />'
            '</bpmn:process></bpmn:definitions>')


def started_case(session, script):
    engine.deploy(session, bundle(process(script), form=FORM))
    inst = engine.start(session, "t_proc", region_id=1, business_key="42")
    session.commit()
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    engine.claim(session, task.id, 7)
    session.commit()
    return inst, task


def assert_step_refused(session, inst, task, words):
    """Completing the task runs the script: refused in Chinese; after the caller's rollback nothing moved."""
    state_before = inst.state
    with pytest.raises(engine.EngineError, match=words):
        engine.complete(session, task.id, 7, {"opinion": "同意办理"})
    session.rollback()
    session.expire_all()
    inst = session.get(ProcessInstance, inst.id)
    task = session.get(HumanTask, task.id)
    assert inst.state == state_before and inst.status == "running"
    assert task.state == TaskState.RESERVED and task.completed_by is None


@pytest.mark.parametrize("source", COMPILE_REFUSED.values(), ids=COMPILE_REFUSED.keys())
def test_deploy_refuses_the_script_naming_the_element_and_line(session, clock, source):
    with pytest.raises(engine.DeployError) as refused:
        engine.deploy(session, bundle(process(source), form=FORM))
    message = refused.value.message
    assert "脚本任务「计算」(Script_1)" in message and "沙箱" in message and "第 " in message
    assert session.scalar(select(func.count()).select_from(ProcessInstance)) == 0


@pytest.mark.parametrize("source", COMPILE_REFUSED.values(), ids=COMPILE_REFUSED.keys())
def test_a_script_smuggled_past_deploy_is_refused_at_run_and_the_case_stays(session, clock, monkeypatch, source):
    monkeypatch.setattr(sandbox, "problems", lambda source, mode: None)   # as if deploy had let it through
    inst, task = started_case(session, source)
    assert_step_refused(session, inst, task, "不允许|不是有效")


@pytest.mark.parametrize("source, words", RUN_REFUSED.values(), ids=RUN_REFUSED.keys())
def test_a_runaway_script_is_stopped_cleanly_and_the_case_stays(session, clock, source, words):
    inst, task = started_case(session, source)
    assert_step_refused(session, inst, task, words)


@pytest.mark.parametrize("source", list(COMPILE_REFUSED.values()) + [s for s, _ in RUN_REFUSED.values()])
def test_the_script_engine_refuses_hostile_text_handed_to_it_directly(source):
    environment = spiff.script_engine().environment
    with pytest.raises(sandbox.ScriptRefused):
        environment.execute(source, {"opinion": "同意"})
    if "\n" not in source and "=" not in source.split("(")[0]:
        with pytest.raises(sandbox.ScriptRefused):
            environment.evaluate(source, {"opinion": "同意"})


def test_expressions_elsewhere_are_checked_too(session, clock):
    condition = process("x = 1").replace(
        '<bpmn:sequenceFlow id="F3" sourceRef="Script_1" targetRef="End_1" />',
        '<bpmn:sequenceFlow id="F3" sourceRef="Script_1" targetRef="End_1"><bpmn:conditionExpression>'
        "().__class__.__bases__</bpmn:conditionExpression></bpmn:sequenceFlow>")
    due = process("x = 1").replace('value="t_form.json" />', 'value="t_form.json" />'
                                   '<spiffworkflow:property name="dueInWorkingDays" value="open(\'x\')" />')
    timer = process("x = 1").replace(
        '<bpmn:sequenceFlow id="F3" sourceRef="Script_1" targetRef="End_1" />',
        '<bpmn:intermediateCatchEvent id="Timer_1" name="等待"><bpmn:timerEventDefinition id="TD_1">'
        "<bpmn:timeDuration>__import__('os').getcwd()</bpmn:timeDuration></bpmn:timerEventDefinition>"
        '</bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="F3" sourceRef="Script_1" targetRef="Timer_1" />'
        '<bpmn:sequenceFlow id="F4" sourceRef="Timer_1" targetRef="End_1" />')
    post = process("x = 1").replace('<bpmn:script>x = 1</bpmn:script>', '<bpmn:script>x = 1</bpmn:script>'
                                    ).replace('</spiffworkflow:properties>', '</spiffworkflow:properties>'
                                              '<spiffworkflow:postScript>import os</spiffworkflow:postScript>')
    for xml, where in ((condition, "顺序流 F3"), (due, "用户任务「审核」(Task_1)"), (timer, "中间捕获事件「等待」(Timer_1)"),
                       (post, "用户任务「审核」(Task_1) 的后置脚本")):
        with pytest.raises(engine.DeployError, match="沙箱") as refused:
            engine.deploy(session, bundle(xml, form=FORM))
        assert where in refused.value.message


def test_dmn_cells_are_checked_at_deploy():
    dmn = ('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="D" name="d" namespace="x">'
           '<decision id="Decision_1" name="d"><decisionTable id="DT_1">'
           '<input id="In_1"><inputExpression id="IE_1" typeRef="number"><text>amount</text></inputExpression></input>'
           '<output id="Out_1" name="result" typeRef="string" />'
           '<rule id="Rule_1"><inputEntry id="E_1"><text>&gt; 5</text></inputEntry>'
           "<outputEntry id=\"O_1\"><text>open('instance/secret_key').read()</text></outputEntry></rule>"
           "<rule id=\"Rule_2\"><inputEntry id=\"E_2\"><text>&lt;= 5</text></inputEntry>"
           "<outputEntry id=\"O_2\"><text>'small'</text></outputEntry></rule>"
           '</decisionTable></decision></definitions>')
    errors = []
    check_dmn("t.dmn", parse_xml("t.dmn", dmn.encode(), errors), errors)
    assert len(errors) == 1 and "O_1" in errors[0] and "open" in errors[0]


def test_shipped_idioms_still_run_locals_update_and_del(session, clock):
    inst, task = started_case(session, "locals().update({'doubled': len(opinion) * 2})\n"
                                       "tmp = sorted([3, 1, 2])\nfirst = tmp[0]\ndel tmp\n"
                                       "total = sum(range(5)) + round(Decimal('1.25'), 1)")
    engine.complete(session, task.id, 7, {"opinion": "同意办理"})
    session.commit()
    data = engine.instance_data(session, inst)
    assert (data["doubled"], data["first"], data["total"]) == (8, 1, Decimal("11.2"))
    assert "tmp" not in data and "__builtins__" not in data


def test_form_values_are_data_and_never_evaluated(session, clock, tmp_path):
    marker = tmp_path / "pwned"
    hostile = f"__import__('os').system('touch {marker}')"
    inst, task = started_case(session, "echo = opinion")
    engine.complete(session, task.id, 7, {"opinion": hostile})
    session.commit()
    data = engine.instance_data(session, inst)
    assert data["opinion"] == hostile and data["echo"] == hostile
    assert not marker.exists()
