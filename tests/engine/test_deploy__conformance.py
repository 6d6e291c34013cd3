"""BPMN written by other tools (OMG MIWG suite, bpmn.io / Camunda Modeler, bpmnlint examples) never crashes deploy:
each file deploys, or is refused with messages that name the file or the element."""
from pathlib import Path

import pytest

import engine

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "conformance"
FILES = sorted(SHARED.glob("**/*.bpmn"))


@pytest.mark.skipif(not FILES, reason="../shared/conformance is not beside this checkout")
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_foreign_bpmn_deploys_or_is_refused_clearly(session, clock, path):
    try:
        results = engine.deploy(session, [path])
        assert all(r.version >= 1 for r in results)
    except engine.DeployError as exc:
        assert exc.errors
        for line in exc.errors:
            assert path.name in line or "元素" in line or "流程" in line, line
    finally:
        session.rollback()


def test_camunda_modeler_timer_file_is_refused_only_for_its_lanes(session, clock):
    """C.9.1 was drawn in Camunda Modeler: its only problem for us is a user task in no lane."""
    path = SHARED / "miwg" / "bpmn.io-18.6.1" / "C.9.1-export.bpmn"
    if not path.exists():
        pytest.skip("conformance files missing")
    with pytest.raises(engine.DeployError) as info:
        engine.deploy(session, [path])
    assert all("泳道" in e for e in info.value.errors)
