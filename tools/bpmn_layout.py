"""Give a hand-written BPMN file a diagram (BPMN DI) so Camunda Modeler / bpmn-js can open and edit it: a pool
around the process, lanes as horizontal bands, nodes placed left to right by their distance from the start.

    python -m tools.bpmn_layout workflows/bpmn/dibao_application.bpmn [...]

Existing diagrams are replaced. The layout is plain; an analyst tidies it in the editor and saves."""
import sys
from collections import defaultdict, deque

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
NS = {"bpmn": BPMN, "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "dc": "http://www.omg.org/spec/DD/20100524/DC", "di": "http://www.omg.org/spec/DD/20100524/DI"}
SIZES = {"task": (100, 80), "event": (36, 36), "gateway": (50, 50)}
COLUMN, LANE_HEIGHT, LEFT = 150, 210, 180


def kind(tag: str) -> str:
    return "event" if tag.endswith("Event") else "gateway" if tag.endswith("Gateway") else "task"


def layout(path: str) -> None:
    tree = etree.parse(path, etree.XMLParser(remove_blank_text=True))
    root = tree.getroot()
    for old in root.findall("bpmndi:BPMNDiagram", NS) + root.findall("bpmn:collaboration", NS):
        root.remove(old)
    for process in root.findall("bpmn:process", NS):
        _layout_process(root, process)
    etree.indent(tree, space="  ")
    tree.write(path, xml_declaration=True, encoding="UTF-8", pretty_print=True)


NOT_NODES = ("laneSet", "sequenceFlow", "documentation", "extensionElements", "multiInstanceLoopCharacteristics",
             "standardLoopCharacteristics", "ioSpecification")


def _flow_nodes(container) -> dict:
    return {el.get("id"): el for el in container if el.get("id") and etree.QName(el).localname not in NOT_NODES}


def _layout_process(root, process) -> None:
    pid = process.get("id")
    nodes = _flow_nodes(process)
    flows = process.findall("bpmn:sequenceFlow", NS)
    lanes = process.findall(".//bpmn:lane", NS) or [None]
    lane_of = {ref.text: i for i, lane in enumerate(lanes) if lane is not None
               for ref in lane.findall("bpmn:flowNodeRef", NS)}
    pos, width = _place(nodes, flows, lane_of)
    collab = etree.Element(f"{{{BPMN}}}collaboration", id=f"Collaboration_{pid}")
    etree.SubElement(collab, f"{{{BPMN}}}participant", id=f"Participant_{pid}", name=process.get("name") or pid,
                     processRef=pid)
    root.insert(list(root).index(process), collab)
    diagram = etree.SubElement(root, f"{{{NS['bpmndi']}}}BPMNDiagram", id=f"Diagram_{pid}",
                               nsmap={k: NS[k] for k in ("bpmndi", "dc", "di")})
    plane = etree.SubElement(diagram, f"{{{NS['bpmndi']}}}BPMNPlane", id=f"Plane_{pid}", bpmnElement=collab.get("id"))
    _shape(plane, f"Participant_{pid}", (30, 30, width, LANE_HEIGHT * len(lanes)), horizontal=True)
    for i, lane in enumerate(lanes):
        if lane is not None:
            _shape(plane, lane.get("id"), (60, 30 + i * LANE_HEIGHT, width - 30, LANE_HEIGHT), horizontal=True)
    _draw(plane, nodes, pos, flows)
    for sub in process.iter(f"{{{BPMN}}}subProcess"):
        _layout_subprocess(root, sub)


def _layout_subprocess(root, sub) -> None:
    """A subprocess is drawn collapsed in its parent and opened on its own plane (how bpmn-js drills down)."""
    nodes, flows = _flow_nodes(sub), sub.findall("bpmn:sequenceFlow", NS)
    pos, _width = _place(nodes, flows, {})
    diagram = etree.SubElement(root, f"{{{NS['bpmndi']}}}BPMNDiagram", id=f"Diagram_{sub.get('id')}",
                               nsmap={k: NS[k] for k in ("bpmndi", "dc", "di")})
    plane = etree.SubElement(diagram, f"{{{NS['bpmndi']}}}BPMNPlane", id=f"Plane_{sub.get('id')}",
                             bpmnElement=sub.get("id"))
    _draw(plane, nodes, pos, flows)


def _place(nodes, flows, lane_of) -> tuple[dict, int]:
    """Box per node: column by distance from the start, row by lane; boundary events sit on their task's edge."""
    column = _columns(nodes, flows)
    taken, pos = defaultdict(int), {}
    for nid in sorted(nodes, key=lambda n: (column[n], n)):
        lane = lane_of.get(nid, 0)
        slot = taken[(column[nid], lane)]
        taken[(column[nid], lane)] += 1
        w, h = SIZES[kind(etree.QName(nodes[nid]).localname)]
        cx, cy = LEFT + column[nid] * COLUMN + 60, 30 + lane * LANE_HEIGHT + 60 + slot * 100
        pos[nid] = (cx - w // 2, cy - h // 2, w, h)
    for nid, el in nodes.items():
        host = pos.get(el.get("attachedToRef"))
        if etree.QName(el).localname == "boundaryEvent" and host:
            pos[nid] = (host[0] + host[2] - 26, host[1] + host[3] - 18, 36, 36)
    return pos, LEFT + (max(column.values(), default=0) + 1) * COLUMN + 80


def _draw(plane, nodes, pos, flows) -> None:
    for nid, box in pos.items():
        _shape(plane, nid, (box[0], box[1] + 30, box[2], box[3]))
        if etree.QName(nodes[nid]).localname == "subProcess":
            plane[-1].set("isExpanded", "false")
    for flow in flows:
        _edge(plane, flow.get("id"), pos[flow.get("sourceRef")], pos[flow.get("targetRef")])


def _columns(nodes, flows) -> dict[str, int]:
    """Longest distance from a start event, ignoring edges that loop back."""
    succ = defaultdict(list)
    for f in flows:
        succ[f.get("sourceRef")].append(f.get("targetRef"))
    for n, el in nodes.items():   # a boundary event comes right after the task it is attached to
        if el.get("attachedToRef"):
            succ[el.get("attachedToRef")].append(n)
    starts = [n for n, el in nodes.items() if etree.QName(el).localname == "startEvent"] or list(nodes)[:1]
    column, queue, seen = {n: 0 for n in starts}, deque(starts), set()
    order = []
    while queue:                       # breadth-first order gives a topological order up to back edges
        n = queue.popleft()
        if n in seen:
            continue
        seen.add(n)
        order.append(n)
        queue.extend(succ[n])
    rank = {n: i for i, n in enumerate(order)}
    for n in order:
        for m in succ[n]:
            if rank.get(m, -1) > rank[n]:
                column[m] = max(column.get(m, 0), column[n] + 1)
    return {n: column.get(n, 0) for n in nodes}


def _shape(plane, element, box, horizontal=False) -> None:
    shape = etree.SubElement(plane, f"{{{NS['bpmndi']}}}BPMNShape", id=f"{element}_di", bpmnElement=element)
    if horizontal:
        shape.set("isHorizontal", "true")
    etree.SubElement(shape, f"{{{NS['dc']}}}Bounds", x=str(box[0]), y=str(box[1]), width=str(box[2]),
                     height=str(box[3]))


def _edge(plane, element, source, target) -> None:
    edge = etree.SubElement(plane, f"{{{NS['bpmndi']}}}BPMNEdge", id=f"{element}_di", bpmnElement=element)
    sx, sy = source[0] + source[2], source[1] + 30 + source[3] // 2
    tx, ty = target[0], target[1] + 30 + target[3] // 2
    mid = (sx + tx) // 2 if tx > sx else sx + 20
    points = [(sx, sy), (mid, sy), (mid, ty), (tx, ty)] if tx > sx else \
        [(sx, sy), (mid, sy), (mid, min(sy, ty) - 70), (tx - 20, min(sy, ty) - 70), (tx - 20, ty), (tx, ty)]
    for x, y in points:
        etree.SubElement(edge, f"{{{NS['di']}}}waypoint", x=str(x), y=str(y))


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        layout(arg)
