"""Every script task is a line or two an analyst can read: plumbing (mapping form fields, setting defaults) lives in a
named, documented script function of the programme or step, which the script calls."""
from pathlib import Path

import pytest
from lxml import etree

from tools.bpmn_layout import NS

FILES = sorted((Path(__file__).resolve().parents[2] / "workflows" / "bpmn").glob("*.bpmn"))
MAX_LINES = 3


def script_tasks() -> list:
    found = []
    for path in FILES:
        for task in etree.parse(str(path)).getroot().iter(f"{{{NS['bpmn']}}}scriptTask"):
            script = task.find("bpmn:script", NS)
            found.append(pytest.param(script.text if script is not None else "",
                                      id=f"{path.stem}:{task.get('id')}"))
    return found


def test_the_processes_have_script_tasks():
    assert len(script_tasks()) > 20


@pytest.mark.parametrize("script", script_tasks())
def test_each_script_task_is_at_most_three_lines(script):
    lines = [line for line in (script or "").splitlines() if line.strip()]
    assert len(lines) <= MAX_LINES, "\n".join(lines)
