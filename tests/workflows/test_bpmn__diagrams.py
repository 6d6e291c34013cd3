"""Every process an analyst owns opens in a BPMN editor: each flow node, flow and lane has its diagram element."""
from pathlib import Path

import pytest
from lxml import etree

from tools.bpmn_layout import NS

FILES = sorted((Path(__file__).resolve().parents[2] / "workflows" / "bpmn").glob("*.bpmn"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_element_has_its_shape_or_edge(path):
    root = etree.parse(str(path)).getroot()
    drawn = {el.get("bpmnElement") for el in root.iter(f"{{{NS['bpmndi']}}}BPMNShape", f"{{{NS['bpmndi']}}}BPMNEdge")}
    elements = {el.get("id") for process in root.findall("bpmn:process", NS) for el in process.iter()
                if isinstance(el.tag, str) and el.get("id") and etree.QName(el).localname not in
                ("laneSet", "process", "conditionExpression", "timerEventDefinition", "messageEventDefinition",
                 "inputDataItem", "outputDataItem")}   # a multi-instance item is data, not drawn
    assert elements - drawn == set()
