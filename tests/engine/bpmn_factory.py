"""Tiny BPMN documents for engine tests: one lane, one user task, optional timer / form / extras."""

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{pid}" targetNamespace="http://t">\n')

FORM = '{"type": "object", "required": ["opinion"], "properties": {"opinion": {"type": "string", "minLength": 2}}}'


def one_task(pid="t_proc", lane="乡镇经办人", form="t_form.json", timer=None, extra="", label="审核",
             task_attrs="", due="2"):
    """start -> user task (in lane) [-> timer catch] -> end."""
    props = f'<spiffworkflow:property name="formJsonSchemaFilename" value="{form}" />' if form else ""
    props += f'<spiffworkflow:property name="dueInWorkingDays" value="{due}" />' if due else ""
    after = "Timer_1" if timer else "End_1"
    timer_xml = (f'<bpmn:intermediateCatchEvent id="Timer_1" name="等待"><bpmn:timerEventDefinition id="TD_1">'
                 f'<bpmn:timeDuration>{timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'
                 f'<bpmn:sequenceFlow id="F3" sourceRef="Timer_1" targetRef="End_1" />') if timer else ""
    lane_xml = (f'<bpmn:laneSet id="LS_1"><bpmn:lane id="Lane_1" name="{lane}"><bpmn:flowNodeRef>Task_1'
                f'</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>') if lane is not None else ""
    return (HEAD.format(pid=pid) +
            f'<bpmn:process id="{pid}" name="测试流程" isExecutable="true">{lane_xml}'
            f'<bpmn:startEvent id="Start_1" />'
            f'<bpmn:userTask id="Task_1" name="{label}" {task_attrs}><bpmn:extensionElements><spiffworkflow:properties>'
            f'{props}</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>'
            f'{timer_xml}<bpmn:endEvent id="End_1" />'
            f'<bpmn:sequenceFlow id="F1" sourceRef="Start_1" targetRef="Task_1" />'
            f'<bpmn:sequenceFlow id="F2" sourceRef="Task_1" targetRef="{after}" />{extra}'
            f'</bpmn:process></bpmn:definitions>')


def bundle(bpmn: str, name="t_proc.bpmn", form=FORM, form_name="t_form.json") -> dict[str, bytes]:
    files = {name: bpmn.encode()}
    if form is not None:
        files[form_name] = form.encode()
    return files
