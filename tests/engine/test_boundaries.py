"""House rule: only engine/ imports SpiffWorkflow."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMPORT = re.compile(r"^\s*(from|import)\s+SpiffWorkflow", re.M)


def test_only_engine_imports_spiffworkflow():
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.glob("*/**/*.py")
                 if IMPORT.search(p.read_text(encoding="utf-8"))
                 and p.relative_to(ROOT).parts[0] not in ("engine", ".venv", "node_modules")]
    assert offenders == []


def test_engine_imports_no_domain_package():
    domain = re.compile(r"^\s*(from|import)\s+(assistance|web|documents)\b", re.M)
    assert [p.name for p in (ROOT / "engine").glob("*.py") if domain.search(p.read_text(encoding="utf-8"))] == []
